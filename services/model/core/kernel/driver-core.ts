// The driver core and the few CXL helpers that are easier to state natively
// than as effects (topology enumeration, find-or-construct). These are the
// semantics D4–D8 of the brief: probe, unbind order, devres_release_all
// emptying the list first, device_del/device_release and refcount-driven
// freeing. Called by the interpreter through `call` effects.
import { Ctx, Hang, ModelLimit, acquire, callFn, devresAdd, refGet, refPut, runNode, unlock, type Native } from '../interp.js';
import { clearFlag, hasFlag, setFlag, type DevId, type ObjId } from '../state.js';
import { hasSwitch, parentOf, type Topology } from '../topology.js';

export { Hang, ModelLimit };

interface Driver {
  name: string;
  probe: string;
  remove?: string;
}

/** Bus matching: which driver binds a slot when it is added or attached. */
export function driverFor(t: Topology, id: DevId): Driver | null {
  switch (id) {
    case 'P': return { name: 'cxl_acpi', probe: 'cxl_acpi_probe' };
    case 'H':
    case 'S': return { name: 'cxl_port', probe: 'cxl_port_probe' };
    case 'E': return { name: 'cxl_port', probe: 'cxl_endpoint_port_probe' };
    case 'M': return { name: 'cxl_mem', probe: 'cxl_mem_probe' };
    case 'X': return { name: 'cxl_region', probe: 'cxl_region_probe' };
    case 'D': return t.pciDriver === 'accel' ? { name: 'accel', probe: 'accel_probe', remove: 'accel_remove' } : { name: 'cxl_pci', probe: 'cxl_pci_probe' };
    default: return null;
  }
}

/** Auto-probed on device_add / rescan (P and D are bound only by their events). */
function autoProbe(id: DevId): boolean {
  return id === 'H' || id === 'S' || id === 'E' || id === 'M' || id === 'X';
}

/** D4: move every node off the list first, then run them newest first. */
export function devresReleaseAll(ctx: Ctx, id: DevId): void {
  const d = ctx.s.devs[id];
  if (!d.devres.length) return;
  const todo = d.devres;
  d.devres = [];
  if (ctx.log) ctx.note(`devres_release_all(${id}): ${id}.devres = [] ; todo = [${todo.join(', ')}]`, undefined, id);
  ctx.releasing.push(id);
  ctx.depth++;
  try {
    for (let i = todo.length - 1; i >= 0; i--) runNode(ctx, id, todo[i] as string);
  } finally {
    ctx.depth--;
    ctx.releasing.splice(ctx.releasing.lastIndexOf(id), 1);
  }
}

/** really_probe: lock, probe, and on failure release the devres and stay unbound (D6). */
export function reallyProbe(ctx: Ctx, id: DevId): string | null {
  const drv = driverFor(ctx.env.topo, id);
  const d = ctx.s.devs[id];
  if (!drv || !d.live || !d.added || d.driver) return null;
  if (d.devres.length) ctx.fault('bad-devm-context', `probe of ${id} starts with devres [${d.devres.join(', ')}]`);
  acquire(ctx, `dev:${id}`, 'exclusive');
  d.driver = drv.name;
  ctx.probing.push(id);
  ctx.depth++;
  let rc: string | null;
  try {
    rc = callFn(ctx, drv.probe, [id]);
  } finally {
    ctx.depth--;
    ctx.probing.pop();
  }
  if (rc) {
    if (ctx.log) ctx.note(`probe of ${id} failed (${rc}): release its devres`);
    devresReleaseAll(ctx, id);
    d.driver = null;
  }
  unlock(ctx, `dev:${id}`);
  return rc;
}

/** D5: lock, remove(), devres_release_all, and only then driver = NULL. */
export function releaseDriver(ctx: Ctx, id: DevId): void {
  const d = ctx.s.devs[id];
  if (!d.live || !d.driver) return;
  if (id === 'X' && ctx.holds('rwsem.region')) ctx.fault('lock-order', 'cxl_region unbind under cxl_rwsem.region');
  const drv = driverFor(ctx.env.topo, id);
  if (ctx.log) ctx.note(`device_release_driver(${id}) [${d.driver}]`);
  acquire(ctx, `dev:${id}`, 'exclusive');
  ctx.depth++;
  try {
    if (drv?.remove) callFn(ctx, drv.remove, [id]);
    devresReleaseAll(ctx, id);
  } finally {
    ctx.depth--;
  }
  d.driver = null;
  unlock(ctx, `dev:${id}`);
}

function deviceInitialize(ctx: Ctx, id: DevId): void {
  const d = ctx.s.devs[id];
  if (d.live) throw new ModelLimit(`${id} still allocated: a second instance needs a second slot`);
  Object.assign(d, { created: true, live: true, added: false, refs: 1, driver: null, devres: [] });
  ctx.s.flags[id] = [];
  const t = ctx.env.topo;
  if (id === 'ED' && t.autoRegion) setFlag(ctx.s, 'ED', 'auto');
  if (id === 'ED' && t.hwLockedDecoder) setFlag(ctx.s, 'ED', 'hwlock');
  if (ctx.log) ctx.note(`device_initialize(${id})`);
}

function deviceAdd(ctx: Ctx, id: DevId): void {
  const d = ctx.s.devs[id];
  const parent = parentOf(ctx.env.topo, id);
  if (parent) {
    refGet(ctx, parent);
    setFlag(ctx.s, id, '@pins-parent');
  }
  d.added = true;
  if (ctx.log) ctx.note(`device_add(${id})`);
  if (autoProbe(id)) reallyProbe(ctx, id);
}

/** D7: unbind, release devres again, then sysfs goes. */
function deviceDel(ctx: Ctx, id: DevId): void {
  const d = ctx.s.devs[id];
  if (!ctx.alive(id, `device_del(${id})`)) return;
  if (!d.added) {
    ctx.fault('single-unregister', `device_del(${id}) on a device already deleted`);
    return;
  }
  if (id === 'X' && ctx.holds('rwsem.region')) ctx.fault('lock-order', 'device_del(X) under cxl_rwsem.region');
  if (ctx.log) ctx.note(`device_del(${id})`);
  ctx.depth++;
  try {
    releaseDriver(ctx, id);
    devresReleaseAll(ctx, id);
  } finally {
    ctx.depth--;
  }
  d.added = false;
}

/** refcount reached 0: devres once more, the type's release, free, unpin the parent. */
function deviceRelease(ctx: Ctx, id: DevId): void {
  if (ctx.log) ctx.note(`${id} refcount 0: ${id} freed`);
  devresReleaseAll(ctx, id);
  const d = ctx.s.devs[id];
  d.live = false;
  const pinned = hasFlag(ctx.s, id, '@pins-parent');
  ctx.s.flags[id] = [];
  if (id === 'X') refPut(ctx, 'RD'); // the region's explicit pin of its root decoder
  const parent = parentOf(ctx.env.topo, id);
  if (parent && pinned) refPut(ctx, parent);
}

/** natives that return nothing report success */
const done = (_: void): null => null;

const dev = (a: (ObjId | null)[]): DevId => {
  const d = a[0];
  if (!d || d === 'A') throw new ModelLimit('native called without a device');
  return d;
};

/** The natives callable from effects, by kernel function name. */
export function driverCoreNatives(): Record<string, Native> {
  return {
    device_initialize: (c, a) => done(deviceInitialize(c, dev(a))),
    device_add: (c, a) => done(deviceAdd(c, dev(a))),
    device_register: (c, a) => {
      deviceInitialize(c, dev(a));
      deviceAdd(c, dev(a));
      return null;
    },
    device_del: (c, a) => done(deviceDel(c, dev(a))),
    cdev_device_del: (c, a) => done(deviceDel(c, dev(a))),
    device_unregister: (c, a) => {
      deviceDel(c, dev(a));
      refPut(c, dev(a));
      return null;
    },
    device_release: (c, a) => done(deviceRelease(c, dev(a))),
    get_device: (c, a) => done(refGet(c, dev(a))),
    put_device: (c, a) => done(refPut(c, dev(a))),
    device_release_driver: (c, a) => done(releaseDriver(c, dev(a))),
    device_attach: (c, a) => {
      if (dev(a) === 'X' && c.holds('rwsem.region')) c.fault('lock-order', 'device_attach(X) under cxl_rwsem.region');
      return reallyProbe(c, dev(a));
    },
    devres_release_all: (c, a) => done(devresReleaseAll(c, dev(a))),
    cxl_bus_rescan: (c) => {
      for (const id of ['H', 'S', 'E', 'X'] as DevId[]) reallyProbe(c, id);
      return null;
    },
    ...cxlNatives(),
  };
}

function cxlNatives(): Record<string, Native> {
  return {
    /** schedule_detach's queue_work: a second queueing drops the extra reference */
    queue_detach_work: (c) => {
      if (c.s.work.includes('detach_memdev(M)')) {
        refPut(c, 'M');
        return null;
      }
      c.s.work.push('detach_memdev(M)');
      c.s.work.sort();
      setFlag(c.s, 'M', 'detach_pending');
      if (c.log) c.note('queue_work(cxl_bus_wq, detach_memdev(M))');
      return null;
    },
    /** cxlmd->attach = attach: remembered as the memdev's `attach` flag */
    memdev_alloc: (c, a) => {
      deviceInitialize(c, 'M');
      if (a[1] === 'A') setFlag(c.s, 'M', 'attach');
      return null;
    },
    /** port enumeration: find or add the switch port under a bound host bridge */
    devm_cxl_enumerate_ports: (c) => enumeratePorts(c),
    // Lookups only say whether the object is found. The reference a lookup
    // returns is an explicit ref.get effect after it (scoped for __free(put_*)
    // variables), so callers state who drops it.
    cxl_find_region_by_name: (c) => (c.s.devs.X.live && c.s.devs.X.added ? null : '-ENODEV'),
    /** device_find_child(&endpoint->dev, …, first_mapped_decoder): the decoder with a region */
    device_find_child: (c) => (c.s.devs.ED.live && c.s.devs.ED.added && hasFlag(c.s, 'ED', 'attached') ? null : '-ENODEV'),
    /** find_cxl_port: only registered ports are found */
    cxl_find_port: (c, a) => (c.s.devs[dev(a)].live && c.s.devs[dev(a)].added ? null : '-ENODEV'),
    region_find_or_construct: (c) => (c.s.devs.X.live && c.s.devs.X.added ? null : callFn(c, 'cxl_region_construct', ['X'])),
    /** cxlmd->attach->probe(cxlmd): the accelerator's method (RFC: cxl_memdev_attach_region) */
    attach_probe: (c) => {
      if (!c.alive('A', 'cxlmd->attach->probe')) return '-EFAULT';
      return callFn(c, c.env.fns.cxl_memdev_attach_region ? 'cxl_memdev_attach_region' : 'accel_attach_noop', ['M']);
    },
    attach_alloc: (c) => {
      c.s.flags.A = ['alive'];
      if (!c.env.topo.attachOnStack) devresAdd(c, 'D', 'kfree_attach', 'A', false);
      return null;
    },
    attach_stack_end: (c) => {
      if (c.env.topo.attachOnStack) clearFlag(c.s, 'A', 'alive');
      return null;
    },
    kfree_attach: (c) => {
      c.s.flags.A = [];
      return null;
    },
    /** the accelerator ioremaps the range its attach descriptor received */
    accel_map_range: (c) => {
      if (hasFlag(c.s, 'A', 'alive') && hasFlag(c.s, 'A', 'range')) {
        setFlag(c.s, 'D', 'mapped');
        if (c.log) c.note('accelerator maps the region range');
      }
      return null;
    },
  };
}

function enumeratePorts(c: Ctx): string | null {
  const t = c.env.topo;
  if (devresAdd(c, 'M', 'cxl_detach_ep', 'M', true)) return '-ENOMEM';
  const top: DevId = t.kind === 'rch' ? 'P' : 'H';
  if (!c.s.devs[top].live || !c.s.devs[top].added || !c.s.devs[top].driver) return '-ENXIO';
  if (!hasSwitch(t) || (c.s.devs.S.live && c.s.devs.S.added)) return null;
  acquire(c, 'dev:H', 'exclusive');
  try {
    deviceInitialize(c, 'S');
    deviceAdd(c, 'S');
    return devresAdd(c, 'H', 'unregister_port', 'S', true);
  } finally {
    unlock(c, 'dev:H');
  }
}

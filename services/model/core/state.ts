// The state of the CXL lifetime model: one slot per object of a small,
// fixed topology (P, R, RD, H, optional S, E, ED, X, M, D and the attach
// descriptor A), the driver-core view of each device (registered, bound,
// refcount, devres list) and the CXL facts the rules depend on (flags).
// Used by the actions (actions/*.ts), the interpreter and the explorer.
// Deliberately NOT here: locks and the devres todo list of a release in
// progress. Every event runs to completion (see actions/event.ts), so those
// live only in the interpreter's per-event context and are always empty
// between events; keeping them out keeps the state small and canonical.

/** Devices of the model. P = cxl_acpi platform device, D = the PCI device. */
export type DevId = 'P' | 'R' | 'RD' | 'H' | 'S' | 'E' | 'ED' | 'X' | 'M' | 'D';
/** Objects: the devices plus the attach descriptor A (plain memory). */
export type ObjId = DevId | 'A';

export const DEV_IDS: readonly DevId[] = ['P', 'R', 'RD', 'H', 'S', 'E', 'ED', 'X', 'M', 'D'];

/**
 * One struct device. Why these fields only: the lifetime rules of the
 * semantics brief (D1–D10) depend on whether the device is initialised
 * (memory valid), added (device_add .. device_del), which driver is bound,
 * its refcount (memory is freed at 0, D7) and its devres list (D1).
 */
export interface Dev {
  /** the slot was ever initialised (for full-unload) */
  created: boolean;
  /** memory is valid: initialised and refcount not yet 0 */
  live: boolean;
  /** between device_add and device_del */
  added: boolean;
  refs: number;
  /** bound driver name, or null (dev->driver) */
  driver: string | null;
  /**
   * devres nodes, oldest first. An action is written `fn(data)`, a group
   * marker `[g` (open) or `]g` (close). Strings keep hashing cheap and make
   * the trace readable as-is.
   */
  devres: string[];
}

/**
 * Model state. Flags hold every boolean fact about an object (region LOCK and
 * commit state, decoder attachment, memdev @attach, port dead, accelerator
 * mapping …), sorted, so that two equal states serialise identically.
 */
export interface ModelState {
  devs: Record<DevId, Dev>;
  flags: Record<ObjId, string[]>;
  /** queued work items, e.g. `detach_memdev(M)` (sorted) */
  work: string[];
  /** invariant violations seen so far, `invariant: detail` (sorted, unique) */
  faults: string[];
  /** a task self-deadlocked: nothing else can make progress */
  hung: boolean;
  /** one-shot allocation failure: 'unused', 'armed:<action>' or 'used' */
  alloc: string;
  /** events completed while the accelerator maps a range whose region is gone (capped) */
  hazard: number;
}

export function emptyDev(): Dev {
  return { created: false, live: false, added: false, refs: 0, driver: null, devres: [] };
}

/** A fresh device that exists before the model starts (P from ACPI, D from PCI). */
export function presentDev(): Dev {
  return { created: true, live: true, added: true, refs: 1, driver: null, devres: [] };
}

function cloneDev(d: Dev): Dev {
  return { created: d.created, live: d.live, added: d.added, refs: d.refs, driver: d.driver, devres: d.devres.slice() };
}

/** Copy every field explicitly (the house rule for next-state functions). */
export function cloneState(s: ModelState): ModelState {
  const devs = {} as Record<DevId, Dev>;
  for (const id of DEV_IDS) devs[id] = cloneDev(s.devs[id]);
  const flags = {} as Record<ObjId, string[]>;
  for (const k of Object.keys(s.flags) as ObjId[]) flags[k] = s.flags[k].slice();
  return { devs, flags, work: s.work.slice(), faults: s.faults.slice(), hung: s.hung, alloc: s.alloc, hazard: s.hazard };
}

export function hasFlag(s: ModelState, obj: ObjId, flag: string): boolean {
  return s.flags[obj].includes(flag);
}

export function setFlag(s: ModelState, obj: ObjId, flag: string): void {
  const f = s.flags[obj];
  if (!f.includes(flag)) {
    f.push(flag);
    f.sort();
  }
}

export function clearFlag(s: ModelState, obj: ObjId, flag: string): void {
  const f = s.flags[obj];
  const i = f.indexOf(flag);
  if (i >= 0) f.splice(i, 1);
}

export function addFault(s: ModelState, fault: string): void {
  if (!s.faults.includes(fault)) {
    s.faults.push(fault);
    s.faults.sort();
  }
}

/**
 * Canonical key of a state. Field order is fixed and every list is kept
 * sorted (or is order-significant, like devres), so equal states give equal
 * keys. Absent slots (never created) collapse to `-`.
 */
export function stateKey(s: ModelState): string {
  let k = '';
  for (const id of DEV_IDS) {
    const d = s.devs[id];
    if (!d.created) {
      k += '-|';
      continue;
    }
    k += `${d.live ? 1 : 0}${d.added ? 1 : 0}${d.refs}${d.driver ?? ''}[${d.devres.join(',')}]|`;
  }
  for (const id of Object.keys(s.flags) as ObjId[]) if (s.flags[id].length) k += `${id}{${s.flags[id].join(',')}}`;
  return `${k}w${s.work.join(',')}f${s.faults.join(',')}${s.hung ? 'H' : ''}a${s.alloc}z${s.hazard}`;
}

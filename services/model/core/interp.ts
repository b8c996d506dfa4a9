// The interpreter of the lifetime-effect language (effects.ts). Runs a kernel
// function's effects against a mutable working copy of the model state,
// inside one event. Called by the driver-core natives (kernel/driver-core.ts)
// and the actions. It knows the devres rules D1–D4/D9 and the lock rules of
// §3.4; it does not know any CXL function by name (those are FunctionEffects,
// built in or extracted from a patch).
import type { Cond, Effect, FunctionEffects, Loc, ObjRef, Role } from './effects.js';
import { addFault, clearFlag, hasFlag, setFlag, type DevId, type ModelState, type ObjId } from './state.js';
import { endpointHost, lockRank, type Topology } from './topology.js';

/** Everything constant while exploring one scenario on one code version. */
export interface Env {
  topo: Topology;
  /** built-ins overlaid with the version's (complete) patched functions */
  fns: Record<string, FunctionEffects>;
  roles: Record<Role, ObjId | null>;
  natives: Record<string, Native>;
}

export type Native = (ctx: Ctx, args: (ObjId | null)[]) => string | null;

/** One line of a readable trace. */
export interface TraceLine {
  depth: number;
  text: string;
  loc?: Loc;
  /** the devres list this line touched, after the effect */
  devres?: { dev: DevId; list: string[] };
}

/** An invariant violation with the patch lines that were executing. */
export interface FaultRecord {
  invariant: string;
  detail: string;
  /** current effect of every patch-function frame on the stack, innermost last, plus related lines */
  locs: Loc[];
}

interface Frame {
  fx: FunctionEffects;
  roles: Partial<Record<Role, ObjId | null>>;
  results: Map<string, string | null>;
  cleanup: (() => void)[];
  current?: Loc;
}

interface Held {
  id: string;
  mode: 'read' | 'write' | 'exclusive';
  loc?: Loc;
}

/** A task blocked forever (self-deadlock): the event never completes. */
export class Hang extends Error {}
/** The step needs something the model cannot represent (e.g. a second instance of a slot). */
export class ModelLimit extends Error {}

export class Ctx {
  held: Held[] = [];
  releasing: DevId[] = [];
  probing: DevId[] = [];
  frames: Frame[] = [];
  depth = 0;
  /** where each flag was last set (replay only), for locating faults */
  flagLocs = new Map<string, Loc>();

  constructor(
    readonly env: Env,
    readonly s: ModelState,
    readonly log: TraceLine[] | null,
    readonly faults: FaultRecord[] | null,
  ) {}

  note(text: string, loc?: Loc, devresOf?: DevId): void {
    if (!this.log) return;
    const line: TraceLine = { depth: this.depth, text };
    if (loc) line.loc = loc;
    if (devresOf) line.devres = { dev: devresOf, list: this.s.devs[devresOf].devres.slice() };
    this.log.push(line);
  }

  fault(invariant: string, detail: string, extra: Loc[] = []): void {
    addFault(this.s, `${invariant}: ${detail}`);
    this.note(`!! ${invariant}: ${detail}`);
    if (!this.faults) return;
    const locs = this.frames.filter((f) => f.fx.source === 'patch' && f.current).map((f) => f.current as Loc);
    this.faults.push({ invariant, detail, locs: [...extra, ...locs] });
  }

  /** The memory of `obj` is valid; otherwise record a use-after-free. */
  alive(obj: ObjId, what: string): boolean {
    if (obj === 'A') {
      if (hasFlag(this.s, 'A', 'alive')) return true;
      this.fault('descriptor-lifetime', `${what}: the attach descriptor is gone`, this.flagLoc('A', 'alive'));
      return false;
    }
    const d = this.s.devs[obj];
    if (d.live) return true;
    this.fault('no-uaf', `${what}: ${obj} was already freed`);
    return false;
  }

  flagLoc(obj: ObjId, flag: string): Loc[] {
    const l = this.flagLocs.get(`${obj}.${flag}`);
    return l ? [l] : [];
  }

  holds(id: string): Held | undefined {
    return this.held.find((h) => h.id === id);
  }
}

export function resolve(ctx: Ctx, frame: Frame | undefined, ref: ObjRef | undefined): ObjId | null {
  if (!ref || 'unresolved' in ref) return null;
  if ('role' in ref) {
    if (ref.via && /endpoint_host/.test(ref.via)) return endpointHost(ctx.env.topo);
    if (frame && ref.role in frame.roles) return frame.roles[ref.role] ?? null;
    return ctx.env.roles[ref.role];
  }
  return null;
}

function refText(ref: ObjRef | undefined): string {
  if (!ref) return '?';
  return 'unresolved' in ref ? ref.unresolved : (ref.via ?? ref.role);
}

/** Call a kernel function by name: a native (driver core) or FunctionEffects. */
export function callFn(ctx: Ctx, name: string, args: (ObjId | null)[], argRefs?: ObjRef[]): string | null {
  const native = ctx.env.natives[name];
  if (native) return native(ctx, args);
  const fx = ctx.env.fns[name];
  if (!fx) {
    if (ctx.log) ctx.note(`${name}(${args.join(', ')}): not modelled, assumed to return 0`);
    return null;
  }
  if (ctx.depth > 40) throw new ModelLimit(`call depth at ${name}`);
  const frame: Frame = { fx, roles: {}, results: new Map(), cleanup: [] };
  fx.params.forEach((p, i) => {
    if (!p.role) return;
    const ref = argRefs?.[i];
    if (args[i] != null || (ref && 'unresolved' in ref && ref.unresolved === 'NULL')) frame.roles[p.role] = args[i] ?? null;
  });
  if (ctx.log) ctx.note(`${name}(${args.map((a) => a ?? 'NULL').join(', ')})${fx.source === 'patch' ? ' [patched]' : ''}`);
  ctx.frames.push(frame);
  ctx.depth++;
  let ret: string | null = null;
  try {
    const r = runBlock(ctx, frame, fx.body);
    ret = r ? r.error : null;
  } finally {
    for (const c of frame.cleanup.reverse()) c();
    ctx.frames.pop();
    ctx.depth--;
  }
  if (ret) ctx.note(`${name} returns ${ret}`);
  return ret;
}

function runBlock(ctx: Ctx, frame: Frame, body: Effect[]): { error: string | null } | undefined {
  for (const e of body) {
    if (e.loc) frame.current = e.loc;
    const r = runEffect(ctx, frame, e);
    if (r) return r;
  }
  return undefined;
}

function evalCond(ctx: Ctx, frame: Frame, c: Cond): boolean {
  switch (c.kind) {
    case 'flag': {
      const o = resolve(ctx, frame, c.obj);
      if (!o) return false;
      ctx.alive(o, `test ${c.flag} on ${o}`);
      return hasFlag(ctx.s, o, c.flag);
    }
    case 'bound': {
      const o = resolve(ctx, frame, c.obj);
      return !!o && o !== 'A' && ctx.s.devs[o].driver !== null;
    }
    case 'failed':
      return !!frame.results.get(c.result);
    case 'not':
      return !evalCond(ctx, frame, c.cond);
    case 'unknown':
      if (ctx.log) ctx.note(`if (${c.text}): not modelled, assumed false`);
      return false;
  }
}

/** D1–D3 and D9: the devres effects. */
function runDevresEffect(ctx: Ctx, frame: Frame, e: Effect): void {
  switch (e.op) {
    case 'devres.add': {
      const host = resolve(ctx, frame, e.host);
      const data = resolve(ctx, frame, e.data);
      const rc = host ? devresAdd(ctx, host as DevId, e.action, data, e.orReset, e.loc) : unmodelled(ctx, e.host);
      if (e.result) frame.results.set(e.result, rc);
      return;
    }
    case 'devres.release':
    case 'devres.remove': {
      const host = resolve(ctx, frame, e.host);
      if (!host) return void unmodelled(ctx, e.host);
      devresRelease(ctx, host as DevId, e.action, resolve(ctx, frame, e.data), e.op === 'devres.release', e.loc);
      return;
    }
    case 'group.open':
    case 'group.remove':
    case 'group.release': {
      const host = resolve(ctx, frame, e.host);
      if (!host) return void unmodelled(ctx, e.host);
      const rc = groupOp(ctx, host as DevId, e.op, e.group, e.loc);
      if (e.op === 'group.open' && e.result) frame.results.set(e.result, rc);
      return;
    }
    default:
      return;
  }
}

/** Effects on one object: flags, references, reads and writes. */
function runObjectEffect(ctx: Ctx, frame: Frame, e: Effect): void {
  switch (e.op) {
    case 'flag.set':
    case 'flag.clear':
    case 'flag.test': {
      const o = resolve(ctx, frame, e.obj);
      if (!o) return void unmodelled(ctx, e.obj);
      if (!ctx.alive(o, `${e.op} ${e.flag} on ${o}`)) return;
      if (e.op === 'flag.set') {
        setFlag(ctx.s, o, e.flag);
        if (e.loc) ctx.flagLocs.set(`${o}.${e.flag}`, e.loc);
      } else if (e.op === 'flag.clear') clearFlag(ctx.s, o, e.flag);
      if (ctx.log) ctx.note(`${e.op} ${e.flag} on ${o}${e.op === 'flag.test' ? ` (${hasFlag(ctx.s, o, e.flag) ? 'set' : 'clear'})` : ''}`, e.loc);
      return;
    }
    case 'ref.get': {
      const o = resolve(ctx, frame, e.obj);
      if (!o || o === 'A') return void unmodelled(ctx, e.obj);
      if ('result' in e) {
        const found = lookupFinds(ctx, o);
        frame.results.set(e.result, found ? null : '-ENODEV');
        if (ctx.log) ctx.note(`lookup of ${o}: ${found ? 'found' : 'not found'}`, e.loc);
        if (!found) return;
      }
      refGet(ctx, o, e.loc);
      if (e.scoped) frame.cleanup.push(() => refPut(ctx, o));
      return;
    }
    case 'ref.put': {
      const o = resolve(ctx, frame, e.obj);
      if (!o || o === 'A') return void unmodelled(ctx, e.obj);
      refPut(ctx, o, e.loc);
      return;
    }
    case 'read':
    case 'write': {
      const o = resolve(ctx, frame, e.obj);
      if (!o) return void unmodelled(ctx, e.obj);
      if (ctx.log) ctx.note(`${e.op} ${o}->${e.field}`, e.loc);
      if (!ctx.alive(o, `${e.op} ${refText(e.obj)}->${e.field}`)) return;
      if (e.op === 'write' && o === 'A' && resolve(ctx, frame, e.value) === 'X') {
        setFlag(ctx.s, 'A', 'range');
        if (e.loc) ctx.flagLocs.set('A.range', e.loc);
      }
      return;
    }
    default:
      return;
  }
}

function runEffect(ctx: Ctx, frame: Frame, e: Effect): { error: string | null } | undefined {
  switch (e.op) {
    case 'devres.add':
    case 'devres.release':
    case 'devres.remove':
    case 'group.open':
    case 'group.remove':
    case 'group.release':
      runDevresEffect(ctx, frame, e);
      return undefined;
    case 'lock':
      lock(ctx, frame, e);
      return undefined;
    case 'unlock':
      unlock(ctx, lockId(ctx, frame, e.lock, e.obj));
      return undefined;
    case 'flag.set':
    case 'flag.clear':
    case 'flag.test':
    case 'ref.get':
    case 'ref.put':
    case 'read':
    case 'write':
      runObjectEffect(ctx, frame, e);
      return undefined;
    case 'call': {
      const args = e.args.map((a) => resolve(ctx, frame, a));
      const rc = callFn(ctx, e.fn, args, e.args);
      if (e.result) frame.results.set(e.result, rc);
      return undefined;
    }
    case 'if':
      return runBlock(ctx, frame, evalCond(ctx, frame, e.cond) ? e.then : e.else);
    case 'return':
      return { error: e.value !== undefined ? (frame.results.get(e.value) ?? null) : e.error };
    case 'unmodelled':
      if (ctx.log) ctx.note(`not modelled: ${e.text}`, e.loc);
      return undefined;
  }
}

/**
 * A lookup (ref.get with a result) finds registered objects only. An endpoint
 * decoder is looked up by the seed only through first_mapped_decoder, so it is
 * found only while it maps a region (simplification: the match function is
 * not part of the effect).
 */
function lookupFinds(ctx: Ctx, o: DevId): boolean {
  const d = ctx.s.devs[o];
  if (!d.live || !d.added) return false;
  return o !== 'ED' || hasFlag(ctx.s, 'ED', 'attached');
}

function unmodelled(ctx: Ctx, ref: ObjRef | undefined): null {
  if (ctx.log) ctx.note(`not modelled: ${refText(ref)}`);
  return null;
}

export function refGet(ctx: Ctx, o: DevId, loc?: Loc): void {
  if (!ctx.alive(o, `get_device(${o})`)) return;
  ctx.s.devs[o].refs++;
  if (ctx.log) ctx.note(`get_device(${o}) → ${ctx.s.devs[o].refs}`, loc);
}

export function refPut(ctx: Ctx, o: DevId, loc?: Loc): void {
  if (!ctx.alive(o, `put_device(${o})`)) return;
  const d = ctx.s.devs[o];
  d.refs--;
  if (ctx.log) ctx.note(`put_device(${o}) → ${d.refs}`, loc);
  if (d.refs === 0) callFn(ctx, 'device_release', [o]);
}

/** D1/D2: append (fn, data); on allocation failure run fn(data) now if or_reset. */
export function devresAdd(ctx: Ctx, host: DevId, fn: string, data: ObjId | null, orReset: boolean, loc?: Loc): string | null {
  const node = `${fn}(${data ?? 'NULL'})`;
  if (!ctx.alive(host, `devm_add_action(${host}, ${node})`)) return '-ENXIO';
  const d = ctx.s.devs[host];
  if (ctx.releasing.includes(host)) ctx.fault('bad-devm-context', `${node} added to ${host} while its devres is being released`);
  else if (d.driver === null && !ctx.probing.includes(host)) ctx.fault('bad-devm-context', `${node} added to unbound ${host}`);
  if (ctx.s.alloc === `armed:${fn}`) {
    ctx.s.alloc = 'used';
    if (ctx.log) ctx.note(`devm_add_action${orReset ? '_or_reset' : ''}(${host}, ${node}): allocation fails (-ENOMEM)`, loc, host);
    if (orReset) {
      if (ctx.log) ctx.note(`or_reset: runs ${node} synchronously in the caller's context (D2)`, loc);
      callFn(ctx, fn, [data]);
    }
    return '-ENOMEM';
  }
  d.devres.push(node);
  if (ctx.log) ctx.note(`devm_add_action(${host}, ${node})`, loc, host);
  return null;
}

/** D3: newest-first search of the live list; WARN and no call when absent. */
export function devresRelease(ctx: Ctx, host: DevId, fn: string, data: ObjId | null, run: boolean, loc?: Loc): void {
  const node = `${fn}(${data ?? 'NULL'})`;
  const verb = run ? 'devm_release_action' : 'devm_remove_action';
  const list = ctx.s.devs[host].devres;
  const i = list.lastIndexOf(node);
  if (i < 0) {
    if (ctx.log) ctx.note(`${verb}(${host}, ${node}): not on ${host}.devres → -ENOENT, WARN_ON`, loc, host);
    ctx.fault('devres-found', `${verb}(${host}, ${node}) found nothing (WARN)`);
    return;
  }
  list.splice(i, 1);
  if (ctx.log) ctx.note(`${verb}(${host}, ${node}): unlinked`, loc, host);
  if (run) callFn(ctx, fn, [data]);
}

/** D9: groups. remove drops the markers only; release runs the nodes inside, LIFO. */
function groupOp(ctx: Ctx, host: DevId, op: string, g: string, loc?: Loc): string | null {
  const list = ctx.s.devs[host].devres;
  if (op === 'group.open') {
    if (ctx.s.alloc === 'armed:devres_open_group') {
      ctx.s.alloc = 'used';
      if (ctx.log) ctx.note(`devres_open_group(${host}): allocation fails`, loc);
      return '-ENOMEM';
    }
    list.push(`[${g}`);
    if (ctx.log) ctx.note(`devres_open_group(${host})`, loc, host);
    return null;
  }
  const open = list.lastIndexOf(`[${g}`);
  if (open < 0) {
    ctx.fault('devres-found', `${op.replace('.', '_')}(${host}, ${g}) found no group (WARN)`);
    return null;
  }
  let close = list.indexOf(`]${g}`, open);
  if (close < 0) close = list.length;
  const inside = list.slice(open + 1, close);
  list.splice(open, close - open + (close < list.length ? 1 : 0), ...(op === 'group.remove' ? inside : []));
  if (ctx.log) ctx.note(`devres_${op === 'group.remove' ? 'remove' : 'release'}_group(${host}): ${inside.length ? inside.join(', ') : 'nothing'} inside`, loc, host);
  if (op === 'group.release') for (const n of inside.reverse()) runNode(ctx, host, n);
  return null;
}

/** Run one devres node taken off `host`'s list (group markers do nothing). */
export function runNode(ctx: Ctx, host: DevId, node: string): void {
  if (node.startsWith('[') || node.startsWith(']')) return;
  const m = /^([^(]+)\((.*)\)$/.exec(node);
  if (!m) return;
  if (ctx.log) ctx.note(`${host}: release ${node}`);
  const data = m[2] === 'NULL' ? null : (m[2] as ObjId);
  callFn(ctx, m[1] as string, [data]);
}

function lockId(ctx: Ctx, frame: Frame, lock: string, obj?: ObjRef): string {
  if (lock === 'device') return `dev:${resolve(ctx, frame, obj) ?? '?'}`;
  return lock;
}

function lock(ctx: Ctx, frame: Frame, e: Extract<Effect, { op: 'lock' }>): void {
  const id = lockId(ctx, frame, e.lock, e.obj);
  if (id === 'dev:?') return void unmodelled(ctx, e.obj);
  acquire(ctx, id, e.mode, e.loc);
  if (e.scoped) frame.cleanup.push(() => unlock(ctx, id));
}

/** §3.4 and invariant 9: order, and no re-acquisition by the same task. */
export function acquire(ctx: Ctx, id: string, mode: Held['mode'], loc?: Loc): void {
  if (id.startsWith('dev:') && !ctx.alive(id.slice(4) as DevId, `lock ${id.slice(4)}`)) return;
  const mine = ctx.holds(id);
  if (mine && !(mine.mode === 'read' && mode === 'read')) {
    if (ctx.log) ctx.note(`${id} ${mode}: already held ${mine.mode} by this task`, loc);
    ctx.fault('no-self-deadlock', `${id} taken for ${mode} while this task holds it for ${mine.mode}`, mine.loc ? [mine.loc] : []);
    throw new Hang(id);
  }
  const top = ctx.held.reduce((m, h) => Math.max(m, lockRank(h.id)), 0);
  if (!mine && lockRank(id) < top) {
    const outer = ctx.held.find((h) => lockRank(h.id) === top);
    ctx.fault('lock-order', `${id} taken while holding ${outer?.id}`, outer?.loc ? [outer.loc] : []);
  }
  ctx.held.push(loc ? { id, mode, loc } : { id, mode });
  if (ctx.log) ctx.note(`lock ${id} (${mode})`, loc);
}

export function unlock(ctx: Ctx, id: string): void {
  for (let i = ctx.held.length - 1; i >= 0; i--) {
    if (ctx.held[i]?.id === id) {
      ctx.held.splice(i, 1);
      if (ctx.log) ctx.note(`unlock ${id}`);
      return;
    }
  }
}

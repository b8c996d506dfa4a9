// Maps a C call to lifetime effects through the declared tables: accessors
// (pure, name an object), lookups (take a reference), the call table
// (devres, groups, locks, flags, references), guard(class)(arg), ignored
// helpers, then the fallbacks: a `call` effect for other functions, an
// `unmodelled` effect for lifetime-looking names the table does not know.
import type { Effect, LockName, ObjRef } from '../../../model/core/effects.js';
import { FUNCTIONS, LOOKUPS, PORT_ROLES, TYPES } from './accessors.js';
import {
  CALLS, CXL_NAME, FLAGS, FREES, GUARDS, IGNORED, LIFETIME_LIKE, MODEL_CALLS, MUTEXES, RWSEMS, type CallSpec, type LockKind,
} from './calls.js';
import { child, named, text, type CNode } from './cst.js';
import { squash, type FnCtx, type Val } from './ctx.js';
import { canonical, evalPlace, evalValue, toRef } from './resolve.js';

export interface CallOpts {
  /** the variable the call's value is stored in */
  result?: string;
  /** the variable carries __free(put_*): a reference it holds is dropped at scope exit */
  free?: boolean;
}

function args(node: CNode): CNode[] {
  const a = child(node, 'arguments');
  return a ? named(a) : [];
}

/** Record that `opts.result` holds this call's value; `hint` = what the API returns when no variable says. */
function setResult(ctx: FnCtx, opts: CallOpts, hint: 'pointer' | 'int' | 'unknown' = 'unknown'): string | undefined {
  if (!opts.result) return undefined;
  const v = ctx.vars.get(opts.result);
  ctx.results.set(opts.result, !v ? hint : v.pointer ? 'pointer' : 'int');
  return opts.result;
}

export function callValue(ctx: FnCtx, node: CNode, out: Effect[], opts: CallOpts): Val {
  const fn = child(node, 'function');
  const as = args(node);
  const outer = fn?.type === 'call_expression' ? text(child(fn, 'function') ?? fn) : '';
  if (outer === 'guard' || outer === 'ACQUIRE') return guard(ctx, node, fn as CNode, as, out);
  if (!fn || fn.type !== 'identifier') {
    if (fn) evalValue(ctx, fn, out);
    as.forEach((a) => evalValue(ctx, a, out));
    out.push(ctx.at(node, { op: 'unmodelled', text: `indirect call ${squash(text(node))}` }));
    ctx.note(`indirect call: ${squash(text(node))}`, node);
    return { k: 'unknown', text: squash(text(node)) };
  }
  const name = text(fn);
  if (name === 'container_of') return containerOf(ctx, node, as, out);
  const acc = FUNCTIONS[name];
  if (acc) return accessor(ctx, node, as, acc, out);
  if (LOOKUPS[name]) return lookup(ctx, node, name, as, out, opts);
  const spec = CALLS[name];
  if (spec) return tableCall(ctx, node, spec, as, out, opts);
  const vals = as.map((a) => evalValue(ctx, a, out));
  if (IGNORED.has(name)) return { k: 'opaque', text: squash(text(node)) };
  if (FREES.has(name) && !vals.some((v) => v.k === 'obj')) return { k: 'opaque', text: squash(text(node)) };
  if (LIFETIME_LIKE.test(name) && !MODEL_CALLS.has(name) && !CXL_NAME.test(name)) {
    out.push(ctx.at(node, { op: 'unmodelled', text: squash(text(node)) }));
    ctx.note(`no table entry for ${name}: ${squash(text(node))}`, node);
    return { k: 'unknown', text: squash(text(node)) };
  }
  const refs = vals.map((v, i) => toRef(ctx, v, as[i] as CNode, false));
  const result = setResult(ctx, opts);
  out.push(ctx.at(node, result ? { op: 'call', fn: name, args: refs, result } : { op: 'call', fn: name, args: refs }));
  return { k: 'unknown', text: squash(text(node)) };
}

function accessor(ctx: FnCtx, node: CNode, as: CNode[], acc: { to: string; reads?: string }, out: Effect[]): Val {
  const a = as[0];
  const v = a ? evalValue(ctx, a, out) : ({ k: 'unknown', text: '' } as Val);
  as.slice(1).forEach((x) => evalValue(ctx, x, out));
  const via = squash(text(node));
  if (acc.reads && v.k === 'obj' && a) out.push(ctx.at(node, { op: 'read', obj: { role: v.role, via: squash(text(a)) }, field: acc.reads }));
  const to = acc.to;
  if (to === 'sameIfPort') {
    if (v.k === 'obj' && PORT_ROLES.includes(v.role)) return { k: 'obj', role: v.role, path: '', via };
    if (v.k === 'obj' && v.role !== 'device') return { k: 'unknown', text: via };
    return { k: 'obj', role: 'port', path: '', via };
  }
  return { k: 'obj', role: to as never, path: '', via };
}

/** container_of(ptr, T, member) / container_of(ptr, typeof(*x), member): T's role. */
function containerOf(ctx: FnCtx, node: CNode, as: CNode[], out: Effect[]): Val {
  const v = as[0] ? evalValue(ctx, as[0], out) : null;
  const t = as[1] ? squash(text(as[1])) : '';
  const m = /^typeof\s*\(\s*\*\s*(\w+)\s*\)$/.exec(t);
  const struct = m ? (ctx.vars.get(m[1] as string)?.struct ?? null) : (/^struct\s+(\w+)$/.exec(t)?.[1] ?? null);
  const role = struct ? TYPES[struct] : undefined;
  if (role) return { k: 'obj', role, path: '', via: squash(text(node)) };
  return v?.k === 'obj' ? v : { k: 'unknown', text: squash(text(node)) };
}

function lookup(ctx: FnCtx, node: CNode, name: string, as: CNode[], out: Effect[], opts: CallOpts): Val {
  const vals = as.map((a) => evalValue(ctx, a, out));
  const parent = vals[0];
  const entry = (LOOKUPS[name] ?? []).find((e) => e.parent === null || (parent?.k === 'obj' && parent.role === e.parent));
  const via = squash(text(node));
  const obj: ObjRef = entry ? { role: entry.to, via } : { unresolved: via };
  if (!entry) ctx.unresolvedAt(via, node);
  const scoped = !!opts.free && !ctx.nested;
  const result = setResult(ctx, opts, 'pointer');
  out.push(ctx.at(node, { op: 'ref.get', obj, scoped, ...(result ? { result } : {}) }));
  if (opts.free && ctx.nested) ctx.addCleanup({ op: 'ref.put', obj });
  return entry ? { k: 'obj', role: entry.to, path: '', via } : { k: 'unknown', text: via };
}

function lockName(ctx: FnCtx, spec: { lock: LockKind }, arg: CNode | undefined): LockName | null {
  if (spec.lock === 'device') return 'device';
  if (spec.lock === 'mutex') {
    const inner = unAddress(arg);
    const p = inner?.type === 'field_expression' ? evalPlace(ctx, inner, []) : null;
    return p ? (MUTEXES[`${p.role}.${canonical(p.role, p.path)}`] ?? null) : null;
  }
  const t = arg ? squash(text(arg)).replace(/^&\s*/, '').replace(/\s+/g, '') : '';
  return RWSEMS[t] ?? null;
}

/** guard(class)(arg): a lock held to the end of the enclosing scope. */
function guard(ctx: FnCtx, node: CNode, fn: CNode, as: CNode[], out: Effect[]): Val {
  guardEffect(ctx, node, squash(text(args(fn)[0] ?? fn)), as[0], out);
  return { k: 'opaque', text: squash(text(node)) };
}

/** The lock of guard(cls)(arg) / scoped_guard(cls, arg); scoped in the function scope, else unlocked by the block. */
export function guardEffect(ctx: FnCtx, node: CNode, cls: string, arg: CNode | undefined, out: Effect[]): void {
  const spec = GUARDS[cls];
  const v = arg ? evalValue(ctx, arg, out) : null;
  const lock = spec ? lockName(ctx, spec, arg) : null;
  if (!spec || !lock) {
    out.push(ctx.at(node, { op: 'unmodelled', text: squash(text(node)) }));
    ctx.note(`guard not modelled: ${squash(text(node))}`, node);
    return;
  }
  const obj = lock === 'device' && v && arg ? { obj: toRef(ctx, v, arg, true) } : {};
  out.push(ctx.at(node, { op: 'lock', lock, ...obj, mode: spec.mode, scoped: !ctx.nested }));
  if (ctx.nested) ctx.addCleanup({ op: 'unlock', lock, ...obj, mode: spec.mode });
}

/** The model's flag name for a bit constant and the object of `obj->flags`. */
export function flagTarget(ctx: FnCtx, bit: CNode | undefined, flags: CNode | undefined, out: Effect[]): { obj: ObjRef; flag: string } | null {
  if (!bit || !flags) return null;
  const c = squash(text(bit));
  const flag = FLAGS[c] ?? /^CXL_\w+?_F_(\w+)$/.exec(c)?.[1];
  if (!flag) return null;
  const p = flags.type === 'field_expression' ? evalPlace(ctx, flags, out) : null;
  const via = squash(text(flags)).replace(/(->|\.)flags$/, '');
  if (p && /(^|\.)flags$/.test(p.path)) return { obj: { role: p.role, via }, flag };
  ctx.unresolvedAt(via, flags);
  return { obj: { unresolved: via }, flag };
}

/** `&x->flags` → `x->flags` */
export function unAddress(n: CNode | undefined): CNode | undefined {
  return n && n.type === 'pointer_expression' && text(n).trimStart().startsWith('&') ? child(n, 'argument') : n;
}

function tableCall(ctx: FnCtx, node: CNode, spec: CallSpec, as: CNode[], out: Effect[], opts: CallOpts): Val {
  const opaque: Val = { k: 'opaque', text: squash(text(node)) };
  if (spec.kind.startsWith('flag.')) {
    const ft = flagTarget(ctx, as[0], unAddress(as[1]), out);
    if (!ft) {
      // not an object flag (command masks, feature bits): no lifetime effect
      as.forEach((a) => evalValue(ctx, a, out));
      return opaque;
    }
    out.push(ctx.at(node, { op: spec.kind as 'flag.set', ...ft }));
    if (spec.kind === 'flag.test' && opts.result) ctx.condVars.set(opts.result, { kind: 'flag', ...ft });
    return opaque;
  }
  const vals = as.map((a) => evalValue(ctx, a, out));
  const ref = (i: number, relevant = true): ObjRef =>
    as[i] ? toRef(ctx, vals[i] as Val, as[i] as CNode, relevant) : { unresolved: '' };
  const name = (i: number): string => (as[i] ? squash(text(as[i] as CNode)) : '');
  const e = tableEffect(ctx, spec, { ref, name, arg: as[0] }, opts);
  if (e) out.push(ctx.at(node, e));
  if (spec.kind === 'ref.get' && vals[0]) return vals[0];
  return spec.kind === 'group.open' || spec.kind === 'devres.add' ? { k: 'unknown', text: squash(text(node)) } : opaque;
}

interface ArgAccess {
  ref: (i: number, relevant?: boolean) => ObjRef;
  name: (i: number) => string;
  arg: CNode | undefined;
}

function tableEffect(ctx: FnCtx, spec: CallSpec, a: ArgAccess, opts: CallOpts): Effect | null {
  switch (spec.kind) {
    case 'devres.add': {
      const result = setResult(ctx, opts, 'int');
      return { op: 'devres.add', host: a.ref(0), action: a.name(1), data: a.ref(2), orReset: spec.orReset, ...(result ? { result } : {}) };
    }
    case 'devres.release':
    case 'devres.remove':
      return { op: spec.kind, host: a.ref(0), action: a.name(1), data: a.ref(2) };
    case 'group.open': {
      const result = setResult(ctx, opts, 'pointer');
      const id = a.name(1);
      const group = id === 'NULL' || id === '' ? (opts.result ?? '(anonymous)') : id;
      return { op: 'group.open', host: a.ref(0), group, ...(result ? { result } : {}) };
    }
    case 'group.remove':
    case 'group.release':
      return { op: spec.kind, host: a.ref(0), group: a.name(1) };
    case 'lock':
    case 'unlock': {
      const lock = lockName(ctx, spec, a.arg);
      if (!lock) {
        if (a.arg) ctx.note(`${spec.kind} not modelled: ${a.name(0)}`, a.arg);
        return { op: 'unmodelled', text: `${spec.kind} ${a.name(0)}` };
      }
      const obj = lock === 'device' ? { obj: a.ref(0) } : {};
      return spec.kind === 'lock' ? { op: 'lock', lock, ...obj, mode: spec.mode, scoped: false } : { op: 'unlock', lock, ...obj, mode: spec.mode };
    }
    case 'ref.get':
      if (opts.free && ctx.nested) ctx.addCleanup({ op: 'ref.put', obj: a.ref(0, false) });
      return { op: 'ref.get', obj: a.ref(0), scoped: !!opts.free && !ctx.nested };
    case 'ref.put':
      return { op: 'ref.put', obj: a.ref(0) };
    default:
      return null;
  }
}

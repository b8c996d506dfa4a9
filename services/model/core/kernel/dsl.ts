// A few constructors so the built-in kernel functions read like the C they
// abstract. Used only by kernel/builtins-*.ts and test fixtures.
import type { Cond, Effect, FunctionEffects, LockName, ObjRef, Role } from '../effects.js';

type Ref = Role | ObjRef;
const ref = (r: Ref): ObjRef => (typeof r === 'string' ? { role: r } : r);

export const via = (role: Role, expr: string): ObjRef => ({ role, via: expr });
export const NULL: ObjRef = { unresolved: 'NULL' };

export function fn(name: string, params: [string, Role | null][], body: Effect[]): FunctionEffects {
  return { name, params: params.map(([n, role]) => ({ name: n, role })), body, source: 'builtin', unresolved: [] };
}

export const call = (f: string, args: Ref[] = [], result?: string): Effect =>
  result ? { op: 'call', fn: f, args: args.map(ref), result } : { op: 'call', fn: f, args: args.map(ref) };
/** devm_add_action_or_reset(host, action, data) */
export const addOrReset = (host: Ref, action: string, data: Ref, result?: string): Effect =>
  ({ op: 'devres.add', host: ref(host), action, data: ref(data), orReset: true, ...(result ? { result } : {}) });
export const release = (host: Ref, action: string, data: Ref): Effect =>
  ({ op: 'devres.release', host: ref(host), action, data: ref(data) });
export const when = (cond: Cond, then: Effect[], otherwise: Effect[] = []): Effect => ({ op: 'if', cond, then, else: otherwise });
export const flag = (obj: Ref, f: string): Cond => ({ kind: 'flag', obj: ref(obj), flag: f });
export const bound = (obj: Ref): Cond => ({ kind: 'bound', obj: ref(obj) });
export const failed = (result: string): Cond => ({ kind: 'failed', result });
export const not = (cond: Cond): Cond => ({ kind: 'not', cond });
export const ret = (error: string | null = null): Effect => ({ op: 'return', error });
export const retValue = (value: string): Effect => ({ op: 'return', error: null, value });
export const lockDev = (obj: Ref, scoped = false): Effect => ({ op: 'lock', lock: 'device', obj: ref(obj), mode: 'exclusive', scoped });
export const unlockDev = (obj: Ref): Effect => ({ op: 'unlock', lock: 'device', obj: ref(obj), mode: 'exclusive' });
export const lockRw = (lock: LockName, mode: 'read' | 'write' | 'exclusive', scoped = false): Effect => ({ op: 'lock', lock, mode, scoped });
export const unlockRw = (lock: LockName, mode: 'read' | 'write' | 'exclusive'): Effect => ({ op: 'unlock', lock, mode });
export const setFlag = (obj: Ref, f: string): Effect => ({ op: 'flag.set', obj: ref(obj), flag: f });
export const clearFlag = (obj: Ref, f: string): Effect => ({ op: 'flag.clear', obj: ref(obj), flag: f });
export const get = (obj: Ref): Effect => ({ op: 'ref.get', obj: ref(obj), scoped: false });
export const put = (obj: Ref): Effect => ({ op: 'ref.put', obj: ref(obj) });
export const read = (obj: Ref, field: string): Effect => ({ op: 'read', obj: ref(obj), field });

let seq = 0;
/** `rc = devm_add_action_or_reset(...); if (rc) { cleanup; return rc; }` */
export function addOrFail(host: Ref, action: string, data: Ref, cleanup: Effect[] = []): Effect[] {
  const rc = `rc${++seq}`;
  return [addOrReset(host, action, data, rc), when(failed(rc), [...cleanup, ret('-ENOMEM')])];
}

// Static path enumeration over FunctionEffects, for the contract rules: every
// way through a function's `if`s, descending into called functions (built-in
// or patched) so their effects and return codes appear on the path. Error
// tests on a call's result follow the callee's actual return on that path;
// anything the effects cannot decide is explored both ways. Bounded: depth 4
// and 512 paths, which the seed functions are far below.
import type { Cond, Effect, FunctionEffects } from '../../model/core/effects.js';

export interface PathEvent {
  e: Effect;
  fn: string;
  /** for devres.add / group.open with a result: whether the allocation succeeded on this path */
  ok?: boolean;
}

export interface Path {
  evs: PathEvent[];
  /** error returned on this path, '?' when unknown, null for success */
  ret: string | null;
}

interface Partial {
  evs: PathEvent[];
  results: Map<string, string | null>;
  done: boolean;
  ret: string | null;
}

const MAX_PATHS = 512;

function cond(c: Cond, results: Map<string, string | null>): boolean | null {
  switch (c.kind) {
    case 'failed': {
      if (!results.has(c.result)) return null;
      const r = results.get(c.result);
      return r === '?' ? null : !!r;
    }
    case 'not': {
      const v = cond(c.cond, results);
      return v === null ? null : !v;
    }
    default:
      return null;
  }
}

/** an effect that can fail: one path where it succeeds, one where `result` holds `error` */
function forkResult(p: Partial, e: Effect, result: string, fx: FunctionEffects, error: string): Partial[] {
  const bad = fork(p);
  p.evs.push({ e, fn: fx.name, ok: true });
  p.results.set(result, null);
  bad.evs.push({ e, fn: fx.name, ok: false });
  bad.results.set(result, error);
  return [p, bad];
}

const fork = (p: Partial): Partial => ({ evs: p.evs.slice(), results: new Map(p.results), done: p.done, ret: p.ret });

function step(p: Partial, e: Effect, fx: FunctionEffects, all: Record<string, FunctionEffects>, depth: number): Partial[] {
  switch (e.op) {
    case 'if': {
      const v = cond(e.cond, p.results);
      const out: Partial[] = [];
      if (v !== false) out.push(...run([fork(p)], e.then, fx, all, depth));
      if (v !== true) out.push(...run([fork(p)], e.else, fx, all, depth));
      return out;
    }
    case 'return': {
      p.done = true;
      p.ret = e.value !== undefined ? (p.results.get(e.value) ?? null) : e.error;
      return [p];
    }
    case 'ref.get':
      if (!('result' in e)) {
        p.evs.push({ e, fn: fx.name });
        return [p];
      }
      return forkResult(p, e, e.result, fx, '-ENODEV');
    case 'devres.add':
    case 'group.open': {
      if (!e.result) {
        p.evs.push({ e, fn: fx.name, ok: true });
        return [p];
      }
      return forkResult(p, e, e.result, fx, '-ENOMEM');
    }
    case 'call': {
      p.evs.push({ e, fn: fx.name });
      const callee = all[e.fn];
      if (!callee || depth >= 4) {
        if (e.result) p.results.set(e.result, '?');
        return [p];
      }
      return enumerate(callee, all, depth + 1).map((sub) => {
        const q = fork(p);
        q.evs.push(...sub.evs);
        if (e.result) q.results.set(e.result, sub.ret);
        return q;
      });
    }
    default:
      p.evs.push({ e, fn: fx.name });
      return [p];
  }
}

function run(start: Partial[], body: Effect[], fx: FunctionEffects, all: Record<string, FunctionEffects>, depth: number): Partial[] {
  let cur = start;
  for (const e of body) {
    const next: Partial[] = [];
    for (const p of cur) {
      if (p.done) next.push(p);
      else next.push(...step(p, e, fx, all, depth));
      if (next.length > MAX_PATHS) break;
    }
    cur = next.slice(0, MAX_PATHS);
  }
  return cur;
}

function enumerate(fx: FunctionEffects, all: Record<string, FunctionEffects>, depth: number): Path[] {
  return run([{ evs: [], results: new Map(), done: false, ret: null }], fx.body, fx, all, depth).map((p) => ({ evs: p.evs, ret: p.ret }));
}

export function enumeratePaths(fx: FunctionEffects, all: Record<string, FunctionEffects>): Path[] {
  return enumerate(fx, all, 0);
}

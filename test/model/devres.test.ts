// The devres and lock semantics of the interpreter (D2–D4, D9, §3.4), checked
// on tiny hand-made functions run inside one event.
import { describe, expect, it } from 'vitest';
import type { Effect, FunctionEffects } from '../../services/model/core/effects.js';
import { buildEnv } from '../../services/model/core/env.js';
import { Ctx, Hang, callFn, devresAdd, devresRelease, type TraceLine } from '../../services/model/core/interp.js';
import { devresReleaseAll } from '../../services/model/core/kernel/driver-core.js';
import { initialState, type Topology } from '../../services/model/core/topology.js';

const topo: Topology = { kind: 'vh-switch', pciDriver: 'accel', autoRegion: true, hwLockedDecoder: true, attachOnStack: false };

function setup(fns: FunctionEffects[] = []) {
  const { env } = buildEnv(topo);
  for (const f of fns) env.fns[f.name] = f;
  const s = initialState(topo);
  s.devs.P.driver = 'cxl_acpi';
  const log: TraceLine[] = [];
  return { s, ctx: new Ctx(env, s, log, []), log };
}

const fn = (name: string, body: Effect[]): FunctionEffects => ({ name, params: [], body, source: 'builtin', unresolved: [] });
const calls = (log: TraceLine[], name: string) => log.filter((l) => l.text.startsWith(`${name}(`)).length;

describe('devres (D1–D4)', () => {
  it('releases LIFO and empties the list before running anything (D4)', () => {
    const nested = fn('nested', [{ op: 'devres.release', host: { role: 'acpi' }, action: 'a', data: { role: 'acpi' } }]);
    const { s, ctx, log } = setup([fn('a', []), fn('b', []), nested]);
    devresAdd(ctx, 'P', 'a', 'P', false);
    devresAdd(ctx, 'P', 'b', 'P', false);
    devresAdd(ctx, 'P', 'nested', 'P', false);
    devresReleaseAll(ctx, 'P');
    const order = log.filter((l) => /^P: release/.test(l.text)).map((l) => l.text);
    expect(order).toEqual(['P: release nested(P)', 'P: release b(P)', 'P: release a(P)']);
    // the nested release ran while the list was already empty: WARN, and `a` ran only once (from the todo list)
    expect(s.faults).toContain('devres-found: devm_release_action(P, a(P)) found nothing (WARN)');
    expect(calls(log, 'a')).toBe(1);
    expect(s.devs.P.devres).toEqual([]);
  });

  it('devm_release_action of a missing pair WARNs and does not call the action (D3)', () => {
    const { s, ctx, log } = setup([fn('a', [])]);
    devresAdd(ctx, 'P', 'a', 'P', false);
    devresRelease(ctx, 'P', 'a', 'D', true);
    expect(s.faults).toEqual(['devres-found: devm_release_action(P, a(D)) found nothing (WARN)']);
    expect(calls(log, 'a')).toBe(0);
    devresRelease(ctx, 'P', 'a', 'P', true);
    expect(calls(log, 'a')).toBe(1);
    expect(s.devs.P.devres).toEqual([]);
  });

  it('an action added during release lands on the fresh list and is flagged (D4, invariant 5)', () => {
    const adder = fn('adder', [{ op: 'devres.add', host: { role: 'acpi' }, action: 'late', data: { role: 'acpi' }, orReset: false }]);
    const { s, ctx } = setup([adder, fn('late', [])]);
    devresAdd(ctx, 'P', 'adder', 'P', false);
    devresReleaseAll(ctx, 'P');
    expect(s.devs.P.devres).toEqual(['late(P)']);
    expect(s.faults.some((f) => f.startsWith('bad-devm-context'))).toBe(true);
  });

  it('or_reset runs the action synchronously when the allocation fails (D2)', () => {
    const { s, ctx, log } = setup([fn('act', [])]);
    s.alloc = 'armed:act';
    expect(devresAdd(ctx, 'P', 'act', 'P', true)).toBe('-ENOMEM');
    expect(calls(log, 'act')).toBe(1);
    expect(s.devs.P.devres).toEqual([]);
    expect(s.alloc).toBe('used');
  });
});

describe('groups (D9)', () => {
  const grp = (op: 'group.open' | 'group.remove' | 'group.release'): Effect => ({ op, host: { role: 'acpi' }, group: 'g' });
  const add = (action: string): Effect => ({ op: 'devres.add', host: { role: 'acpi' }, action, data: { role: 'acpi' }, orReset: false });

  it('remove drops only the markers', () => {
    const { s, ctx } = setup([fn('f', [add('a'), grp('group.open'), add('b'), grp('group.remove')]), fn('a', []), fn('b', [])]);
    callFn(ctx, 'f', []);
    expect(s.devs.P.devres).toEqual(['a(P)', 'b(P)']);
  });

  it('release runs what was registered inside, newest first, and nothing else', () => {
    const { s, ctx, log } = setup([fn('f', [add('a'), grp('group.open'), add('b'), add('c'), grp('group.release')]), fn('a', []), fn('b', []), fn('c', [])]);
    callFn(ctx, 'f', []);
    expect(s.devs.P.devres).toEqual(['a(P)']);
    expect(log.filter((l) => /^P: release/.test(l.text)).map((l) => l.text)).toEqual(['P: release c(P)', 'P: release b(P)']);
  });
});

describe('locks (§3.4, invariant 9)', () => {
  it('taking cxl_rwsem.region for write while holding it for read hangs the task', () => {
    const f = fn('f', [
      { op: 'lock', lock: 'rwsem.region', mode: 'read', scoped: true },
      { op: 'lock', lock: 'rwsem.region', mode: 'write', scoped: true },
    ]);
    const { s, ctx } = setup([f]);
    expect(() => callFn(ctx, 'f', [])).toThrow(Hang);
    expect(s.faults[0]).toMatch(/^no-self-deadlock: rwsem.region taken for write while this task holds it for read/);
  });

  it('a lock out of order is recorded, a nested read is allowed', () => {
    const f = fn('f', [
      { op: 'lock', lock: 'rwsem.region', mode: 'read', scoped: true },
      { op: 'lock', lock: 'rwsem.region', mode: 'read', scoped: true },
      { op: 'lock', lock: 'device', obj: { role: 'endpoint' }, mode: 'exclusive', scoped: true },
    ]);
    const { s, ctx } = setup([f]);
    s.devs.E = { ...s.devs.E, created: true, live: true, added: true, refs: 1 };
    callFn(ctx, 'f', []);
    expect(s.faults).toEqual(['lock-order: dev:E taken while holding rwsem.region']);
  });
});

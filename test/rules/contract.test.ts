// Contract rules on small hand-made effect lists: each must fire on the
// pattern it names, only on added lines, and stay quiet otherwise.
import { describe, expect, it } from 'vitest';
import type { Effect, FunctionEffects } from '../../services/model/core/effects.js';
import { builtinFunctions } from '../../services/model/core/kernel/index.js';
import { emptyGroupRule, releaseOtherHostRule, unlockedFlagTestRule, type ContractInput } from '../../services/rules/core/contract.js';
import { vhSwitchAccel } from '../../services/model/scenarios/index.js';

const F = 'drivers/x.c';
const loc = (line: number) => ({ file: F, line, text: '' });
const fn = (name: string, body: Effect[]): FunctionEffects => ({ name, params: [], body, source: 'patch', file: F, startLine: 1, endLine: 99, unresolved: [] });
const input = (f: FunctionEffects, added = [1, 2, 3, 4, 5, 6, 7, 8, 9]): ContractInput => ({
  patchFns: [f], allFns: { ...builtinFunctions(vhSwitchAccel.topology), [f.name]: f }, added: new Map([[F, new Set(added)]]),
});
const D = { role: 'pciDev' } as const;

describe('contract/devres-group-noop', () => {
  it('fires when the group is released empty or only removed', () => {
    const f = fn('g', [
      { op: 'group.open', host: D, group: 'g', loc: loc(1) },
      { op: 'call', fn: 'helper', args: [], result: 'r', loc: loc(2) },
      { op: 'if', cond: { kind: 'failed', result: 'r' }, then: [{ op: 'group.release', host: D, group: 'g', loc: loc(3) }], else: [{ op: 'group.remove', host: D, group: 'g', loc: loc(4) }] },
    ]);
    expect(emptyGroupRule(input(f))).toHaveLength(1);
  });

  it('stays quiet when something registered inside is released with the group', () => {
    const f = fn('g', [
      { op: 'group.open', host: D, group: 'g', loc: loc(1) },
      { op: 'devres.add', host: D, action: 'undo', data: D, orReset: false, loc: loc(2) },
      { op: 'group.release', host: D, group: 'g', loc: loc(3) },
    ]);
    expect(emptyGroupRule(input(f))).toEqual([]);
  });

  it('ignores groups opened on context lines', () => {
    const f = fn('g', [{ op: 'group.open', host: D, group: 'g', loc: loc(1) }, { op: 'group.remove', host: D, group: 'g', loc: loc(2) }]);
    expect(emptyGroupRule(input(f, [2]))).toEqual([]);
  });
});

describe('contract/release-other-host', () => {
  it('fires when an action is released on a device it is never added to', () => {
    const f = fn('r', [{ op: 'devres.release', host: { role: 'endpoint' }, action: 'unregister_region', data: { role: 'region' }, loc: loc(1) }]);
    const got = releaseOtherHostRule(input(f));
    expect(got).toHaveLength(1);
    expect(got[0]?.summary).toMatch(/added on acpi/);
  });

  it('stays quiet for the device the action lives on', () => {
    const f = fn('r', [{ op: 'devres.release', host: { role: 'acpi', via: 'port->uport_dev' }, action: 'unregister_region', data: { role: 'region' }, loc: loc(1) }]);
    expect(releaseOtherHostRule(input(f))).toEqual([]);
  });
});

describe('contract/unlocked-flag-test', () => {
  const test: Effect = { op: 'if', cond: { kind: 'flag', obj: { role: 'region' }, flag: 'LOCK' }, then: [{ op: 'return', error: '-EBUSY' }], else: [], loc: loc(2) };

  it('fires on a LOCK test without cxl_rwsem.region', () => {
    const got = unlockedFlagTestRule(input(fn('t', [test])));
    expect(got).toHaveLength(1);
    expect(got[0]?.summary).toMatch(/without rwsem.region/);
  });

  it('stays quiet under the lock the setter holds', () => {
    const f = fn('t', [{ op: 'lock', lock: 'rwsem.region', mode: 'read', scoped: true, loc: loc(1) }, test]);
    expect(unlockedFlagTestRule(input(f))).toEqual([]);
  });

  it('stays quiet for flags nobody sets under a lock', () => {
    const f = fn('t', [{ op: 'if', cond: { kind: 'flag', obj: { role: 'memdev' }, flag: 'attach' }, then: [], else: [], loc: loc(2) }]);
    expect(unlockedFlagTestRule(input(f))).toEqual([]);
  });
});

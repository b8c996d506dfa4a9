// new vs inherited: a contract finding on a line a patch adds is `inherited`
// when the function already had it before the patch (an earlier patch's
// version here), `new` otherwise.
import { describe, expect, it } from 'vitest';
import type { Effect, FunctionEffects } from '../../services/model/core/effects.js';
import { analyzePatches } from '../../services/rules/core/analyze.js';
import { vhSwitchExpander } from '../../services/model/scenarios/index.js';

const FILE = 'drivers/cxl/core/region.c';
const diff = (start: number, lines: string[]) =>
  `diff --git a/${FILE} b/${FILE}\n--- a/${FILE}\n+++ b/${FILE}\n@@ -${start},0 +${start},${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}\n`;
const test = (line: number): Effect => ({
  op: 'if', cond: { kind: 'flag', obj: { role: 'region' }, flag: 'LOCK' }, then: [{ op: 'return', error: '-EBUSY' }], else: [], loc: { file: FILE, line, text: '' },
});
const fx = (line: number): FunctionEffects => ({
  name: 'my_store', params: [{ name: 'dev', role: 'region' }], body: [test(line)], source: 'patch', file: FILE, startLine: line - 1, endLine: line + 1, unresolved: [],
});

describe('concern origin', () => {
  it('marks the finding new where it appears and inherited when a later patch keeps it', () => {
    const out = analyzePatches([
      { index: 1, diff: diff(10, ['static ssize_t my_store(struct device *dev)', '{', '\tif (test_bit(CXL_REGION_F_LOCK, &cxlr->flags)) return -EBUSY;']), functions: [fx(12)] },
      { index: 2, diff: diff(20, ['static ssize_t my_store(struct device *dev)', '{', '\tif (test_bit(CXL_REGION_F_LOCK, &cxlr->flags)) return -EBUSY;']), functions: [fx(22)] },
    ], [vhSwitchExpander]);
    const found = out.concerns.filter((c) => c.rule === 'contract/unlocked-flag-test').map((c) => [c.patchIndex, c.origin, c.startLine]);
    expect(found).toEqual([[1, 'new', 12], [2, 'inherited', 22]]);
  });
});

import { describe, expect, it } from 'vitest';
import { patchReason } from '../../../services/apply/core/explain.js';
import type { PatchResult, PatchStatus } from '../../../services/apply/core/outcomes.js';
import { renderRun } from '../../../services/apply/core/render.js';
import { failedDependencies, seriesVerdict } from '../../../services/apply/core/verdict.js';

const p = (index: number, status: PatchStatus): PatchResult => ({ index, subject: `p${index}`, status, reason: '', files: [], hunks: [] });

describe('series verdict', () => {
  it('takes the worst outcome and the first failing patch', () => {
    expect(seriesVerdict([p(1, 'clean'), p(2, 'clean')])).toEqual({ verdict: 'clean', firstFailing: null });
    expect(seriesVerdict([p(1, 'offset'), p(2, 'clean')]).verdict).toBe('applies-with-offsets');
    expect(seriesVerdict([p(1, 'offset'), p(2, 'fuzz')]).verdict).toBe('applies-with-fuzz');
    expect(seriesVerdict([p(1, 'three-way'), p(2, 'fuzz')]).verdict).toBe('applies-with-fuzz');
    expect(seriesVerdict([p(1, 'three-way'), p(2, 'offset')]).verdict).toBe('applies-with-3way');
    expect(seriesVerdict([p(1, 'already-applied'), p(2, 'already-applied')]).verdict).toBe('already-applied');
    expect(seriesVerdict([p(1, 'clean'), p(2, 'conflict'), p(3, 'depends-on-failed')])).toEqual({ verdict: 'fails', firstFailing: 2 });
    expect(seriesVerdict([])).toEqual({ verdict: 'no-patches', firstFailing: null });
  });
  it('finds earlier failed patches sharing a file', () => {
    expect(failedDependencies(['a', 'b'], [{ index: 1, files: ['b'], failed: true }, { index: 2, files: ['a'], failed: false }, { index: 3, files: ['c'], failed: true }])).toEqual([1]);
  });
  it('explains results in one sentence and renders a run', () => {
    const hunks = [{ file: 'f.c', hunk: 2, header: '@@ -3,3 +3,3 @@ fn', status: 'conflict' as const, mismatch: { expectedAt: 3, differing: [{ line: 4, expected: 'd', actual: 'X' }], differingCount: 1, preimageLines: 3, treeHas: [], closest: null } }];
    expect(patchReason('conflict', hunks)).toBe('hunk 2 of f.c (@@ -3,3 +3,3 @@) does not match at line 3: 1 of 3 lines differ');
    const text = renderRun({ verdict: 'fails', firstFailing: 1, tree: { name: 't', path: '/t', branch: 'main' }, treeHead: 'a'.repeat(40), base: { commit: 'b'.repeat(40), method: 'guess', note: null }, patches: [{ ...p(1, 'conflict'), hunks }], blobChainBreaks: [{ file: 'f.c', earlier: 1, later: 2, earlierPost: '1111', laterPre: '2222' }], error: null }, 'series 1');
    expect(text).toContain('verdict: fails');
    expect(text).toContain('patch expects: "d"');
    expect(text).toContain('tree has:      "X"');
    expect(text).toContain('blob chain break: f.c: patch 2 expects 2222 but patch 1 produces 1111');
  });
});

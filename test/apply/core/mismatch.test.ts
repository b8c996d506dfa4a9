import { describe, expect, it } from 'vitest';
import { parseDiff } from '../../../services/apply/core/diff.js';
import { describeMismatch } from '../../../services/apply/core/mismatch.js';

const hunk = parseDiff('diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -3,3 +3,3 @@\n c\n-d\n+D\n e\n').files[0]!.hunks[0]!;

describe('describeMismatch', () => {
  it('lists the lines that differ and what the tree has there', () => {
    const m = describeMismatch(hunk, 'a\nb\nc\nX\ne\nf\n');
    expect(m.expectedAt).toBe(3);
    expect(m.differing).toEqual([{ line: 4, expected: 'd', actual: 'X' }]);
    expect(m.differingCount).toBe(1);
    expect(m.preimageLines).toBe(3);
    expect(m.treeHas).toEqual(['c', 'X', 'e']);
    expect(m.closest).toBeNull();
  });
  it('points at a better match elsewhere, and at the end of the file', () => {
    const m = describeMismatch(hunk, 'zz\nzz\nzz\nzz\nzz\nzz\nc\nd\nY\n');
    expect(m.closest).toEqual({ line: 7, matching: 2 });
    const short = describeMismatch(hunk, 'a\nb\nc\n');
    expect(short.differing).toEqual([{ line: 4, expected: 'd', actual: null }, { line: 5, expected: 'e', actual: null }]);
  });
  it('accounts for lines earlier hunks added', () => {
    expect(describeMismatch(hunk, 'x\n', 2).expectedAt).toBe(5);
  });
});

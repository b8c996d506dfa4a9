import { describe, expect, it } from 'vitest';
import { baseRequirements, blobChainBreaks, sameBlob } from '../../../services/apply/core/blobchain.js';
import type { FileDiff } from '../../../services/apply/core/diff.js';

const f = (path: string, oldBlob: string, newBlob: string, extra: Partial<FileDiff> = {}): FileDiff => ({
  oldPath: path, newPath: path, header: [], oldBlob, newBlob, oldMode: null, newMode: null, binary: 'none', hunks: [], text: '', ...extra,
});

describe('blob chain', () => {
  it('accepts a consistent chain and reports a reorder', () => {
    const p2 = { index: 2, files: [f('r.c', '3edb5703d6de', '600c96be0888')] };
    const p3 = { index: 3, files: [f('r.c', '600c96be0888', '11bc0b88b05f')] };
    const p4 = { index: 4, files: [f('h.h', '10a9b8fa2f6b', '1698d15ec1ca'), f('r.c', '11bc0b88b05f', '090f52392b20')] };
    expect(blobChainBreaks([p2, p3, p4])).toEqual([]);
    expect(blobChainBreaks([p2, p4, p3])).toEqual([
      { file: 'r.c', earlier: 2, later: 4, earlierPost: '600c96be0888', laterPre: '11bc0b88b05f' },
      { file: 'r.c', earlier: 4, later: 3, earlierPost: '090f52392b20', laterPre: '600c96be0888' },
    ]);
  });
  it('follows renames and compares abbreviations of different lengths', () => {
    expect(sameBlob('600c96be0888', '600c96be0888aaaa')).toBe(true);
    expect(sameBlob('600c96be', '600c96bf')).toBe(false);
    const a = { index: 1, files: [f('a.c', '1111111', '2222222', { newPath: 'b.c' })] };
    const b = { index: 2, files: [f('b.c', '3333333', '4444444')] };
    expect(blobChainBreaks([a, b])).toHaveLength(1);
    expect(baseRequirements([a, b])).toEqual([{ path: 'a.c', blob: '1111111' }]);
  });
  it('asks the base only for the first pre-image of each path, never for new files', () => {
    const n = { index: 1, files: [f('n.c', '0000000', '5555555', { oldPath: null })] };
    const m = { index: 2, files: [f('n.c', '5555555', '6666666'), f('o.c', 'abcdef0', '1234567')] };
    expect(baseRequirements([n, m])).toEqual([{ path: 'o.c', blob: 'abcdef0' }]);
  });
});

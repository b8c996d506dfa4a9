// Hunk parsing with post-image line numbers, on the seed patches.
import { describe, expect, it } from 'vitest';
import { addedLines, hunkAt, parseHunks } from '../../services/rules/core/diff.js';
import { seedPatches } from './seed.js';

describe('parseHunks', () => {
  it('numbers post-image lines and counts the diffstat additions', async () => {
    const [p1, , p3, p4] = await seedPatches();
    const h1 = parseHunks(p1?.diff ?? '');
    expect(h1.map((h) => [h.file, h.newStart, h.newLines])).toEqual([['drivers/cxl/mem.c', 201, 19]]);
    expect(addedLines(h1, 'drivers/cxl/mem.c').size).toBe(13);
    const h3 = parseHunks(p3?.diff ?? '');
    expect(h3[0]?.lines.filter((l) => l.kind === '-')).toHaveLength(3);
    const h4 = parseHunks(p4?.diff ?? '');
    expect(h4.map((h) => h.file)).toEqual(['include/cxl/cxl.h', 'drivers/cxl/core/region.c', 'drivers/cxl/core/region.c', 'drivers/cxl/core/region.c']);
    expect(h4.reduce((n, h) => n + h.lines.filter((l) => l.kind === '+').length, 0)).toBe(141);
    expect(hunkAt(h4, 'drivers/cxl/core/region.c', 4300)?.index).toBe(2);
    const last = h4[3]?.lines.at(-1);
    expect(last?.newLine).toBe(4379 + 9 - 1);
  });
});

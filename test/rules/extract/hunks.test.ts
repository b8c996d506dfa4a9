// Diff reading: files of a patch, hunks with post-image line numbers.
import { describe, expect, it } from 'vitest';
import { parseHunks, splitPatch } from '../../../services/rules/core/extract/hunks.js';
import { seedDiff } from './seed.js';

describe('splitPatch', () => {
  it('splits a git patch into files, each with its exact text', () => {
    const files = splitPatch(seedDiff(4));
    expect(files.map((f) => f.file)).toEqual(['include/cxl/cxl.h', 'drivers/cxl/core/region.c']);
    expect(files[1]?.diff.startsWith('diff --git a/drivers/cxl/core/region.c')).toBe(true);
    expect(files[0]?.diff).not.toContain('region.c');
  });

  it('reads plain `diff -u` output, and a removed line that looks like a file header', () => {
    const plain = [
      '--- a/x.c', '+++ b/x.c', '@@ -1,2 +1,2 @@', ' int a;', '--- old', '+++ new',
      '--- a/y.c', '+++ b/y.c', '@@ -1 +1 @@', '-int b;', '+int c;', '',
    ].join('\n');
    const files = splitPatch(plain);
    expect(files.map((f) => f.file)).toEqual(['x.c', 'y.c']);
    expect(parseHunks(files[0]?.diff ?? '')[0]?.lines.map((l) => l.kind + l.text)).toEqual([' int a;', '--- old', '+++ new']);
  });

  it('marks deleted files', () => {
    const del = 'diff --git a/x.c b/x.c\ndeleted file mode 100644\n--- a/x.c\n+++ /dev/null\n@@ -1 +0,0 @@\n-int a;\n';
    expect(splitPatch(del)).toEqual([expect.objectContaining({ file: 'x.c', deleted: true })]);
  });
});

describe('parseHunks', () => {
  it('numbers context and added lines in the post-image, skips "no newline" markers', () => {
    const [h] = parseHunks('@@ -426,7 +426,7 @@ static ssize_t commit_store(struct device *dev,\n \t}\n \n-\tx;\n+\ty;\n\\ No newline at end of file\n \tz;\n \ta;\n \tb;\n \tc;\n');
    expect(h).toMatchObject({ oldStart: 426, newStart: 426, context: 'static ssize_t commit_store(struct device *dev,' });
    expect(h?.lines.map((l) => [l.kind, l.newLine])).toEqual([
      [' ', 426], [' ', 427], ['-', null], ['+', 428], [' ', 429], [' ', 430], [' ', 431], [' ', 432],
    ]);
  });

  it('treats an empty line in a hunk as empty context (mailers strip the space)', () => {
    const [h] = parseHunks('@@ -1,3 +1,3 @@\n a\n\n b\n');
    expect(h?.lines.map((l) => l.kind)).toEqual([' ', ' ', ' ']);
  });
});

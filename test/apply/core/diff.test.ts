import { describe, expect, it } from 'vitest';
import { contextSize, parseDiff, preimage, singleHunkPatch, unquotePath } from '../../../services/apply/core/diff.js';

const TWO_HUNKS = `diff --git a/drivers/x.c b/drivers/x.c
index 1111111..2222222 100644
--- a/drivers/x.c
+++ b/drivers/x.c
@@ -1,3 +1,3 @@ static int a(void)
 one
-two
+TWO
 three
@@ -10,2 +10,3 @@
 ten

+added
-- 
2.53.0
`;

describe('parseDiff', () => {
  it('reads paths, index blobs, modes and hunks; the signature is not a hunk line', () => {
    const d = parseDiff(TWO_HUNKS);
    expect(d.errors).toEqual([]);
    expect(d.files).toHaveLength(1);
    const f = d.files[0]!;
    expect([f.oldPath, f.newPath, f.oldBlob, f.newBlob, f.oldMode]).toEqual(['drivers/x.c', 'drivers/x.c', '1111111', '2222222', '100644']);
    expect(f.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([[1, 3, 1, 3], [10, 2, 10, 3]]);
    // an empty line inside a hunk is an empty context line (mailers strip the space)
    expect(f.hunks[1]!.lines).toEqual([' ten', ' ', '+added']);
    expect(preimage(f.hunks[0]!)).toEqual(['one', 'two', 'three']);
    expect(contextSize(f.hunks[0]!)).toEqual({ leading: 1, trailing: 1 });
  });

  it('reports hunks whose counts do not match their lines', () => {
    const d = parseDiff('diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n a\n-b\n+c\n');
    expect(d.errors.join()).toMatch(/ends early/);
  });

  it('knows created, deleted, renamed and binary files', () => {
    const text = [
      'diff --git a/new.txt b/new.txt', 'new file mode 100644', 'index 0000000..3b18e51', '--- /dev/null', '+++ b/new.txt', '@@ -0,0 +1 @@', '+hello',
      'diff --git a/old.txt b/old.txt', 'deleted file mode 100644', 'index 3b18e51..0000000', '--- a/old.txt', '+++ /dev/null', '@@ -1 +0,0 @@', '-hello',
      'diff --git a/a.txt b/b.txt', 'similarity index 100%', 'rename from a.txt', 'rename to b.txt',
      'diff --git a/img.png b/img.png', 'index 1234567..89abcde 100644', 'Binary files a/img.png and b/img.png differ', '',
    ].join('\n');
    const d = parseDiff(text);
    expect(d.files.map((f) => [f.oldPath, f.newPath, f.binary])).toEqual([
      [null, 'new.txt', 'none'],
      ['old.txt', null, 'none'],
      ['a.txt', 'b.txt', 'none'],
      ['img.png', 'img.png', 'no-data'],
    ]);
  });

  it('unquotes C-quoted paths', () => {
    expect(unquotePath('"a/tab\\there"')).toBe('a/tab\there');
    expect(unquotePath('"a/\\303\\251t\\303\\251.c"')).toBe('a/été.c');
    const d = parseDiff('diff --git "a/sp ace\\"q" "b/sp ace\\"q"\n--- "a/sp ace\\"q"\n+++ "b/sp ace\\"q"\n@@ -1 +1 @@\n-a\n+b\n');
    expect(d.files[0]!.newPath).toBe('sp ace"q');
  });

  it('builds a single-hunk patch without the index line', () => {
    const f = parseDiff(TWO_HUNKS).files[0]!;
    const one = singleHunkPatch(f, 1);
    expect(one).not.toMatch(/^index /m);
    expect(one).toContain('@@ -10,2 +10,3 @@\n ten\n \n+added\n');
    expect(parseDiff(one).files[0]!.hunks).toHaveLength(1);
  });

  it('parses the seed series patches with the diffstat and mail text around them', async () => {
    const { readFileSync } = await import('node:fs');
    const mbox = readFileSync(new URL('../../fixtures/corpus/cxl-region-attach-rfc.mbox', import.meta.url), 'utf8');
    const d = parseDiff(mbox.split('\nFrom mboxrd@z')[4]!);
    expect(d.errors).toEqual([]);
    expect(d.files.map((f) => [f.newPath, f.hunks.length, f.oldBlob, f.newBlob])).toEqual([
      ['include/cxl/cxl.h', 1, '10a9b8fa2f6b', '1698d15ec1ca'],
      ['drivers/cxl/core/region.c', 3, '11bc0b88b05f', '090f52392b20'],
    ]);
  });
});

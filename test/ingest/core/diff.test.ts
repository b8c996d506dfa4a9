// Exact diff extraction: the diff text cut out of a body must be byte-exact,
// and `git apply --check` must accept it (checked on a scratch repository).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDiff, patchOf } from '../../../services/ingest/core/diff.js';
import { CORPUS, parsedMails } from '../helpers.js';

const FORMAT_PATCH = `Fix the thing.

Signed-off-by: A <a@b.c>
---
 f.c | 3 ++-
 1 file changed, 2 insertions(+), 1 deletion(-)

diff --git a/f.c b/f.c
index 1111111..2222222 100644
--- a/f.c
+++ b/f.c
@@ -1,3 +1,4 @@
 one
--- two
+-- TWO
+three
 end
\\ No newline at end of file
-- 
2.50.0

`;

const MANY = `Rename, mode, new, delete, empty, binary.
---
diff --git a/old.c b/new.c
similarity index 90%
rename from old.c
rename to new.c
index 1111111..2222222 100644
--- a/old.c
+++ b/new.c
@@ -1,2 +1,2 @@
-x
+y
 z
diff --git a/run.sh b/run.sh
old mode 100644
new mode 100755
diff --git a/empty.txt b/empty.txt
new file mode 100644
index 0000000..e69de29
diff --git a/gone.c b/gone.c
deleted file mode 100644
index 3333333..0000000
--- a/gone.c
+++ /dev/null
@@ -1 +0,0 @@
-bye
diff --git a/img.bin b/img.bin
new file mode 100644
index 0000000000000000000000000000000000000000..eaf36c1daccfdf325514461cd1a2ffbc139b5464
GIT binary patch
literal 4
LcmZQzWMT#Y01f~L

literal 0
HcmV?d00001

-- 
2.50.0
`;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function gitApplyCheck(files: Record<string, string>, diff: string): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-diff-'));
  dirs.push(dir);
  for (const [f, content] of Object.entries(files)) writeFileSync(path.join(dir, f), content);
  writeFileSync(path.join(dir, 'p.diff'), diff);
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['apply', '--check', 'p.diff'], { cwd: dir, stdio: 'pipe' });
}

describe('extractDiff', () => {
  it('cuts a format-patch diff exactly: "-- " after the last hunk is the signature, "--- two" inside is a removed line', () => {
    const d = extractDiff(FORMAT_PATCH)!;
    expect(d.diff.startsWith('diff --git a/f.c b/f.c\n')).toBe(true);
    expect(d.diff.endsWith(' end\n\\ No newline at end of file\n')).toBe(true);
    expect(FORMAT_PATCH.includes(d.diff)).toBe(true);
    expect(d.commitMessage).toBe('Fix the thing.\n\nSigned-off-by: A <a@b.c>\n');
    expect(d.files).toEqual(['f.c']);
    expect(d.hunks).toEqual([{ file: 'f.c', oldFile: 'f.c', newFile: 'f.c', header: '@@ -1,3 +1,4 @@', oldStart: 1, oldLines: 3, newStart: 1, newLines: 4 }]);
    expect([d.additions, d.deletions]).toEqual([2, 1]);
    gitApplyCheck({ 'f.c': 'one\n-- two\nend' }, d.diff);
  });
  it('keeps renames, mode changes, new/deleted/empty files and binary patches', () => {
    const d = extractDiff(MANY)!;
    expect(d.files).toEqual(['new.c', 'run.sh', 'empty.txt', 'gone.c', 'img.bin']);
    expect(d.diff.endsWith('HcmV?d00001\n\n')).toBe(true);
    expect(d.hunks.find((h) => h.file === 'gone.c')).toMatchObject({ oldFile: 'gone.c', newFile: null });
    expect(d.hunks.find((h) => h.file === 'new.c')).toMatchObject({ oldFile: 'old.c', newFile: 'new.c' });
    gitApplyCheck({ 'old.c': 'x\nz\n', 'run.sh': 'echo\n', 'gone.c': 'bye\n' }, d.diff);
  });
  it('reads a plain diff -u without git headers', () => {
    const body = 'try:\n\n--- a/f.c\n+++ b/f.c\n@@ -1 +1 @@\n-a\n+b\nthanks\n';
    const d = extractDiff(body)!;
    expect(d.diff).toBe('--- a/f.c\n+++ b/f.c\n@@ -1 +1 @@\n-a\n+b\n');
    expect(d.commitMessage).toBe('try:\n');
  });
  it('returns null for a body without a diff, and for a lone "---" separator', () => {
    expect(extractDiff('hello\n---\nnotes\n')).toBeNull();
  });
  it('takes the patch from an attachment when the body has none', () => {
    const d = patchOf('See attached.\n', FORMAT_PATCH)!;
    expect(d.files).toEqual(['f.c']);
    expect(d.commitMessage).toContain('Fix the thing.');
  });
  it('every corpus patch diff is accepted structurally by git apply --stat', async () => {
    const mails = await parsedMails(path.join(CORPUS, 'cxl-region-attach-rfc.mbox'));
    const patches = mails.filter((m) => m.diff !== null && !/^Re:/i.test(m.subject));
    expect(patches).toHaveLength(4);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-stat-'));
    dirs.push(dir);
    for (const p of patches) {
      writeFileSync(path.join(dir, 'p.diff'), p.diff!);
      execFileSync('git', ['apply', '--stat', 'p.diff'], { cwd: dir, stdio: 'pipe' });
    }
  });
});

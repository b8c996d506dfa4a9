import { describe, expect, it } from 'vitest';
import { parseDiff } from '../../../services/apply/core/diff.js';
import { rejectReasons, symlinkEscape, unsafePathReason } from '../../../services/apply/core/paths.js';

describe('unsafePathReason', () => {
  it.each([
    ['../etc/passwd', /\.\./],
    ['a/../../b', /\.\./],
    ['/etc/passwd', /absolute/],
    ['C:/x', /absolute/],
    ['.git/hooks/pre-commit', /\.git/],
    ['sub/.GIT/config', /\.git/],
    ['.git./config', /\.git/],
    ['GIT~1/config', /\.git/],
    ['a//b', /empty/],
    ['a/./b', /"\."/],
    ['a\nb', /control/],
    ['', /empty/],
  ])('%j is unsafe', (p, why) => {
    expect(unsafePathReason(p)).toMatch(why);
  });
  it.each(['drivers/cxl/core/region.c', '-rf', '--output=x', 'a/.gitignore', 'a/.github/x', 'dir/git'])('%j is an ordinary path', (p) => {
    expect(unsafePathReason(p)).toBeNull();
  });
});

describe('rejectReasons', () => {
  it('refuses symlinks that leave the tree, but not ones that stay inside', () => {
    const mk = (target: string) => parseDiff(`diff --git a/a/l b/a/l\nnew file mode 120000\nindex 0000000..1111111\n--- /dev/null\n+++ b/a/l\n@@ -0,0 +1 @@\n+${target}\n\\ No newline at end of file\n`).files[0]!;
    expect(symlinkEscape(mk('/etc'))).toMatch(/absolute/);
    expect(symlinkEscape(mk('../../x'))).toMatch(/outside/);
    expect(symlinkEscape(mk('../.git/config'))).toMatch(/\.git/);
    expect(symlinkEscape(mk('../b/c'))).toBeNull();
  });
  it('enforces the size limits', () => {
    const diff = `diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,1 +1,3 @@\n a\n+b\n+c\n`;
    const limits = { maxPatchBytes: 1000, maxFiles: 10, maxHunks: 10, maxHunkLines: 2 };
    expect(rejectReasons(diff, parseDiff(diff), limits).join()).toMatch(/hunk .* 3 lines, over the limit of 2/);
    expect(rejectReasons(diff, parseDiff(diff), { ...limits, maxPatchBytes: 10, maxHunkLines: 100 }).join()).toMatch(/bytes, over the limit/);
    expect(rejectReasons(diff, parseDiff(diff))).toEqual([]);
  });
  it('names every unsafe path of a rename', () => {
    const d = 'diff --git a/x b/../x\nsimilarity index 100%\nrename from x\nrename to ../x\n';
    expect(rejectReasons(d, parseDiff(d)).join()).toMatch(/"\.\.\/x"/);
  });
});

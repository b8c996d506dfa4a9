// Hostile patches: none may write outside the scratch area or reach git as an
// option. Each case checks the result and that nothing appeared on disk.
import { existsSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSeries } from '../../../services/apply/adapters/check-series.js';
import { cleanupTmp, fingerprint, git, lines, makeRepo, patchOf, commit, tmpDir } from '../gitrepo.js';

let repo: string;
let outside: string;
let base: string;

const newFile = (p: string, content = 'x') => `diff --git a/${p} b/${p}\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/${p}\n@@ -0,0 +1 @@\n+${content}\n`;
const tree = () => ({ name: 'evil', path: repo, branch: 'main' });
const run = (diffs: string[], opts = {}) => checkSeries(tree(), { baseCommit: base, patches: diffs.map((diff, i) => ({ index: i + 1, subject: `p${i + 1}`, diff })) }, opts);

beforeAll(() => {
  outside = tmpDir('patchlens-outside-');
  repo = makeRepo({ 'a.c': lines(10), '--help': 'not an option\n', 'sub/x.c': 'x\n' });
  symlinkSync('sub', path.join(repo, 'inlink'));
  symlinkSync(outside, path.join(repo, 'outlink'));
  git(repo, 'add', '--', 'inlink', 'outlink');
  git(repo, 'commit', '-q', '-m', 'symlinks');
  base = git(repo, 'rev-parse', 'HEAD').trim();
});
afterAll(cleanupTmp);

describe('hostile patches', () => {
  it.each([
    ['a path with ..', newFile('../escape.txt'), /path component "\.\."/],
    ['a deep path with ..', newFile('sub/../../escape.txt'), /path component "\.\."/],
    ['an absolute path', newFile(`${'/'}tmp/patchlens-pwned.txt`), /absolute path|path component/],
    ['a path into .git', newFile('.git/hooks/post-checkout', '#!/bin/sh'), /\.git directory/],
    ['a path into .git in another spelling', newFile('sub/.GIT./config'), /\.git directory/],
    ['a symlink out of the tree', `diff --git a/sub/l b/sub/l\nnew file mode 120000\nindex 0000000..1111111\n--- /dev/null\n+++ b/sub/l\n@@ -0,0 +1 @@\n+../../..\n\\ No newline at end of file\n`, /points outside the tree/],
  ])('rejects %s before git runs', async (_name, diff, why) => {
    const before = fingerprint(repo);
    const r = await run([diff]);
    expect(r.patches[0]!.status).toBe('rejected');
    expect(r.patches[0]!.reason).toMatch(why);
    expect(existsSync(path.join(path.dirname(repo), 'escape.txt'))).toBe(false);
    expect(existsSync('/tmp/patchlens-pwned.txt')).toBe(false);
    expect(fingerprint(repo)).toBe(before);
  });

  it('writing through a symlink that leaves the tree fails and writes nothing there', async () => {
    const r = await run([newFile('outlink/planted.txt'), newFile('inlink/y.c')]);
    expect(r.patches.map((p) => p.status)).toEqual(['conflict', 'conflict']);
    expect(r.patches[0]!.hunks[0]!.note).toMatch(/beyond a symbolic link/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('file names that look like options are paths, never options', async () => {
    const edit = commit(repo, { '--help': 'now changed\n' }, 'edit --help');
    const diff = patchOf(repo, edit);
    git(repo, 'reset', '-q', '--hard', base);
    const before = fingerprint(repo);
    const r = await run([diff, newFile('--output=pwned'), newFile('-n')]);
    expect(r.patches.map((p) => p.status)).toEqual(['clean', 'clean', 'clean']);
    expect(r.patches[0]!.files).toEqual(['--help']);
    expect(existsSync(path.join(repo, 'pwned'))).toBe(false);
    expect(existsSync('pwned')).toBe(false);
    expect(fingerprint(repo)).toBe(before);
  });

  it('huge hunks and patches over the limits are refused', async () => {
    const big = `diff --git a/big.c b/big.c\nnew file mode 100644\n--- /dev/null\n+++ b/big.c\n@@ -0,0 +1,100001 @@\n${'+x\n'.repeat(100001)}`;
    const r = await run([big]);
    expect(r.patches[0]).toMatchObject({ status: 'rejected' });
    expect(r.patches[0]!.reason).toMatch(/100001 lines, over the limit of 100000/);
    const small = await run([newFile('ok.c')], { limits: { maxPatchBytes: 50, maxFiles: 10, maxHunks: 10, maxHunkLines: 10 } });
    expect(small.patches[0]!.reason).toMatch(/bytes, over the limit of 50/);
  });

  it('a hostile base-commit or branch never reaches git as an option', async () => {
    const r = await checkSeries(tree(), { baseCommit: '--output=/tmp/patchlens-pwned', patches: [{ index: 1, subject: 'p', diff: newFile('z.c') }] });
    expect(r.base.note).toMatch(/is not a commit id/);
    expect(r.patches[0]!.status).toBe('clean');
    const b = await checkSeries({ ...tree(), branch: '--upload-pack=touch /tmp/patchlens-pwned' }, { baseCommit: null, patches: [] });
    expect(b).toMatchObject({ verdict: 'error' });
    expect(b.error).toMatch(/not a valid branch name/);
    expect(existsSync('/tmp/patchlens-pwned')).toBe(false);
  });

  it('leaves no scratch area behind, also after a failure', async () => {
    const dir = tmpDir('patchlens-scratch-');
    process.env.PATCHLENS_SCRATCH_DIR = dir;
    try {
      const r = await run([newFile('q.c'), newFile('a.c')]);
      expect(r.patches.map((p) => p.status)).toEqual(['clean', 'conflict']);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      delete process.env.PATCHLENS_SCRATCH_DIR;
    }
  });
});

// git failures are results with a reason, never crashes: missing binary,
// a git that hangs (killed at the time limit), a corrupt repository, a path
// that is not a repository, and GIT_* variables leaking in from a hook.
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSeries } from '../../../services/apply/adapters/check-series.js';
import { runGit } from '../../../services/apply/adapters/git.js';
import { cleanupTmp, commit, git, lines, makeRepo, patchOf, tmpDir } from '../gitrepo.js';

let repo: string;
let diff: string;
beforeAll(() => {
  repo = makeRepo({ 'a.c': lines(10) });
  const base = git(repo, 'rev-parse', 'HEAD').trim();
  diff = patchOf(repo, commit(repo, { 'a.c': lines(10).replace('line 5', 'five') }, 'five'));
  git(repo, 'reset', '-q', '--hard', base);
});
afterAll(cleanupTmp);

const input = () => ({ baseCommit: null, patches: [{ index: 1, subject: 'p', diff }] });
const tree = (p = repo) => ({ name: 't', path: p, branch: 'main' });

describe('git failures', () => {
  it('a missing git binary is an error result', async () => {
    const r = await checkSeries(tree(), input(), { git: '/nonexistent/bin/git' });
    expect(r.verdict).toBe('error');
    expect(r.error).toMatch(/git binary "\/nonexistent\/bin\/git" not found/);
    const direct = await runGit(['--version'], { cwd: repo, git: '/nonexistent/bin/git' });
    expect(direct).toMatchObject({ ok: false, kind: 'missing' });
  });

  it('a git that hangs is killed at the time limit', async () => {
    const dir = tmpDir();
    const slow = path.join(dir, 'slow-git');
    writeFileSync(slow, '#!/bin/sh\nsleep 30\n');
    chmodSync(slow, 0o755);
    const t0 = Date.now();
    const r = await runGit(['status'], { cwd: dir, git: slow, timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, kind: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(5000);
    const c = await checkSeries(tree(), input(), { git: slow, timeoutMs: 300 });
    expect(c.verdict).toBe('error');
    expect(c.error).toMatch(/timed out after 300 ms/);
  });

  it('a corrupt repository is an error result naming the problem', async () => {
    const broken = makeRepo({ 'a.c': lines(10) });
    rmSync(path.join(broken, '.git', 'objects'), { recursive: true, force: true });
    const r = await checkSeries(tree(broken), input());
    expect(r.verdict).toBe('error');
    expect(r.error).toBeTruthy();
  });

  it('a path that is not a repository, or does not exist', async () => {
    const r = await checkSeries(tree(tmpDir()), input());
    expect(r).toMatchObject({ verdict: 'error' });
    expect(r.error).toMatch(/not a readable git repository/);
    const gone = await checkSeries(tree('/nonexistent/patchlens/tree'), input());
    expect(gone.error).toMatch(/does not exist/);
    const nobranch = await checkSeries({ ...tree(), branch: 'no-such-branch' }, input());
    expect(nobranch).toMatchObject({ verdict: 'error', base: { method: 'none' } });
    expect(nobranch.error).toMatch(/branch no-such-branch does not exist/);
  });

  it('GIT_* variables of the calling process do not leak into git', async () => {
    const saved = { ...process.env };
    process.env.GIT_DIR = '/nonexistent';
    process.env.GIT_INDEX_FILE = path.join(repo, '.git', 'index');
    process.env.GIT_WORK_TREE = '/';
    try {
      const r = await checkSeries(tree(), input());
      expect(r.verdict).toBe('clean');
    } finally {
      for (const k of ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE']) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});

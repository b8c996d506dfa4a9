// Test helper: small throwaway git repositories in the OS temp folder, built
// with plain git commands, plus a fingerprint of everything the applier must
// never change (HEAD, refs, index, work tree, object count).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ENV = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.org', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };

export function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, env: ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

const made: string[] = [];

export function tmpDir(stem = 'patchlens-test-'): string {
  const d = mkdtempSync(path.join(os.tmpdir(), stem));
  made.push(d);
  return d;
}

export function cleanupTmp(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A new repository on branch "main" with one commit of `files`. */
export function makeRepo(files: Record<string, string>): string {
  const repo = tmpDir('patchlens-repo-');
  git(repo, 'init', '-q', '-b', 'main');
  commit(repo, files, 'initial');
  return repo;
}

/** Write (or delete, with null) files and commit them; returns the commit id. */
export function commit(repo: string, files: Record<string, string | null>, message: string): string {
  for (const [f, content] of Object.entries(files)) {
    const p = path.join(repo, f);
    if (content === null) {
      if (existsSync(p)) unlinkSync(p);
      git(repo, 'rm', '-q', '--cached', '--ignore-unmatch', '--', f);
      continue;
    }
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
    git(repo, 'add', '--', f);
  }
  git(repo, 'commit', '-q', '--allow-empty', '-m', message);
  return git(repo, 'rev-parse', 'HEAD').trim();
}

/** The diff part of `git format-patch` output of one commit (what the ingester stores as Patch.diff). */
export function patchOf(repo: string, rev: string, fullIndex = true): string {
  const mail = git(repo, 'format-patch', '-1', '--stdout', ...(fullIndex ? ['--full-index'] : []), '--binary', rev);
  return diffOfMail(mail);
}

/** The diff of a mail body: from the first "diff --git" up to the "-- " signature. */
export function diffOfMail(mail: string): string {
  const start = mail.indexOf('\ndiff --git ');
  if (start < 0) throw new Error('no diff in mail');
  const body = mail.slice(start + 1);
  const sig = body.search(/^-- $/m);
  return sig >= 0 ? body.slice(0, sig) : body;
}

export function lines(n: number, f: (i: number) => string = (i) => `line ${i}`): string {
  return Array.from({ length: n }, (_, i) => f(i + 1)).join('\n') + '\n';
}

/** Everything the applier must leave alone in the user's repository. */
export function fingerprint(repo: string): string {
  const h = createHash('sha256');
  h.update(git(repo, 'rev-parse', 'HEAD'));
  h.update(git(repo, 'for-each-ref', '--format=%(refname) %(objectname)'));
  h.update(git(repo, 'status', '--porcelain=v1', '--untracked-files=all', '--ignored'));
  h.update(git(repo, 'count-objects', '-v').replace(/^size.*$/gm, ''));
  const index = path.join(repo, '.git', 'index');
  h.update(existsSync(index) ? readFileSync(index) : 'no index');
  h.update(git(repo, 'worktree', 'list', '--porcelain'));
  return h.digest('hex');
}

// A scratch area for one check: its own directory with an index file, an
// object directory (the repository's objects are only an alternate, so new
// blobs and merge results never land in the user's repository) and an empty
// work tree. Several checks on one repository each get their own area; the
// repository itself is never written. Removed when the check ends.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runGit, type GitResult } from './git.js';
import { entriesAt, lookupObjects, type Repo, type RepoResult } from './repo.js';

export interface Scratch {
  dir: string;
  repo: Repo;
  /** the index the series is applied to */
  index: string;
  env: Record<string, string>;
  seq: number;
}

/** git's syntax for one entry of GIT_ALTERNATE_OBJECT_DIRECTORIES (quoted when it has a colon). */
function alternateEntry(dir: string): string {
  return /[:"\\]/.test(dir) ? `"${dir.replace(/(["\\])/g, '\\$1')}"` : dir;
}

export function createScratch(repo: Repo): Scratch {
  const base = process.env.PATCHLENS_SCRATCH_DIR ?? os.tmpdir();
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(path.join(base, 'patchlens-apply-'));
  mkdirSync(path.join(dir, 'objects', 'info'), { recursive: true });
  mkdirSync(path.join(dir, 'objects', 'pack'), { recursive: true });
  mkdirSync(path.join(dir, 'wt'));
  const index = path.join(dir, 'index');
  return {
    dir,
    repo,
    index,
    seq: 0,
    env: {
      GIT_DIR: repo.gitDir,
      GIT_WORK_TREE: path.join(dir, 'wt'),
      GIT_OBJECT_DIRECTORY: path.join(dir, 'objects'),
      GIT_ALTERNATE_OBJECT_DIRECTORIES: alternateEntry(repo.objectsDir),
    },
  };
}

export function disposeScratch(s: Scratch): void {
  rmSync(s.dir, { recursive: true, force: true });
}

/** Run git in the scratch area against the given index file (default: the series index). */
export function scratchGit(s: Scratch, args: string[], opts: { index?: string; input?: string } = {}): Promise<GitResult> {
  return runGit(args, {
    cwd: path.join(s.dir, 'wt'),
    git: s.repo.git,
    timeoutMs: s.repo.timeoutMs,
    env: { ...s.env, GIT_INDEX_FILE: opts.index ?? s.index },
    input: opts.input,
  });
}

/** A fresh file name in the scratch area. */
export function scratchFile(s: Scratch, stem: string): string {
  s.seq += 1;
  return path.join(s.dir, `${stem}-${s.seq}`);
}

export function writeScratch(s: Scratch, stem: string, text: string): string {
  const f = scratchFile(s, stem);
  writeFileSync(f, text);
  return f;
}

/** Copy an index file (an absent index is an empty one). */
export function copyIndex(from: string, to: string): void {
  if (existsSync(from)) copyFileSync(from, to);
  else rmSync(to, { force: true });
}

function ancestors(p: string): string[] {
  const parts = p.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/**
 * Load the base commit's entries for the paths a series touches (and any
 * ancestor that is a file or symlink, so "beyond a symbolic link" is still
 * seen) into the scratch index. Only these paths: the cost does not grow with
 * the size of the tree.
 */
export async function loadBaseIndex(s: Scratch, base: string, paths: string[]): Promise<RepoResult<number>> {
  const dirs = [...new Set(paths.flatMap(ancestors))].filter((d) => !paths.includes(d));
  const kinds = await lookupObjects(s.repo, dirs.map((d) => `${base}:${d}`));
  if (!kinds.ok) return kinds;
  const nonDirs = dirs.filter((d) => kinds.value.get(`${base}:${d}`)?.type === 'blob');
  const entries = await entriesAt(s.repo, base, [...paths, ...nonDirs]);
  if (!entries.ok) return entries;
  const blobs = entries.value.filter((e) => e.type === 'blob');
  copyIndex(path.join(s.dir, 'absent'), s.index);
  if (blobs.length === 0) return { ok: true, value: 0 };
  const input = blobs.map((e) => `${e.mode} blob ${e.oid}\t${e.path}\0`).join('');
  const r = await scratchGit(s, ['update-index', '-z', '--index-info'], { input });
  if (!r.ok) return { ok: false, reason: `cannot build the scratch index: ${r.reason}` };
  return { ok: true, value: blobs.length };
}

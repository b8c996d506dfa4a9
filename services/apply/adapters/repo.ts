// Read-only access to a tree's git repository: find its git and object
// directories, resolve refs (validated first, then `rev-parse --verify
// --end-of-options`), list the commits of the guess window and look up blobs
// at commit:path in one `cat-file --batch-check` stream. Nothing here writes to
// the repository. Used by base.ts (adapter) and the scratch index builder.
import { statSync } from 'node:fs';
import { COMMIT_ID_RE, validRefName } from '../core/base.js';
import { runGit, type GitResult } from './git.js';

export interface Repo {
  /** the configured path */
  path: string;
  /** absolute git dir (for a linked worktree: its own dir) */
  gitDir: string;
  /** absolute object directory, shared with the scratch areas as an alternate */
  objectsDir: string;
  git?: string;
  timeoutMs: number;
}

export type RepoResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface RepoOptions {
  git?: string;
  timeoutMs?: number;
}

/** Open a tree's repository read-only; a missing path or a broken repository is a reason, not a throw. */
export async function openRepo(path: string, opts: RepoOptions = {}): Promise<RepoResult<Repo>> {
  try {
    if (!statSync(path).isDirectory()) return { ok: false, reason: `${path} is not a directory` };
  } catch {
    return { ok: false, reason: `${path} does not exist` };
  }
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const r = await runGit(['rev-parse', '--path-format=absolute', '--absolute-git-dir', '--git-common-dir'], { cwd: path, git: opts.git, timeoutMs });
  if (!r.ok) return { ok: false, reason: `${path} is not a readable git repository: ${r.reason}` };
  const [gitDir, commonDir] = r.stdout.split('\n');
  if (!gitDir || !commonDir) return { ok: false, reason: `git rev-parse gave no git directory for ${path}` };
  return { ok: true, value: { path, gitDir, objectsDir: `${commonDir}/objects`, git: opts.git, timeoutMs } };
}

/** Run a read-only git command against the repository (GIT_DIR set, cwd = the repository path). */
export function repoGit(repo: Repo, args: string[], input?: string): Promise<GitResult> {
  return runGit(args, { cwd: repo.path, git: repo.git, timeoutMs: repo.timeoutMs, env: { GIT_DIR: repo.gitDir }, input });
}

/** Full id of a commit, or null when the repository does not have it. `rev` must be validated by the caller. */
async function verifyCommit(repo: Repo, rev: string): Promise<RepoResult<string | null>> {
  const r = await repoGit(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  if (r.ok) return { ok: true, value: r.stdout.trim() };
  if (r.kind === 'exit' && r.code === 1) return { ok: true, value: null };
  return { ok: false, reason: r.reason };
}

/** Resolve a commit id from a mail (hex only). */
export async function resolveCommitId(repo: Repo, id: string): Promise<RepoResult<string | null>> {
  if (!COMMIT_ID_RE.test(id)) return { ok: true, value: null };
  return verifyCommit(repo, id);
}

/** Head of a branch: refs/heads/<b> first, then <b> as a ref (e.g. origin/main). */
export async function resolveBranch(repo: Repo, branch: string): Promise<RepoResult<string | null>> {
  if (!validRefName(branch)) return { ok: false, reason: `"${branch.slice(0, 80)}" is not a valid branch name` };
  const local = await verifyCommit(repo, `refs/heads/${branch}`);
  if (!local.ok || local.value) return local;
  return verifyCommit(repo, branch);
}

/** The newest `max` commits reachable from `head` (a full id), newest first. */
export async function recentCommits(repo: Repo, head: string, max: number): Promise<RepoResult<string[]>> {
  if (!/^[0-9a-f]{40,64}$/.test(head)) return { ok: false, reason: `not a full commit id: ${head}` };
  const r = await repoGit(repo, ['rev-list', `--max-count=${Math.max(1, Math.floor(max))}`, '--end-of-options', head]);
  if (!r.ok) return { ok: false, reason: r.reason };
  return { ok: true, value: r.stdout.split('\n').filter(Boolean) };
}

/**
 * Object ids (and types) of many `commit:path` names in one cat-file stream.
 * Returns a map "commit:path" → {oid, type} or null when missing.
 */
export async function lookupObjects(repo: Repo, names: string[]): Promise<RepoResult<Map<string, { oid: string; type: string } | null>>> {
  const out = new Map<string, { oid: string; type: string } | null>();
  if (names.length === 0) return { ok: true, value: out };
  const r = await repoGit(repo, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], names.join('\n') + '\n');
  if (!r.ok) return { ok: false, reason: r.reason };
  const lines = r.stdout.split('\n');
  names.forEach((n, i) => {
    const m = (lines[i] ?? '').match(/^([0-9a-f]{40,64}) (\w+)$/);
    out.set(n, m ? { oid: m[1]!, type: m[2]! } : null);
  });
  return { ok: true, value: out };
}

export interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  path: string;
}

/** Entries at exactly these paths in a commit (directories are not entries here). */
export async function entriesAt(repo: Repo, commit: string, paths: string[], env: Record<string, string> = {}): Promise<RepoResult<TreeEntry[]>> {
  const want = new Set(paths);
  const out: TreeEntry[] = [];
  for (let i = 0; i < paths.length; i += 500) {
    const chunk = paths.slice(i, i + 500);
    const r = await runGit(['ls-tree', '-z', '--full-tree', '--end-of-options', commit, '--', ...chunk], { cwd: repo.path, git: repo.git, timeoutMs: repo.timeoutMs, env: { GIT_DIR: repo.gitDir, ...env } });
    if (!r.ok) return { ok: false, reason: r.reason };
    for (const rec of r.stdout.split('\0')) {
      const m = rec.match(/^(\d{6}) (\w+) ([0-9a-f]{40,64})\t([\s\S]*)$/);
      if (m && want.has(m[4]!)) out.push({ mode: m[1]!, type: m[2]!, oid: m[3]!, path: m[4]! });
    }
  }
  return { ok: true, value: out };
}

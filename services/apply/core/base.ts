// Base-commit decision logic (pure). The adapters gather facts from git
// (does the tree have the named base-commit? which blob sits at each path in
// each commit of the window?) and these functions decide, in the documented
// order: base-commit, then the guess (like `b4 am --guess-base`), then the
// branch head. Each step that is skipped leaves a note saying why.
import { sameBlob } from './blobchain.js';
import type { BaseChoice } from './outcomes.js';

/** A full or abbreviated commit id as written in a base-commit: line. */
export const COMMIT_ID_RE = /^[0-9a-f]{7,64}$/;

/** Branch and tree names users may configure: no option look-alikes, no ref tricks. */
export function validRefName(ref: string): boolean {
  return (
    /^[A-Za-z0-9_][A-Za-z0-9._/+-]{0,200}$/.test(ref) &&
    !ref.includes('..') &&
    !ref.includes('//') &&
    !ref.endsWith('/') &&
    !ref.endsWith('.') &&
    !ref.endsWith('.lock') &&
    !ref.includes('@{')
  );
}

export interface GuessInput {
  /** commits of the window, newest first */
  commits: string[];
  /** the pre-image blobs the series needs */
  requirements: { path: string; blob: string }[];
  /** blob at commit:path, or null when the path does not exist there */
  blobAt: (commit: string, path: string) => string | null;
}

/** The newest commit of the window whose tree has every required pre-image blob, or null. */
export function guessBase(input: GuessInput): string | null {
  if (input.requirements.length === 0) return null;
  for (const c of input.commits) {
    const ok = input.requirements.every((r) => {
      const have = input.blobAt(c, r.path);
      return have !== null && sameBlob(have, r.blob);
    });
    if (ok) return c;
  }
  return null;
}

export interface BaseFacts {
  /** the base-commit: value of the series, if any */
  named: string | null;
  /** the full id when the tree has the named commit, else null */
  namedResolved: string | null;
  /** the guess result (null when no commit qualified or nothing to guess from) */
  guessed: string | null;
  guessWindow: number;
  requirements: number;
  branch: string;
  branchHead: string | null;
}

/** Decide the base and explain what was skipped. */
export function decideBase(f: BaseFacts): BaseChoice {
  const notes: string[] = [];
  if (f.named) {
    if (!COMMIT_ID_RE.test(f.named)) notes.push(`base-commit "${f.named.slice(0, 80)}" is not a commit id`);
    else if (f.namedResolved) return { commit: f.namedResolved, method: 'base-commit', note: null };
    else notes.push(`base-commit ${f.named} is not in the tree`);
  }
  if (f.guessed) return { commit: f.guessed, method: 'guess', note: notes.join('; ') || null };
  if (f.requirements === 0) notes.push('no pre-image blobs to guess from (no index lines, or only new files)');
  else notes.push(`no commit among the last ${f.guessWindow} of ${f.branch} has all ${f.requirements} pre-image blobs`);
  if (f.branchHead) return { commit: f.branchHead, method: 'branch-head', note: notes.join('; ') };
  notes.push(`branch ${f.branch} does not exist`);
  return { commit: null, method: 'none', note: notes.join('; ') };
}

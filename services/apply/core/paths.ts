// Safety checks on hostile patches, before git sees them. A mailed patch may
// name any path: "..", absolute paths, ".git/hooks/…", control characters, a
// symlink that points out of the tree. Such patches are rejected with a reason;
// git never gets user text as an option (the adapters put "--" before paths and
// feed the rest on stdin). Also the size limits. Pure functions.
import type { FileDiff, ParsedDiff } from './diff.js';

export interface Limits {
  /** bytes of diff text per patch */
  maxPatchBytes: number;
  /** file sections per patch */
  maxFiles: number;
  /** hunks per patch */
  maxHunks: number;
  /** lines per hunk */
  maxHunkLines: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxPatchBytes: 8 * 1024 * 1024,
  maxFiles: 2000,
  maxHunks: 20000,
  maxHunkLines: 100000,
};

/** Why a path from a patch is unsafe, or null when it is an ordinary relative path. */
export function unsafePathReason(p: string): string | null {
  if (p.length === 0) return 'empty path';
  if (p.length > 4096) return 'path longer than 4096 characters';
  if (/[\x00-\x1f\x7f]/.test(p)) return 'path contains a control character';
  if (p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:/.test(p)) return 'absolute path';
  for (const part of p.split(/[/\\]/)) {
    if (part === '') return 'empty path component (// or trailing /)';
    if (part === '.' || part === '..') return `path component "${part}"`;
    // .git, and the spellings Windows/macOS file systems treat as .git
    const norm = part.toLowerCase().replace(/[. ]+$/, '');
    if (norm === '.git' || norm === 'git~1' || norm.replace(/[\u200b-\u200f\ufeff]/g, '') === '.git') {
      return 'path into the .git directory';
    }
  }
  return null;
}

/** Added lines of a file section, without prefixes (a symlink's target is its content). */
function addedContent(f: FileDiff): string {
  return f.hunks
    .flatMap((h) => h.lines.filter((l) => l[0] === '+').map((l) => l.slice(1)))
    .join('\n');
}

/** A symlink whose target leaves the tree (absolute, or more ".." than its depth). */
export function symlinkEscape(f: FileDiff): string | null {
  if (f.newMode !== '120000' || !f.newPath) return null;
  const target = addedContent(f);
  if (target.startsWith('/')) return `symlink ${f.newPath} points to the absolute path ${target.slice(0, 200)}`;
  let depth = f.newPath.split('/').length - 1;
  for (const part of target.split('/')) {
    if (part === '..') depth--;
    else if (part !== '.' && part !== '') depth++;
    if (depth < 0) return `symlink ${f.newPath} points outside the tree (${target.slice(0, 200)})`;
    if (part.toLowerCase() === '.git') return `symlink ${f.newPath} points into .git`;
  }
  return null;
}

/** Every reason to refuse a parsed patch before running git; empty when it may be checked. */
export function rejectReasons(diffText: string, parsed: ParsedDiff, limits: Limits = DEFAULT_LIMITS): string[] {
  const out: string[] = [];
  if (diffText.length > limits.maxPatchBytes) out.push(`patch is ${diffText.length} bytes, over the limit of ${limits.maxPatchBytes}`);
  if (parsed.files.length > limits.maxFiles) out.push(`patch changes ${parsed.files.length} files, over the limit of ${limits.maxFiles}`);
  const hunks = parsed.files.reduce((n, f) => n + f.hunks.length, 0);
  if (hunks > limits.maxHunks) out.push(`patch has ${hunks} hunks, over the limit of ${limits.maxHunks}`);
  for (const f of parsed.files) {
    for (const p of [f.oldPath, f.newPath]) {
      const why = p === null ? null : unsafePathReason(p);
      if (why) out.push(`${why}: ${JSON.stringify(p!.slice(0, 300))}`);
    }
    if (f.newMode === '160000' || f.oldMode === '160000') out.push(`submodule change at ${f.newPath ?? f.oldPath} is not checked`);
    const esc = symlinkEscape(f);
    if (esc) out.push(esc);
    const big = f.hunks.find((h) => h.lines.length > limits.maxHunkLines);
    if (big) out.push(`hunk ${big.header.slice(0, 80)} has ${big.lines.length} lines, over the limit of ${limits.maxHunkLines}`);
  }
  return [...new Set(out)];
}

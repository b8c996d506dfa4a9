// Why a hunk does not apply, in terms a maintainer can act on: the hunk's
// pre-image compared line by line with what the tree's file has at the place
// the hunk expected, plus the closest place elsewhere in the file. Pure; the
// adapters read the file's blob and pass its text in.
import { preimage, type Hunk } from './diff.js';
import type { LineCompare, Mismatch } from './outcomes.js';

const MAX_LINES_SHOWN = 60;
/** do not search for a closest match in files or hunks bigger than this (line pairs) */
const MAX_SEARCH_WORK = 5_000_000;

export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function matchesAt(file: string[], pre: string[], start: number): number {
  let n = 0;
  for (let k = 0; k < pre.length; k++) if (file[start + k] === pre[k]) n++;
  return n;
}

/** The start line (0-based) other than `avoid` where most pre-image lines match, if any match at all. */
function closestMatch(file: string[], pre: string[], avoid: number): { start: number; matching: number } | null {
  if (pre.length === 0 || file.length * pre.length > MAX_SEARCH_WORK) return null;
  let best: { start: number; matching: number } | null = null;
  for (let s = 0; s + pre.length <= file.length; s++) {
    if (s === avoid) continue;
    const m = matchesAt(file, pre, s);
    if (m > 0 && (!best || m > best.matching)) best = { start: s, matching: m };
  }
  return best;
}

/**
 * Compare a hunk's pre-image with the file at the expected place.
 * `shift` is the net number of lines earlier hunks of the same patch added
 * (they are already applied in the file text passed in).
 */
export function describeMismatch(hunk: Hunk, fileText: string, shift = 0): Mismatch {
  const file = splitLines(fileText);
  const pre = preimage(hunk);
  const start = Math.max(0, (hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1) + shift);
  const differing: LineCompare[] = [];
  let differingCount = 0;
  for (let k = 0; k < pre.length; k++) {
    const actual = file[start + k];
    if (actual === pre[k]) continue;
    differingCount++;
    if (differing.length < MAX_LINES_SHOWN) differing.push({ line: start + k + 1, expected: pre[k]!, actual: actual ?? null });
  }
  const here = matchesAt(file, pre, start);
  const other = closestMatch(file, pre, start);
  return {
    expectedAt: start + 1,
    differing,
    differingCount,
    preimageLines: pre.length,
    treeHas: file.slice(start, start + Math.min(pre.length, MAX_LINES_SHOWN)),
    closest: other && other.matching > here ? { line: other.start + 1, matching: other.matching } : null,
  };
}

/** Net lines a hunk adds (new count − old count). */
export function hunkDelta(h: Hunk): number {
  return h.newLines - h.oldLines;
}

// Maps quoted diff lines back to the patch they come from: file, hunk and
// post-image line range. Mailers mangle quoted diffs (tabs become spaces,
// Thunderbird adds a space, format=flowed joins lines), so lines are compared
// with whitespace collapsed and matched in order with a moving cursor; lines
// that match nothing are skipped. Also reads a patch diff into numbered lines
// for the reply renderer and for "addressed in vN". Pure.
import type { Anchor } from './types.js';

export interface DiffLine {
  idx: number;
  file: string;
  /** index of the hunk in the patch, from 0 */
  hunk: number;
  kind: '+' | '-' | ' ';
  /** the line without its +/-/space marker */
  text: string;
  /** marker + whitespace-collapsed text, for matching */
  norm: string;
  /** post-image line number (for a removed line: the post-image line it sits before) */
  newNo: number;
  oldNo: number;
}

export interface HunkInfo {
  file: string;
  oldStart: number;
  newStart: number;
  header: string;
  /** index of its first line in `lines` */
  first: number;
}

export interface ParsedDiff {
  lines: DiffLine[];
  hunks: HunkInfo[];
}

const HUNK_RE = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

export function normDiffLine(kind: string, text: string): string {
  return kind + text.replace(/\s+/g, ' ').trim();
}

/** Read a unified diff into numbered lines. */
export function parseDiff(diff: string): ParsedDiff {
  const lines: DiffLine[] = [];
  const hunks: HunkInfo[] = [];
  let file = '';
  let oldLeft = 0;
  let newLeft = 0;
  let oldNo = 0;
  let newNo = 0;
  for (const l of diff.replace(/\r\n/g, '\n').split('\n')) {
    const inHunk = oldLeft > 0 || newLeft > 0;
    const m = inHunk ? null : HUNK_RE.exec(l);
    if (m) {
      oldNo = Number(m[1]);
      newNo = Number(m[3]);
      oldLeft = m[2] === undefined ? 1 : Number(m[2]);
      newLeft = m[4] === undefined ? 1 : Number(m[4]);
      hunks.push({ file, oldStart: oldNo, newStart: newNo, header: m[5] ?? '', first: lines.length });
      continue;
    }
    if (!inHunk) {
      const g = /^diff --git a\/(.+?) b\/(.+)$/.exec(l);
      if (g) file = g[2] ?? file;
      const p = /^\+\+\+ (?:b\/)?(.+)$/.exec(l);
      if (p && p[1] !== '/dev/null') file = p[1] ?? file;
      continue;
    }
    if (l.startsWith('\\')) continue;
    const kind = (l === '' ? ' ' : l[0]) as '+' | '-' | ' ';
    if (kind !== '+' && kind !== '-' && kind !== ' ') {
      oldLeft = 0;
      newLeft = 0;
      continue;
    }
    const text = l.slice(1);
    const hunk = hunks.length - 1;
    lines.push({ idx: lines.length, file, hunk, kind, text, norm: normDiffLine(kind, text), newNo, oldNo });
    if (kind !== '+') {
      oldNo++;
      oldLeft--;
    }
    if (kind !== '-') {
      newNo++;
      newLeft--;
    }
  }
  return { lines, hunks };
}

/** Marker and text of a quoted line, when it can be a diff line. */
function quotedDiffLine(t: string): { kind: '+' | '-' | ' '; text: string } | null {
  if (t === '') return { kind: ' ', text: '' };
  const c = t[0];
  if (c === '+' && !t.startsWith('+++ ')) return { kind: '+', text: t.slice(1) };
  if (c === '-' && !t.startsWith('--- ') && t !== '-- ' && t !== '--') return { kind: '-', text: t.slice(1) };
  if (c === ' ' || c === '\t') return { kind: ' ', text: t.slice(1) };
  return null;
}

/** Match quoted lines against the patch, in order: pairs of (quoted line index, diff line index). */
export function matchQuoted(quoted: string[], diff: ParsedDiff): { q: number; d: number }[] {
  const out: { q: number; d: number }[] = [];
  let cursor = 0;
  let file: string | null = null;
  let prevMatched = false;
  for (let qi = 0; qi < quoted.length; qi++) {
    const t = quoted[qi] ?? '';
    const h = HUNK_RE.exec(t);
    if (h) {
      const hunk = diff.hunks.find((x) => (file === null || x.file === file) && x.newStart === Number(h[3]));
      if (hunk) cursor = hunk.first;
      prevMatched = false;
      continue;
    }
    const g = /^diff --git a\/(.+?) b\/(.+)$/.exec(t);
    if (g) {
      file = g[2] ?? null;
      const firstOfFile = diff.lines.find((l) => l.file === file);
      if (firstOfFile) cursor = Math.max(cursor, firstOfFile.idx);
      continue;
    }
    const q = quotedDiffLine(t);
    if (!q || (q.text.trim() === '' && q.kind === ' ' && !prevMatched)) {
      prevMatched = false;
      continue;
    }
    const norm = normDiffLine(q.kind, q.text);
    const hit = diff.lines.find((l) => l.idx >= cursor && l.norm === norm && (file === null || l.file === file));
    prevMatched = Boolean(hit);
    if (hit) {
      out.push({ q: qi, d: hit.idx });
      cursor = hit.idx + 1;
    }
  }
  return out;
}

/** a run longer than this is cut back to its last paragraph */
const LONG_RUN = 24;

/**
 * The anchor of a comment written under quoted diff lines: the trailing run
 * of matched lines in the last hunk quoted. A long run (a reviewer quoting a
 * whole new function) is cut back to its last blank-line paragraph, which is
 * what the comment under it is about.
 */
export function anchorFromMatches(matches: number[], diff: ParsedDiff): { anchor: Anchor; lines: DiffLine[] } | null {
  if (matches.length === 0) return null;
  let k = matches.length - 1;
  const lastIdx = matches[k] as number;
  const hunk = diff.lines[lastIdx]?.hunk;
  while (k > 0) {
    const prev = matches[k - 1] as number;
    const cur = matches[k] as number;
    if (diff.lines[prev]?.hunk !== hunk || cur - prev > 3) break;
    k--;
  }
  let start = matches[k] as number;
  let end = lastIdx;
  const blank = (i: number) => (diff.lines[i]?.text.trim() ?? '') === '';
  while (end > start && blank(end)) end--;
  if (end - start + 1 > LONG_RUN) {
    let seen = 0;
    for (let i = end; i > start; i--) {
      if (!blank(i)) seen++;
      else if (seen >= 3) {
        start = i + 1;
        break;
      }
    }
  }
  while (start < end && blank(start)) start++;
  const lines = diff.lines.slice(start, end + 1);
  const a = lines[0] as DiffLine;
  const b = lines[lines.length - 1] as DiffLine;
  return { anchor: { file: a.file, lines: [a.newNo, Math.max(a.newNo, b.newNo)] }, lines };
}

/** The diff lines an anchor covers (post-image numbering), for quoting and comparison. */
export function linesForRange(diff: ParsedDiff, file: string, from: number, to: number): DiffLine[] {
  return diff.lines.filter((l) => l.file === file && l.newNo >= from && l.newNo <= to && !(l.kind === '-' && l.newNo === to + 1));
}

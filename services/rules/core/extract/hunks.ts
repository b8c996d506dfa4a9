// Reads the unified diff of a patch into files and hunks with post-image line
// numbers, tolerantly: anything that is not a well-formed hunk is skipped, a
// hunk cut short keeps the lines it has. Only what the extractor needs: it
// does not check that a diff applies (services/apply does that).

export interface DiffLine {
  kind: ' ' | '+' | '-';
  text: string;
  /** post-image line number (context and added lines), else null */
  newLine: number | null;
}

export interface Hunk {
  oldStart: number;
  newStart: number;
  newCount: number;
  /** the text after the second `@@`: git's guess of the enclosing function */
  context: string;
  lines: DiffLine[];
}

export interface FileDiff {
  /** post-image path (b/…), or the pre-image path for a deleted file */
  file: string;
  deleted: boolean;
  /** this file's part of the patch, exact text */
  diff: string;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;
const MAX_LINES = 200_000;

function lines(text: string): string[] {
  return text.split('\n').slice(0, MAX_LINES).map((l) => l.replace(/\r$/, ''));
}

/** The hunks of one file's diff. */
export function parseHunks(diff: string): Hunk[] {
  const ls = lines(diff);
  const hunks: Hunk[] = [];
  let i = 0;
  while (i < ls.length) {
    const m = HUNK.exec(ls[i] as string);
    i++;
    if (!m) continue;
    const oldCount = m[2] === undefined ? 1 : Number(m[2]);
    const newCount = m[4] === undefined ? 1 : Number(m[4]);
    const h: Hunk = { oldStart: Number(m[1]), newStart: Number(m[3]), newCount, context: m[5] ?? '', lines: [] };
    let oldLeft = oldCount;
    let newLeft = newCount;
    let next = h.newStart;
    while (i < ls.length && (oldLeft > 0 || newLeft > 0)) {
      const l = ls[i] as string;
      if (HUNK.test(l)) break;
      i++;
      if (l.startsWith('\\')) continue;
      const c = l === '' ? ' ' : l[0];
      if (c === '+' && newLeft > 0) {
        h.lines.push({ kind: '+', text: l.slice(1), newLine: next++ });
        newLeft--;
      } else if (c === '-' && oldLeft > 0) {
        h.lines.push({ kind: '-', text: l.slice(1), newLine: null });
        oldLeft--;
      } else if (c === ' ' && oldLeft > 0 && newLeft > 0) {
        h.lines.push({ kind: ' ', text: l.slice(1), newLine: next++ });
        oldLeft--;
        newLeft--;
      } else break;
    }
    hunks.push(h);
  }
  return hunks;
}

const GIT_HEADER = /^diff --git a\/(\S+) b\/(\S+)/;

interface Open {
  file: string;
  deleted: boolean;
  start: number;
  /** a hunk was seen since the header: a later ---/+++ pair starts a new file */
  hunks: boolean;
}

/** Split a whole patch (one or more files) into the diff of each file. */
export function splitPatch(patch: string): FileDiff[] {
  const ls = lines(patch);
  const out: FileDiff[] = [];
  let cur: Open | null = null;
  let left = { old: 0, new: 0 };
  for (let i = 0; i < ls.length; i++) {
    const l = ls[i] as string;
    if (left.old > 0 || left.new > 0) {
      left = consume(l, left);
      continue;
    }
    const h = HUNK.exec(l);
    if (h) {
      left = { old: h[2] === undefined ? 1 : Number(h[2]), new: h[4] === undefined ? 1 : Number(h[4]) };
      if (cur) cur.hunks = true;
      continue;
    }
    const git = GIT_HEADER.exec(l);
    const plain = !git && l.startsWith('--- ') && (ls[i + 1] ?? '').startsWith('+++ ');
    if (!git && !plain) continue;
    if (git || !cur || cur.hunks) {
      if (cur) out.push(fileOf(cur, ls, i));
      cur = { file: git ? (git[2] as string) : '', deleted: false, start: i, hunks: false };
    }
    if (plain) {
      setPaths(cur, l, ls[i + 1] as string);
      i++;
    }
  }
  if (cur) out.push(fileOf(cur, ls, ls.length));
  return out.filter((f) => f.file !== '');
}

function fileOf(cur: Open, ls: string[], end: number): FileDiff {
  return { file: cur.file, deleted: cur.deleted, diff: ls.slice(cur.start, end).join('\n') + '\n' };
}

/** Count one hunk body line against what the hunk header announced. */
function consume(l: string, left: { old: number; new: number }): { old: number; new: number } {
  if (l.startsWith('\\')) return left;
  const c = l === '' ? ' ' : l[0];
  if (c === '+') return { old: left.old, new: left.new - 1 };
  if (c === '-') return { old: left.old - 1, new: left.new };
  if (c === ' ') return { old: left.old - 1, new: left.new - 1 };
  return { old: 0, new: 0 };
}

function setPaths(cur: Open, from: string, to: string): void {
  const target = to.slice(4);
  cur.deleted = target.startsWith('/dev/null');
  if (!cur.file || !cur.deleted) cur.file = cur.deleted ? stripPrefix(from.slice(4)) : stripPrefix(target);
}

function stripPrefix(path: string): string {
  const p = path.split('\t')[0]?.trim() ?? '';
  return p.replace(/^[ab]\//, '');
}

// Finds the exact diff text inside a mail body and describes it. The diff is
// cut out byte for byte (a later stage feeds it to `git apply`), so the end of
// the diff is found by counting hunk lines, the way git apply reads a hunk:
// the signature "-- " after the last hunk is not a removed line. Handles
// git format-patch, plain `diff -u`, renames, mode changes, binary patches,
// new/deleted/empty files and "\ No newline at end of file". Files and hunks
// come from parse-diff; this module does not validate that a diff applies.
import parseDiff from 'parse-diff';

export interface HunkInfo {
  file: string;
  oldFile: string | null;
  newFile: string | null;
  header: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

export interface DiffInfo {
  /** the text before the `---` separator (or before the diff when there is none) */
  commitMessage: string;
  /** the diff exactly as it stands in the body */
  diff: string;
  files: string[];
  hunks: HunkInfo[];
  additions: number;
  deletions: number;
}

/** Where the scanner is. Transitions: see `step`. */
type ScanState = 'header' | 'hunk' | 'binary' | 'binary-gap';

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const EXT_HEADER =
  /^(?:diff --git |diff -|index |old mode |new mode |deleted file mode |new file mode |similarity index |dissimilarity index |rename from |rename to |copy from |copy to |Binary files |Index: |={10,}$|--- |\+\+\+ )/;
const BINARY_HUNK = /^(?:literal|delta) \d+$/;
const BINARY_DATA = /^[A-Za-z][0-9A-Za-z!#$%&()*+;<=>?@^_`{|}~-]*$/;

/** Split keeping line terminators, so joining slices gives back the exact bytes. */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    out.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

function bare(line: string): string {
  return line.replace(/\r?\n$/, '');
}

/** Index of the first line that starts a diff, or -1. */
export function findDiffStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const l = bare(lines[i] ?? '');
    if (l.startsWith('diff --git ') || (l.startsWith('Index: ') && /^={10,}$/.test(bare(lines[i + 1] ?? '')))) return i;
    if (/^diff -\S/.test(l) && bare(lines[i + 1] ?? '').startsWith('--- ')) return i;
    if (l.startsWith('--- ') && bare(lines[i + 1] ?? '').startsWith('+++ ') && HUNK_HEADER.test(bare(lines[i + 2] ?? ''))) return i;
  }
  return -1;
}

interface Counters {
  old: number;
  new: number;
}

/** Index one past the last line of the diff that starts at `start`. */
export function findDiffEnd(lines: string[], start: number): number {
  let state: ScanState = 'header';
  const left: Counters = { old: 0, new: 0 };
  let end = start;
  for (let i = start; i < lines.length; i++) {
    const next = step(state, bare(lines[i] ?? ''), left);
    if (next === null) break;
    state = next;
    // the blank line that closes a binary block belongs to the diff (git apply needs it)
    end = i + 1;
  }
  return end;
}

/** One transition of the scanner; null ends the diff. */
function step(state: ScanState, l: string, left: Counters): ScanState | null {
  if (state === 'hunk' && (left.old > 0 || left.new > 0)) {
    const c = l[0];
    if (c === ' ' || l === '') {
      left.old--;
      left.new--;
    } else if (c === '-') left.old--;
    else if (c === '+') left.new--;
    else if (c === '\\') return 'hunk';
    else return null;
    return 'hunk';
  }
  if (state === 'hunk' && l.startsWith('\\')) return 'hunk'; // "\ No newline at end of file" after the last line
  if (state === 'binary') return l === '' ? 'binary-gap' : BINARY_DATA.test(l) || BINARY_HUNK.test(l) ? 'binary' : null;
  if (state === 'binary-gap' && BINARY_HUNK.test(l)) return 'binary';
  const hh = HUNK_HEADER.exec(l);
  if (hh && state !== 'binary-gap') {
    left.old = hh[2] === undefined ? 1 : Number(hh[2]);
    left.new = hh[4] === undefined ? 1 : Number(hh[4]);
    return 'hunk';
  }
  if (l === 'GIT binary patch') return 'binary';
  if (BINARY_HUNK.test(l) && state === 'header') return 'binary';
  if (EXT_HEADER.test(l)) return 'header';
  return null;
}

/** The commit message: the text before the `---` line that precedes the diff. */
function commitMessageOf(lines: string[], diffStart: number): string {
  let sep = -1;
  for (let i = 0; i < diffStart; i++) if (bare(lines[i] ?? '') === '---') {
    sep = i;
    break;
  }
  const cut = sep >= 0 ? sep : diffStart;
  return lines.slice(0, cut).join('').replace(/\s+$/, '') + '\n';
}

function fileName(p: string | undefined): string | null {
  if (!p || p === '/dev/null') return null;
  return p;
}

/** Files and hunks of a diff, read with parse-diff. */
export function describeDiff(diff: string): Pick<DiffInfo, 'files' | 'hunks' | 'additions' | 'deletions'> {
  const files: string[] = [];
  const hunks: HunkInfo[] = [];
  let additions = 0;
  let deletions = 0;
  for (const f of parseDiff(diff)) {
    const oldFile = fileName(f.from);
    const newFile = fileName(f.to);
    const file = newFile ?? oldFile ?? '';
    if (file && !files.includes(file)) files.push(file);
    additions += f.additions;
    deletions += f.deletions;
    for (const c of f.chunks) {
      hunks.push({ file, oldFile, newFile, header: c.content, oldStart: c.oldStart, oldLines: c.oldLines, newStart: c.newStart, newLines: c.newLines });
    }
  }
  return { files, hunks, additions, deletions };
}

/** Find and describe the diff of a body; null when the body carries none. */
export function extractDiff(body: string): DiffInfo | null {
  const lines = splitLines(body);
  const start = findDiffStart(lines);
  if (start < 0) return null;
  const end = findDiffEnd(lines, start);
  const diff = lines.slice(start, end).join('');
  if (!diff.includes('@@') && !diff.includes('GIT binary patch') && !/^(?:old|new) mode |^(?:new|deleted) file mode |^rename from /m.test(diff)) return null;
  return { commitMessage: commitMessageOf(lines, start), diff, ...describeDiff(diff) };
}

/**
 * The patch a mail carries: inline in the body, else in an attached patch.
 * For an attachment that is a whole `git format-patch` mail the commit message
 * is its text after the mail headers; for a bare diff it is the body's text.
 */
export function patchOf(body: string, attachedPatch: string | null | undefined): DiffInfo | null {
  const inline = extractDiff(body);
  if (inline || !attachedPatch) return inline;
  const att = extractDiff(attachedPatch);
  if (!att) return null;
  const own = att.commitMessage.replace(/^From [0-9a-f]{40} .*\n(?:[A-Za-z-]+:.*\n(?:[ \t].*\n)*)*\n?/, '').trim();
  return { ...att, commitMessage: (own || body.trim()) + '\n' };
}

// The diff/hunk model of the applier: parses the exact diff text of a mailed
// patch (git format, or plain unified diff) into file sections and hunks, and
// rebuilds single-hunk patches from them. Used by the applier to find which
// hunk fails, by the blob-chain check (index lines) and by the base guess.
// It does not decide whether a patch is safe (see paths.ts) and never recurses;
// hunks end by their line counts, so a trailing "-- " signature is not a hunk line.

export interface Hunk {
  /** the whole @@ line */
  header: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** hunk body lines as written (' ', '-', '+' prefixes, and "\ No newline" markers) */
  lines: string[];
}

export type BinaryKind = 'none' | 'literal' | 'no-data';

export interface FileDiff {
  /** null for a created file */
  oldPath: string | null;
  /** null for a deleted file */
  newPath: string | null;
  /** header lines from "diff --git" up to the first hunk, as written */
  header: string[];
  /** abbreviated blob ids of the "index abc..def" line, when present */
  oldBlob: string | null;
  newBlob: string | null;
  oldMode: string | null;
  newMode: string | null;
  binary: BinaryKind;
  hunks: Hunk[];
  /** the section exactly as written (header, hunks or binary data), newline-terminated */
  text: string;
}

export interface ParsedDiff {
  files: FileDiff[];
  /** problems that make the diff unusable, with the line number */
  errors: string[];
}

const HUNK_RE = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const INDEX_RE = /^index ([0-9a-f]{4,64})\.\.([0-9a-f]{4,64})(?: (\d{6}))?$/;

/** Undo git's C-style quoting of a path ("a/tab\there"). */
export function unquotePath(raw: string): string {
  if (!raw.startsWith('"') || !raw.endsWith('"') || raw.length < 2) return raw;
  const body = raw.slice(1, -1);
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, '"': 34, '\\': 92, a: 7, b: 8, f: 12, r: 13, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = body[i + 1] ?? '';
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[n] ?? n.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** "a/foo" → "foo"; "/dev/null" → null. Other prefixes are kept as written. */
function stripPrefix(raw: string, prefix: 'a/' | 'b/'): string | null {
  const p = unquotePath(raw.split('\t')[0]!.trimEnd());
  if (p === '/dev/null') return null;
  return p.startsWith(prefix) ? p.slice(2) : p;
}

/** Paths named in "diff --git a/X b/Y" when both are unquoted and equal-length halves. */
function gitHeaderPaths(line: string): { oldPath: string; newPath: string } | null {
  const rest = line.slice('diff --git '.length);
  const q = rest.match(/^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/);
  if (q) return { oldPath: stripPrefix(q[1]!, 'a/') ?? '', newPath: stripPrefix(q[2]!, 'b/') ?? '' };
  // unquoted names with spaces: a/NAME b/NAME with the same NAME
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest.startsWith('a/') && rest.slice(half + 1).startsWith('b/')) {
    return { oldPath: rest.slice(2, half), newPath: rest.slice(half + 3) };
  }
  return null;
}

function newFile(header: string[]): FileDiff {
  return { oldPath: null, newPath: null, header, oldBlob: null, newBlob: null, oldMode: null, newMode: null, binary: 'none', hunks: [], text: '' };
}

/** Apply one extended header line to the file being parsed. */
function headerLine(f: FileDiff, line: string, created: { v: boolean; deleted: boolean }): void {
  const idx = line.match(INDEX_RE);
  if (idx) {
    f.oldBlob = idx[1]!;
    f.newBlob = idx[2]!;
    if (idx[3]) f.oldMode = f.newMode = idx[3];
  } else if (line.startsWith('new file mode ')) {
    f.newMode = line.slice(14).trim();
    created.v = true;
  } else if (line.startsWith('deleted file mode ')) {
    f.oldMode = line.slice(18).trim();
    created.deleted = true;
  } else if (line.startsWith('old mode ')) f.oldMode = line.slice(9).trim();
  else if (line.startsWith('new mode ')) f.newMode = line.slice(9).trim();
  else if (line.startsWith('rename from ') || line.startsWith('copy from ')) f.oldPath = unquotePath(line.replace(/^(rename|copy) from /, ''));
  else if (line.startsWith('rename to ') || line.startsWith('copy to ')) f.newPath = unquotePath(line.replace(/^(rename|copy) to /, ''));
  else if (line.startsWith('--- ')) f.oldPath = stripPrefix(line.slice(4), 'a/');
  else if (line.startsWith('+++ ')) f.newPath = stripPrefix(line.slice(4), 'b/');
  else if (line === 'GIT binary patch') f.binary = 'literal';
  else if (/^Binary files .* differ$/.test(line)) f.binary = 'no-data';
}

/** Read one hunk starting at lines[i] (the @@ line); returns the hunk and the next line index. */
function readHunk(lines: string[], i: number, errors: string[]): { hunk: Hunk; next: number } {
  const m = lines[i]!.match(HUNK_RE)!;
  const hunk: Hunk = {
    header: lines[i]!,
    oldStart: Number(m[1]),
    oldLines: m[2] === undefined ? 1 : Number(m[2]),
    newStart: Number(m[3]),
    newLines: m[4] === undefined ? 1 : Number(m[4]),
    lines: [],
  };
  let oldLeft = hunk.oldLines;
  let newLeft = hunk.newLines;
  let j = i + 1;
  for (; j < lines.length && (oldLeft > 0 || newLeft > 0); j++) {
    const l = lines[j]!;
    const c = l === '' ? ' ' : l[0];
    if (c === ' ') {
      oldLeft--;
      newLeft--;
    } else if (c === '-') oldLeft--;
    else if (c === '+') newLeft--;
    else if (c === '\\') {
      hunk.lines.push(l);
      continue;
    } else break;
    hunk.lines.push(l === '' ? ' ' : l);
  }
  if (oldLeft !== 0 || newLeft !== 0) errors.push(`line ${i + 1}: hunk ${hunk.header} ends early or its counts are wrong`);
  while (j < lines.length && lines[j]!.startsWith('\\')) hunk.lines.push(lines[j++]!);
  return { hunk, next: j };
}

function finish(f: FileDiff, created: { v: boolean; deleted: boolean }, git: { oldPath: string; newPath: string } | null): void {
  if (git) {
    if (f.oldPath === null && !created.v) f.oldPath = git.oldPath;
    if (f.newPath === null && !created.deleted) f.newPath = git.newPath;
  }
  if (created.v) f.oldPath = null;
  if (created.deleted) f.newPath = null;
}

/** Parse a diff text. Text before the first file header (commit message, diffstat) is skipped. */
export function parseDiff(text: string): ParsedDiff {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const files: FileDiff[] = [];
  const errors: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const isGit = line.startsWith('diff --git ');
    const isPlain = !isGit && line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ');
    if (!isGit && !isPlain) {
      i++;
      continue;
    }
    const f = newFile([]);
    const created = { v: false, deleted: false };
    const git = isGit ? gitHeaderPaths(line) : null;
    if (isGit && !git) errors.push(`line ${i + 1}: cannot read the paths of "${line.slice(0, 200)}"`);
    // header: up to the first hunk or the next file
    let j = i;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (j > i && (l.startsWith('diff --git ') || HUNK_RE.test(l))) break;
      if (j > i + 1 && !isGit && l.startsWith('--- ')) break;
      f.header.push(l);
      headerLine(f, l, created);
      if (l.startsWith('+++ ') || l === 'GIT binary patch') {
        j++;
        break;
      }
    }
    if (f.binary === 'literal') while (j < lines.length && !lines[j]!.startsWith('diff --git ')) j++;
    while (j < lines.length && HUNK_RE.test(lines[j]!)) {
      const r = readHunk(lines, j, errors);
      f.hunks.push(r.hunk);
      j = r.next;
    }
    finish(f, created, git);
    f.text = lines.slice(i, j).join('\n') + '\n';
    files.push(f);
    i = Math.max(j, i + 1);
  }
  if (files.length === 0) errors.push('no file changes found in the diff');
  return { files, errors };
}

/** The path a file section is known by in results: the new path, or the old one for a deletion. */
export function displayPath(f: FileDiff): string {
  return f.newPath ?? f.oldPath ?? '?';
}

/** Every path a file section reads or writes. */
export function touchedPaths(f: FileDiff): string[] {
  const out = new Set<string>();
  if (f.oldPath) out.add(f.oldPath);
  if (f.newPath) out.add(f.newPath);
  return [...out];
}

/**
 * A patch with only one hunk of one file section, for checking hunks one by one.
 * The index line is dropped: a single hunk does not turn the pre-image blob into
 * the post-image blob, so git must not try to use it.
 */
export function singleHunkPatch(f: FileDiff, hunkIndex: number): string {
  const hunk = f.hunks[hunkIndex];
  if (!hunk) throw new RangeError(`no hunk ${hunkIndex}`);
  const header = f.header.filter((l) => !INDEX_RE.test(l));
  return [...header, hunk.header, ...hunk.lines, ''].join('\n');
}

/** Pre-image of a hunk: its context and removed lines, without prefixes. */
export function preimage(h: Hunk): string[] {
  return h.lines.filter((l) => l[0] === ' ' || l[0] === '-').map((l) => l.slice(1));
}

/** Leading and trailing context line counts of a hunk. */
export function contextSize(h: Hunk): { leading: number; trailing: number } {
  const body = h.lines.filter((l) => l[0] !== '\\');
  let leading = 0;
  while (leading < body.length && body[leading]![0] === ' ') leading++;
  let trailing = 0;
  while (trailing < body.length - leading && body[body.length - 1 - trailing]![0] === ' ') trailing++;
  return { leading, trailing };
}

// Reconstructs the post-image C text of every function a file's diff adds or
// changes, each line tagged with its post-image line number. Two sources:
// - hunks only: context + added lines as far as the hunks show them; a
//   function cut by a hunk edge gets its signature from git's header line and
//   a gap marker, and is flagged `partial`;
// - a post-image file (the tree at the patched state): the whole function.
// The post-image is checked against the hunks; on a mismatch the hunks win.
import { parseHunks, type Hunk } from './hunks.js';
import { scanRun, type Row, type Segment } from './scan.js';

export interface SourceLine {
  text: string;
  line: number | null;
}

export interface FunctionSource {
  name: string;
  file: string;
  lines: SourceLine[];
  /** some of the body is not visible */
  partial: boolean;
  /** the signature came from git's (possibly truncated) hunk header */
  signatureFromHeader: boolean;
  startLine: number | null;
  endLine: number | null;
  from: 'hunks' | 'postImage';
}

export interface SourceNote {
  text: string;
  line: number;
}

export function gapLine(from: number | null, to: number | null): SourceLine {
  const range = from !== null && to !== null ? ` (lines ${from}-${to})` : '';
  return { text: `/* [patchlens: not visible in the patch${range}] */`, line: null };
}

/** Rows of a hunk's post-image, with where lines were removed. */
export function hunkRows(h: Hunk): Row[] {
  const rows: Row[] = [];
  let removed = false;
  for (const l of h.lines) {
    if (l.kind === '-') {
      removed = true;
      continue;
    }
    rows.push({ text: l.text, line: l.newLine, added: l.kind === '+', removedBefore: removed });
    removed = false;
  }
  const last = rows[rows.length - 1];
  if (removed && last) last.removedBefore = true; // removal at the hunk's end: count it for the last function
  return rows;
}

/** A signature from git's header, closed if git cut it (`f(a,` → `f(a, ...)`). */
export function headerSignature(header: string): string {
  let sig = header.replace(/\{\s*$/, '').trimEnd();
  let depth = 0;
  for (const c of sig) depth += c === '(' ? 1 : c === ')' ? -1 : 0;
  if (depth > 0) {
    const cut = Math.max(sig.lastIndexOf(','), sig.indexOf('('));
    sig = `${sig.slice(0, cut + 1)}${sig[cut] === ',' ? ' ' : ''}...${')'.repeat(depth)}`;
  }
  return sig;
}

/**
 * Join a function cut by a hunk edge with its continuation in the next hunk.
 * git names a hunk after the function of its pre-image position; when the
 * patch moved function boundaries that name is stale: a function whose start
 * is visible elsewhere cannot contain this hunk's first lines, which then
 * continue the function left open by the previous hunk.
 */
function merge(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  const startsSeen = new Set(segs.filter((s) => s.startKnown && s.name !== null).map((s) => s.name));
  for (const s of segs) {
    const prev = out[out.length - 1];
    const stale = s.name !== null && startsSeen.has(s.name) && prev?.name !== s.name;
    if (prev && prev.name !== null && (prev.name === s.name || stale) && !prev.endKnown && !s.startKnown) {
      const need = s.missingOpen + 1;
      const extraOpen = Math.max(0, need - prev.openAtEnd);
      const extraClose = Math.max(0, prev.openAtEnd - need);
      const fill: Row[] = [...Array(extraOpen).fill('{'), ...Array(extraClose).fill('}')].map((t) => row(t));
      prev.rows = [...prev.rows, ...fill, ...s.rows];
      prev.changed ||= s.changed;
      prev.endKnown = s.endKnown;
      prev.openAtEnd = s.openAtEnd;
      continue;
    }
    out.push({ ...s });
  }
  return out;
}

const row = (text: string): Row => ({ text, line: null, added: false, removedBefore: false });

/** The text of one segment, gaps marked, braces balanced. */
function sourceOf(file: string, s: Segment, from: 'hunks' | 'postImage'): FunctionSource {
  const lines: SourceLine[] = [];
  const firstCode = s.rows.find((r) => r.text.trim() !== '')?.text ?? '';
  if (s.headerSig !== null && s.startKnown) {
    // header + `{`: close the cut signature; header + parameter lines: the rows continue it
    lines.push({ text: firstCode.startsWith('{') ? headerSignature(s.headerSig) : s.headerSig, line: null });
  } else if (s.startKnown && /^\w+\s*\(/.test(firstCode)) {
    lines.push({ text: 'int /* [patchlens: return type not visible] */', line: null });
  }
  if (!s.startKnown) {
    lines.push({ text: headerSignature(s.headerSig ?? 'void __patchlens_unknown(void)'), line: null });
    lines.push({ text: '{' + '{'.repeat(s.missingOpen), line: null });
    lines.push(gapLine(null, null));
  }
  let prev: number | null = null;
  let gaps = false;
  for (const r of s.rows) {
    if (r.line !== null && prev !== null && r.line > prev + 1) {
      lines.push(gapLine(prev + 1, r.line - 1));
      gaps = true;
    }
    lines.push({ text: r.text, line: r.line });
    if (r.line !== null) prev = r.line;
  }
  if (!s.endKnown) {
    lines.push(gapLine(null, null));
    lines.push({ text: '}'.repeat(Math.max(1, s.openAtEnd)), line: null });
  }
  const numbered = s.rows.filter((r) => r.line !== null).map((r) => r.line as number);
  return {
    name: s.name ?? '__patchlens_unknown',
    file,
    lines,
    partial: !s.startKnown || !s.endKnown || gaps,
    signatureFromHeader: s.headerSig !== null,
    startLine: numbered[0] ?? null,
    endLine: numbered[numbered.length - 1] ?? null,
    from,
  };
}

/** Functions changed by the hunks, reconstructed from the hunks alone. */
export function functionsFromHunks(file: string, hunks: Hunk[]): FunctionSource[] {
  const segs = hunks.flatMap((h) => scanRun(hunkRows(h), h.context));
  return merge(segs).filter((s) => s.changed).map((s) => sourceOf(file, s, 'hunks'));
}

/** Post-image line numbers touched by the hunks: added lines and removal points. */
function changedLines(hunks: Hunk[]): { added: Map<number, string>; removedBefore: Set<number> } {
  const added = new Map<number, string>();
  const removedBefore = new Set<number>();
  for (const h of hunks) {
    for (const r of hunkRows(h)) {
      if (r.line === null) continue;
      if (r.added) added.set(r.line, r.text);
      if (r.removedBefore) removedBefore.add(r.line);
    }
  }
  return { added, removedBefore };
}

/** Functions changed by the hunks, taken whole from the post-image; null if it does not match. */
export function functionsFromPostImage(file: string, hunks: Hunk[], postImage: string): FunctionSource[] | null {
  const text = postImage.split('\n').map((l) => l.replace(/\r$/, ''));
  const { added, removedBefore } = changedLines(hunks);
  for (const [line, t] of added) if (text[line - 1] !== t) return null;
  const rows: Row[] = text.map((t, i) => ({ text: t, line: i + 1, added: added.has(i + 1), removedBefore: removedBefore.has(i + 1) }));
  return scanRun(rows).filter((s) => s.changed).map((s) => sourceOf(file, s, 'postImage'));
}

/** The changed functions of one file's diff, from the post-image when it matches, else from the hunks. */
export function changedFunctions(input: { file: string; diff: string; postImage?: string }): {
  functions: FunctionSource[];
  notes: SourceNote[];
} {
  const hunks = parseHunks(input.diff);
  const notes: SourceNote[] = [];
  if (input.postImage !== undefined) {
    const whole = functionsFromPostImage(input.file, hunks, input.postImage);
    if (whole) return { functions: whole, notes };
    notes.push({ text: `${input.file}: the post-image does not match the patch; using the hunks`, line: hunks[0]?.newStart ?? 0 });
  }
  return { functions: functionsFromHunks(input.file, hunks), notes };
}

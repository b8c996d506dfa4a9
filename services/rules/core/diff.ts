// Hunks of a patch with the post-image line number of every line, so a
// concern can be located at "the hunk lines whose effects appear in the
// counterexample". Used by the rule engine only; ingest keeps its own
// byte-exact diff reader. Handles `diff --git` and plain unified diffs.

export interface HunkLine {
  kind: '+' | '-' | ' ';
  /** post-image line number (null for removed lines) */
  newLine: number | null;
  text: string;
}

export interface Hunk {
  /** 0-based, in the order the hunks appear in the patch */
  index: number;
  file: string;
  header: string;
  newStart: number;
  newLines: number;
  lines: HunkLine[];
}

const HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/;

export function parseHunks(diff: string): Hunk[] {
  const hunks: Hunk[] = [];
  let file = '';
  let cur: Hunk | null = null;
  let next = 0;
  let left = 0;
  let oldLeft = 0;
  for (const raw of diff.split('\n')) {
    const l = raw.replace(/\r$/, '');
    if (cur && (left > 0 || oldLeft > 0) && (/^[ +\-]/.test(l) || l === '')) {
      const kind = (l[0] ?? ' ') as HunkLine['kind'];
      cur.lines.push({ kind, newLine: kind === '-' ? null : next, text: l.slice(1) });
      if (kind !== '-') {
        next++;
        left--;
      }
      if (kind !== '+') oldLeft--;
      continue;
    }
    if (l.startsWith('+++ ')) {
      file = l.slice(4).replace(/^b\//, '').trim();
      continue;
    }
    const h = HEADER.exec(l);
    if (h) {
      oldLeft = h[1] === undefined ? 1 : Number(h[1]);
      next = Number(h[2]);
      left = h[3] === undefined ? 1 : Number(h[3]);
      cur = { index: hunks.length, file, header: l, newStart: next, newLines: left, lines: [] };
      hunks.push(cur);
    }
  }
  return hunks;
}

/** Post-image line numbers added by the patch in `file`. */
export function addedLines(hunks: Hunk[], file: string): Set<number> {
  const out = new Set<number>();
  for (const h of hunks) if (h.file === file) for (const l of h.lines) if (l.kind === '+' && l.newLine !== null) out.add(l.newLine);
  return out;
}

/** The hunk of `file` whose post-image range holds `line`. */
export function hunkAt(hunks: Hunk[], file: string, line: number): Hunk | undefined {
  return hunks.find((h) => h.file === file && line >= h.newStart && line < h.newStart + h.newLines);
}

// Test helper: the smallest base files on which a series of patches applies
// exactly, in order. Each file starts as numbered filler lines; every hunk's
// context and '-' lines are written into the base at the place the hunk
// expects them (following earlier patches' changes), so line numbers match
// the hunk headers. The patches' index lines do not name these blobs.
import { parseDiff, type Hunk } from '../../services/apply/core/diff.js';

type Entry = { base: number } | { text: string };

function applyHunk(cur: Entry[], base: (string | null)[], h: Hunk, shift: number, file: string): number {
  let pos = h.oldStart - 1 + shift;
  if (h.oldLines === 0) pos += 1;
  const out: Entry[] = [];
  let at = pos;
  for (const l of h.lines) {
    if (l[0] === '\\') continue;
    const text = l.slice(1);
    if (l[0] === '+') {
      out.push({ text });
      continue;
    }
    const e = cur[at++];
    if (!e) throw new Error(`${file}: hunk ${h.header} runs past the end`);
    if ('base' in e) {
      if (base[e.base] !== null && base[e.base] !== text) throw new Error(`${file}: line ${e.base + 1} needed twice with different text`);
      base[e.base] = text;
    } else if (e.text !== text) throw new Error(`${file}: hunk ${h.header} does not follow the earlier patches`);
    if (l[0] === ' ') out.push(e);
  }
  cur.splice(pos, at - pos, ...out);
  return h.newLines - h.oldLines;
}

/** Base file contents (path → text) on which `diffs` apply in order with no offset. */
export function seedBase(diffs: string[], length = 6000): Record<string, string> {
  const files = new Map<string, { cur: Entry[]; base: (string | null)[] }>();
  for (const d of diffs) {
    for (const f of parseDiff(d).files) {
      const path = f.oldPath ?? f.newPath!;
      if (!files.has(path)) files.set(path, { cur: Array.from({ length }, (_, i) => ({ base: i })), base: Array(length).fill(null) });
      const st = files.get(path)!;
      let shift = 0;
      for (const h of f.hunks) shift += applyHunk(st.cur, st.base, h, shift, path);
    }
  }
  const out: Record<string, string> = {};
  for (const [path, st] of files) {
    const used = st.base.reduce((m, l, i) => (l !== null ? i : m), 0) + 20;
    out[path] = st.base.slice(0, used).map((l, i) => l ?? `/* ${path} filler ${i + 1} */`).join('\n') + '\n';
  }
  return out;
}

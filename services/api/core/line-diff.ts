// A line diff (longest common subsequence), for the range-diff between two
// versions of a series. Pure. Inputs beyond MAX_CELLS compare as wholly
// replaced rather than stall the request: range-diffs of huge patches are
// rare and a maintainer reads them in git anyway.
export type DiffOp = { op: ' ' | '-' | '+'; line: string };

export const MAX_CELLS = 4_000_000;

export function lineDiff(a: string[], b: string[]): DiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: DiffOp[] = a.slice(0, start).map((line) => ({ op: ' ', line }));
  const tail: DiffOp[] = a.slice(endA).map((line) => ({ op: ' ', line }));
  return [...head, ...middle(a.slice(start, endA), b.slice(start, endB)), ...tail];
}

function middle(a: string[], b: string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_CELLS || n === 0 || m === 0) {
    return [...a.map((line) => ({ op: '-' as const, line })), ...b.map((line) => ({ op: '+' as const, line }))];
  }
  // lcs[i][j] = LCS length of a[i..] and b[j..], in one flat array
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
    }
  }
  const out: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', line: a[i++] as string });
      j++;
    } else if ((lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0)) out.push({ op: '-', line: a[i++] as string });
    else out.push({ op: '+', line: b[j++] as string });
  }
  while (i < n) out.push({ op: '-', line: a[i++] as string });
  while (j < m) out.push({ op: '+', line: b[j++] as string });
  return out;
}

/** Unified-style text of a diff, with `context` unchanged lines around each change. */
export function formatDiff(ops: DiffOp[], context = 3): string {
  const keep = new Array<boolean>(ops.length).fill(false);
  ops.forEach((o, k) => {
    if (o.op === ' ') return;
    for (let x = Math.max(0, k - context); x <= Math.min(ops.length - 1, k + context); x++) keep[x] = true;
  });
  const lines: string[] = [];
  let skipped = false;
  ops.forEach((o, k) => {
    if (!keep[k]) {
      skipped = true;
      return;
    }
    if (skipped && lines.length) lines.push('@@ … @@');
    skipped = false;
    lines.push(`${o.op}${o.line}`);
  });
  return lines.join('\n');
}

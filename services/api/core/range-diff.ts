// Range-diff of two versions of a series, like `git range-diff`: pair the
// patches (same title first, then same position), then diff each pair's
// patch text (commit message and diff). Pure; services/range-diff.ts loads
// the rows. Pairs are listed in the order of the newer version.
import { formatDiff, lineDiff } from './line-diff.js';

export interface RangePatch {
  index: number;
  subject: string;
  text: string;
}

export interface RangePair {
  fromIndex: number | null;
  toIndex: number | null;
  subject: string;
  status: '=' | '!' | '<' | '>';
  diff: string;
}

/** `[PATCH v2 3/7] cxl: foo` → `cxl: foo` */
export function titleOf(subject: string): string {
  return subject.replace(/^(\s*(re|fwd?):\s*)*/i, '').replace(/^(\s*\[[^\]]*\])+\s*/, '').trim().toLowerCase();
}

function pairUp(from: RangePatch[], to: RangePatch[]): [RangePatch | null, RangePatch | null][] {
  const used = new Set<RangePatch>();
  const pairs: [RangePatch | null, RangePatch | null][] = [];
  for (const t of to) {
    const byTitle = from.find((f) => !used.has(f) && titleOf(f.subject) === titleOf(t.subject));
    const byIndex = from.find((f) => !used.has(f) && f.index === t.index);
    const match = byTitle ?? byIndex ?? null;
    if (match) used.add(match);
    pairs.push([match, t]);
  }
  for (const f of from) if (!used.has(f)) pairs.push([f, null]);
  return pairs;
}

export function rangeDiff(from: RangePatch[], to: RangePatch[]): RangePair[] {
  return pairUp(from, to).map(([a, b]) => {
    const subject = (b ?? a)?.subject ?? '';
    if (!a || !b) {
      const only = (a ?? b) as RangePatch;
      const sign = a ? '-' : '+';
      return { fromIndex: a?.index ?? null, toIndex: b?.index ?? null, subject, status: a ? '<' : '>', diff: only.text.split('\n').map((l) => sign + l).join('\n') };
    }
    if (a.text === b.text) return { fromIndex: a.index, toIndex: b.index, subject, status: '=', diff: '' };
    const diff = formatDiff(lineDiff(a.text.split('\n'), b.text.split('\n')));
    return { fromIndex: a.index, toIndex: b.index, subject, status: '!', diff };
  });
}

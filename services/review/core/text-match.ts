// Finds where a quoted passage came from. Quotes are re-wrapped, trimmed and
// re-indented by mail clients, so passages are compared as word trigrams with
// case, punctuation and line breaks ignored: the score is the share of the
// quote's trigrams found in the candidate. Pure.

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, ' ')
    .split(' ')
    .filter(Boolean);
}

function grams(ws: string[]): Set<string> {
  const out = new Set<string>();
  if (ws.length < 3) {
    if (ws.length) out.add(ws.join(' '));
    return out;
  }
  for (let i = 0; i + 2 < ws.length; i++) out.add(`${ws[i]} ${ws[i + 1]} ${ws[i + 2]}`);
  return out;
}

/** A candidate text prepared once for many comparisons. */
export interface Indexed {
  grams: Set<string>;
  wordCount: number;
  flat: string;
}

export function indexText(text: string): Indexed {
  const ws = words(text);
  return { grams: grams(ws), wordCount: ws.length, flat: ws.join(' ') };
}

/** Share (0..1) of the quote's trigrams that occur in the candidate; index the quote once for many candidates. */
export function coverage(quote: string | Indexed, target: Indexed): number {
  const q = typeof quote === 'string' ? indexText(quote) : quote;
  if (q.wordCount === 0) return 0;
  if (q.wordCount < 3) return target.flat.includes(q.flat) ? 1 : 0;
  let hit = 0;
  for (const g of q.grams) if (target.grams.has(g)) hit++;
  return hit / q.grams.size;
}

/** a quote counts as coming from a text when at least this share matches */
export const MATCH_THRESHOLD = 0.6;

// What a comment block is written under: lines of a patch (file, hunk and
// line range), the prose of a commit message or cover letter, an earlier
// block of the discussion (a comment or an answer), or — for top-posted and
// quote-less replies, and quotes we cannot place — the whole message it
// answers. Used by ledger.ts. Pure.
import { anchorFromMatches, matchQuoted, type ParsedDiff } from './anchor.js';
import type { Block } from './splitter.js';
import { coverage, indexText, MATCH_THRESHOLD, type Indexed } from './text-match.js';
import type { Anchor, Person } from './types.js';

/** A block of the discussion that later blocks can quote. */
export interface Segment {
  messageId: string;
  author: Person;
  text: string;
  index: Indexed;
  /** comment: a ledger item; answer/reaction: a reply to the comment `commentFp` */
  role: 'comment' | 'answer' | 'reaction';
  commentFp: string;
  lines: [number, number] | null;
}

export type Target =
  | { kind: 'diff'; patchIndex: number; anchor: Anchor; quoted: string }
  | { kind: 'prose'; patchIndex: number | null; onCover: boolean; quoted: string }
  | { kind: 'segment'; segment: Segment }
  | { kind: 'message'; messageId: string | null };

export interface TargetContext {
  diffs: Map<number, ParsedDiff>;
  commitMessages: Map<number, Indexed>;
  cover: Indexed | null;
  segments: Segment[];
}

/** Resolve what one block of message `messageId` is written under. */
export function resolveTarget(block: Block, messageId: string, parentMessageId: string | null, prefer: number | null, ctx: TargetContext): Target {
  if (block.placement !== 'inline' || block.tail.length === 0) return { kind: 'message', messageId: parentMessageId };
  const tail = block.tail.map((l) => l.text);
  return (
    diffTarget(tail, prefer, ctx) ??
    segmentTarget(tail, (s) => s.messageId !== messageId, MATCH_THRESHOLD, ctx) ??
    proseTarget(tail, ctx) ??
    // a loose quote of the message answered: its closest block, if any is close at all
    segmentTarget(tail, (s) => s.messageId === parentMessageId, LOOSE_THRESHOLD, ctx) ?? { kind: 'message', messageId: parentMessageId }
  );
}

/** The tail ends in diff lines of one of the patches. */
function diffTarget(tail: string[], prefer: number | null, ctx: TargetContext): Target | null {
  const nonBlank = tail.map((t, i) => (t.trim() ? i : -1)).filter((i) => i >= 0);
  let best: { patchIndex: number; count: number; anchor: Anchor; quoted: string } | null = null;
  const order = [...ctx.diffs.keys()].sort((a, b) => (a === prefer ? -1 : b === prefer ? 1 : a - b));
  for (const patchIndex of order) {
    const diff = ctx.diffs.get(patchIndex) as ParsedDiff;
    const pairs = matchQuoted(tail, diff);
    const last = pairs[pairs.length - 1];
    // the block must sit right under diff lines, not under prose that follows them
    if (!last || nonBlank.filter((i) => i > last.q).length > 0 || (pairs.length < 2 && nonBlank.length > 2)) continue;
    const hit = anchorFromMatches(pairs.map((p) => p.d), diff);
    if (!hit) continue;
    if (!best || pairs.length > best.count) {
      best = { patchIndex, count: pairs.length, anchor: hit.anchor, quoted: hit.lines.map((l) => l.kind + l.text).join('\n') };
    }
  }
  return best ? { kind: 'diff', patchIndex: best.patchIndex, anchor: best.anchor, quoted: best.quoted } : null;
}

/** share of a quote that must match a block of the very message answered */
const LOOSE_THRESHOLD = 0.3;

/** The tail quotes an earlier block of the discussion (one `allowed` says it may be). */
function segmentTarget(tail: string[], allowed: (s: Segment) => boolean, threshold: number, ctx: TargetContext): Target | null {
  const quote = indexText(tail.join('\n'));
  let best: { s: Segment; score: number } | null = null;
  for (const s of ctx.segments) {
    if (!allowed(s)) continue;
    const score = coverage(quote, s.index);
    // later segments win ties: a passage quoted again is answered where it was last written
    if (score >= threshold && (!best || score >= best.score)) best = { s, score };
  }
  return best ? { kind: 'segment', segment: best.s } : null;
}

/** The tail quotes a commit message or the cover letter. */
function proseTarget(tail: string[], ctx: TargetContext): Target | null {
  const text = tail.join('\n');
  const quote = indexText(text);
  let best: { patchIndex: number | null; onCover: boolean; score: number } | null = null;
  for (const [patchIndex, idx] of ctx.commitMessages) {
    const score = coverage(quote, idx);
    if (score >= MATCH_THRESHOLD && (!best || score > best.score)) best = { patchIndex, onCover: false, score };
  }
  if (ctx.cover) {
    const score = coverage(quote, ctx.cover);
    if (score >= MATCH_THRESHOLD && (!best || score > best.score)) best = { patchIndex: null, onCover: true, score };
  }
  return best ? { kind: 'prose', patchIndex: best.patchIndex, onCover: best.onCover, quoted: text } : null;
}

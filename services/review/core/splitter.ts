// Splits one reply into comment blocks by its quote structure: every run of
// the writer's own text that follows quoted lines is one block, carrying the
// quoted region above it (and that region's innermost tail, which is what the
// block answers). Greetings, closings, signatures, editorial notes ("[ add
// Lukas ]") and trailers are removed; a block of only trailers is an approval.
// Top-posted text and replies without quotes are marked so the ledger can
// attach them to the whole message they answer. Iterative; no recursion.
// It does not decide what the quoted text is (see anchor.ts, ledger.ts).
import { classifyLines, type BodyLine } from './quote-lines.js';
import { isApprovalOnly, isClosing, isEditorial, isGreeting, isNameLine, isTrailer, wordCount } from './words.js';
import type { Person } from './types.js';

export type Placement = 'inline' | 'top' | 'preamble' | 'bare';

export interface Block {
  /** order within the message, from 0 */
  position: number;
  /** the writer's text, cleaned */
  text: string;
  /** 1-based body lines the text came from */
  lines: [number, number];
  /** quoted lines (and attributions, elisions) between the previous block and this one */
  region: BodyLine[];
  /** the last run of quoted lines of one depth right above the block */
  tail: BodyLine[];
  placement: Placement;
  /** only trailers (Reviewed-by: …) and a short approving remark */
  approval: boolean;
}

interface RawBlock {
  own: BodyLine[];
  region: BodyLine[];
}

/** Split one message body into blocks. */
export function splitReply(body: string, sender: Person, flowed = false): Block[] {
  const lines = classifyLines(body, flowed);
  const raw = collect(lines);
  const hasQuotes = lines.some((l) => l.depth > 0);
  cleanEnds(raw, sender);
  for (const rb of raw) dropNameSignOff(rb, sender);
  const blocks: Block[] = [];
  for (const rb of raw) {
    const textLines = rb.own.map((l) => l.text);
    const approval = isApprovalOnly(textLines);
    const kept = rb.own.filter((l) => !isEditorial(l.text) && !isTrailer(l.text));
    const text = trimBlank(kept.map((l) => l.text)).join('\n');
    if (!text && !approval) continue;
    const first = rb.own[0];
    const last = rb.own[rb.own.length - 1];
    blocks.push({
      position: blocks.length,
      text,
      lines: [first?.no ?? 0, last?.no ?? 0],
      region: rb.region,
      tail: tailOf(rb.region),
      placement: 'inline',
      approval,
    });
  }
  return place(blocks, hasQuotes);
}

/** Walk the lines once, cutting own-text runs at every quoted line. */
function collect(lines: BodyLine[]): RawBlock[] {
  const out: RawBlock[] = [];
  let region: BodyLine[] = [];
  let own: BodyLine[] = [];
  const flush = () => {
    while (own.length && own[own.length - 1]?.kind === 'blank') own.pop();
    if (own.length) out.push({ own, region });
    if (own.length) region = [];
    own = [];
  };
  for (const l of lines) {
    if (l.kind === 'signature') {
      flush();
      continue;
    }
    if (l.depth === 0 && l.kind === 'own') {
      own.push(l);
    } else if (l.depth === 0 && l.kind === 'blank') {
      if (own.length) own.push(l);
    } else {
      flush();
      region.push(l);
    }
  }
  flush();
  return out;
}

/** Drop a greeting at the start of a block and a closing ("Thanks,\nBen") at the end of the mail. */
function cleanEnds(raw: RawBlock[], sender: Person): void {
  for (const rb of raw) {
    const i = rb.own.findIndex((l) => l.kind === 'own');
    if (i >= 0 && isGreeting(rb.own[i]?.text ?? '')) rb.own.splice(0, i + 1);
  }
  const last = raw[raw.length - 1];
  if (!last) return;
  const own = last.own;
  let cut = own.length;
  let after = 0;
  for (let k = own.length - 1; k >= 0; k--) {
    const t = own[k]?.text ?? '';
    if (t.trim() === '') continue;
    if (isClosing(t)) {
      // a block of nothing but "Thanks!" is the message: keep it, drop the name
      cut = own.slice(0, k).some((l) => l.kind === 'own') ? k : k + 1;
      break;
    }
    // after a closing phrase: the name, possibly with a title or a short second line
    if (isNameLine(t, sender) || (after < 2 && wordCount(t) <= 3 && !/[.?:;]$/.test(t.trim()))) {
      after++;
      continue;
    }
    break;
  }
  if (cut === own.length) {
    // no closing phrase: a bare name line after the text is still a sign-off
    let k = own.length;
    while (k > 1 && ((own[k - 1]?.text.trim() ?? '') === '' || isNameLine(own[k - 1]?.text ?? '', sender))) k--;
    if (k < own.length && k > 0 && own.slice(k).some((l) => l.text.trim() !== '')) cut = k;
  }
  own.splice(cut);
  while (own.length && own[own.length - 1]?.kind === 'blank') own.pop();
}

/** A lone name line closing a block ("…inline.\n\nJonathan") is a sign-off, not text. */
function dropNameSignOff(rb: RawBlock, sender: Person): void {
  const own = rb.own;
  const last = own[own.length - 1];
  if (!last || !isNameLine(last.text, sender) || !own.slice(0, -1).some((l) => l.kind === 'own')) return;
  own.pop();
  while (own.length && own[own.length - 1]?.kind === 'blank') own.pop();
}

function trimBlank(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && (lines[a] ?? '').trim() === '') a++;
  while (b > a && (lines[b - 1] ?? '').trim() === '') b--;
  return lines.slice(a, b);
}

/**
 * The quoted text a block answers: walking up from the block, the last run
 * of quoted lines at one depth, stopping at an attribution, an elision or a
 * change of depth. Blank quoted lines inside the run are kept.
 */
export function tailOf(region: BodyLine[]): BodyLine[] {
  let i = region.length - 1;
  while (i >= 0 && (region[i]?.kind === 'blank' || region[i]?.kind === 'attribution')) i--;
  const end = i;
  const depth = region[i]?.depth ?? 0;
  if (i < 0 || region[i]?.kind !== 'quote') return [];
  while (i >= 0) {
    const l = region[i];
    if (!l) break;
    if (l.kind === 'quote' && l.depth === depth) i--;
    else if (l.kind === 'blank' && l.depth >= depth) i--;
    else break;
  }
  const run = region.slice(i + 1, end + 1);
  while (run.length && run[0]?.kind === 'blank') run.shift();
  return run;
}

/** Decide top-posting, preambles and quote-less replies. */
function place(blocks: Block[], hasQuotes: boolean): Block[] {
  if (!hasQuotes) {
    if (blocks.length <= 1) return blocks.map((b) => ({ ...b, placement: 'bare' as const }));
    const first = blocks[0] as Block;
    const last = blocks[blocks.length - 1] as Block;
    const text = blocks.map((b) => b.text).join('\n\n');
    return [{ ...first, text, lines: [first.lines[0], last.lines[1]], placement: 'bare', approval: blocks.every((b) => b.approval) }];
  }
  const first = blocks[0];
  if (first && !first.region.some((l) => l.kind === 'quote')) {
    first.placement = blocks.length === 1 ? 'top' : 'preamble';
  }
  return blocks;
}

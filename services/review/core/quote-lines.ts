// Reads a reply body line by line and says what each line is: the writer's
// own text, a quoted line at some depth (`>`, `> >`, `>>`), an attribution
// ("On <date>, X wrote:"), an elision ("[..]", "[snip]"), or signature.
// Also undoes format=flowed (RFC 3676 §4.2 soft breaks, §4.4 space-stuffing)
// when the body was not yet unflowed. One pass, no recursion. Used by
// splitter.ts; it does not decide what a comment is.
import { isAttribution, isAttributionStart, isElision, isOutlookSeparator } from './words.js';

export type LineKind = 'own' | 'quote' | 'attribution' | 'elision' | 'signature' | 'blank';

export interface BodyLine {
  /** 1-based line number in the (unflowed) body */
  no: number;
  /** quote depth: 0 for the writer's own text */
  depth: number;
  /** the line with quote markers and one following space removed */
  text: string;
  kind: LineKind;
}

const QUOTE_PREFIX = /^(>(?:[ \t]?>)*)/;

/** Depth and content of one line: `> > foo` → depth 2, `foo`. */
export function quoteDepth(line: string): { depth: number; text: string } {
  const m = QUOTE_PREFIX.exec(line);
  if (!m) return { depth: 0, text: line };
  const prefix = m[1] ?? '';
  const depth = (prefix.match(/>/g) ?? []).length;
  let text = line.slice(prefix.length);
  if (text.startsWith(' ')) text = text.slice(1);
  return { depth, text };
}

/** A quoted line that looks like diff content; flowed joining must not touch it. */
function looksLikeDiff(text: string): boolean {
  return /^([+-](?![+-]{2}\s)|@@ |diff --git )/.test(text) || /^ [\t ]*\S/.test(text);
}

/**
 * Undo format=flowed: a line ending in a space continues on the next line of
 * the same quote depth; a leading space that stuffs a line is removed.
 * Diff-looking quoted lines are never joined (mailers flow them by mistake).
 * Returns lines already split into depth and text, so an unstuffed ">From"
 * stays the writer's own text.
 */
export function unflow(body: string): { depth: number; text: string }[] {
  const out: { depth: number; text: string }[] = [];
  let carry: { depth: number; text: string } | null = null;
  for (const raw of body.split(/\r?\n/)) {
    const q = quoteDepth(raw);
    const text = q.depth === 0 && raw.startsWith(' ') ? raw.slice(1) : q.text;
    if (carry && carry.depth === q.depth && !looksLikeDiff(text)) {
      carry.text += text;
    } else {
      if (carry) out.push(carry);
      carry = { depth: q.depth, text };
    }
    const soft = carry.text.endsWith(' ') && carry.text.trim() !== '' && carry.text !== '-- ' && !looksLikeDiff(carry.text);
    if (!soft) {
      out.push(carry);
      carry = null;
    }
  }
  if (carry) out.push(carry);
  return out;
}

/** Classify every line of a body (unflowing it first when it is format=flowed). */
export function classifyLines(body: string, flowed = false): BodyLine[] {
  const split = flowed ? unflow(body) : body.replace(/\r\n/g, '\n').split('\n').map(quoteDepth);
  const lines: BodyLine[] = [];
  let inSignature = false;
  let outlook = false;
  for (let i = 0; i < split.length; i++) {
    const cur = split[i] as { depth: number; text: string };
    // Outlook puts the original below "-----Original Message-----" without '>' (a quote of depth 1)
    const { depth, text } = outlook && cur.depth === 0 ? { depth: 1, text: cur.text } : cur;
    const next = split[i + 1];
    const trimmed = text.trim();
    let kind: LineKind;
    if (depth === 0 && (text === '-- ' || text === '--')) inSignature = true;
    if (depth === 0 && inSignature) kind = 'signature';
    else if (trimmed === '') kind = 'blank';
    else if (isElision(trimmed)) kind = 'elision';
    else if (isAttribution(trimmed) && trimmed.split(/\s+/).length <= 25) kind = 'attribution';
    else if (isAttributionStart(trimmed) && next && next.depth === depth && isAttribution(next.text)) kind = 'attribution';
    else kind = depth === 0 ? 'own' : 'quote';
    if (kind === 'attribution' && depth === 0 && isOutlookSeparator(trimmed)) outlook = true;
    lines.push({ no: i + 1, depth, text: text.replace(/\s+$/, ''), kind });
  }
  return lines;
}

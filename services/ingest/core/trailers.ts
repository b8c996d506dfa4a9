// Trailers (Reviewed-by:, Acked-by:, Tested-by:, …): reading them from a
// commit message or a review reply, and collecting them onto patches the way
// b4 does: a reply to a patch applies to that patch, a reply to the cover to
// every patch of that series version. Quoted lines ("> Reviewed-by:") and
// lines inside a diff are never trailers. Pure; storing them is the store's job.
import { findDiffStart, splitLines } from './diff.js';
import type { Address, TrailerLine } from './types.js';

/** "Key-by: Name <email>" at the start of a line; the key ends in -by. */
const TRAILER = /^([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*-by):[ \t]*(.+?)\s*$/i;
const NAME_ADDR = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>/;
const BARE_ADDR = /^([^\s<>]+@[^\s<>]+)$/;

/** Kinds only the patch author writes; in a reply they belong to an inline patch, not to the one replied to. */
const AUTHOR_ONLY = new Set(['signed-off-by', 'co-developed-by']);

/** Canonical spelling of a kind: "reviewed-BY" → "Reviewed-by". */
export function canonicalKind(kind: string): string {
  const lower = kind.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** Parse "Name <email>" (name may be quoted) or a bare address; the address keeps its case. */
export function parsePersonValue(value: string): Address | null {
  const na = NAME_ADDR.exec(value.trim());
  if (na) return { name: (na[1] ?? '').replace(/^"(.*)"$/, '$1').trim(), email: na[2] ?? '' };
  const ba = BARE_ADDR.exec(value.trim());
  if (ba) return { name: '', email: ba[1] ?? '' };
  return null;
}

/** One trailer line, or null when the line is not a person trailer. */
export function parseTrailerLine(line: string): TrailerLine | null {
  const m = TRAILER.exec(line.replace(/\r?\n$/, ''));
  if (!m) return null;
  const who = parsePersonValue(m[2] ?? '');
  if (!who) return null;
  return { kind: canonicalKind(m[1] ?? ''), name: who.name, email: who.email, raw: line.replace(/\s+$/, '') };
}

/** Trailers in a commit message, in order. */
export function commitTrailers(commitMessage: string): TrailerLine[] {
  const out: TrailerLine[] = [];
  for (const line of splitLines(commitMessage)) {
    const t = parseTrailerLine(line);
    if (t) out.push(t);
  }
  return out;
}

/**
 * Trailers given in a reply: unquoted lines before any diff or `---` patch
 * separator of an inline patch, excluding author-only kinds.
 */
export function replyTrailers(body: string): TrailerLine[] {
  const lines = splitLines(body);
  const diffAt = findDiffStart(lines);
  const stop = diffAt < 0 ? lines.length : diffAt;
  const out: TrailerLine[] = [];
  for (let i = 0; i < stop; i++) {
    const line = lines[i] ?? '';
    if (diffAt >= 0 && /^---\s*$/.test(line)) break;
    const t = parseTrailerLine(line);
    if (t && !AUTHOR_ONLY.has(t.kind.toLowerCase())) out.push(t);
  }
  return out;
}

/** A trailer given on a patch, with where it came from. */
export interface CollectedTrailer extends TrailerLine {
  /** Message-ID of the mail that carries it (the patch itself or a reply) */
  sourceMessageId: string;
  inPatch: boolean;
  /** the address differs from the sender of the reply */
  mismatch: boolean;
  /** given on the cover letter: applies to every patch */
  fromCover: boolean;
}

export interface TrailerSource {
  messageId: string;
  from: Address;
  date: Date | null;
  body: string;
}

/** Trailers a reply gives, flagged when the address is not the sender's. */
export function trailersFromReply(reply: TrailerSource, fromCover: boolean): CollectedTrailer[] {
  return replyTrailers(reply.body).map((t) => ({
    ...t,
    sourceMessageId: reply.messageId,
    inPatch: false,
    mismatch: t.email.toLowerCase() !== reply.from.email.toLowerCase(),
    fromCover,
  }));
}

function time(d: Date | null): number {
  return d ? d.getTime() : Number.MAX_SAFE_INTEGER;
}

/**
 * The trailers of one patch in the order they should appear when applied:
 * the patch's own trailers as written, then the collected ones (patch replies
 * and cover replies by date), skipping a kind+address already present.
 */
export function orderTrailers(own: CollectedTrailer[], collected: { trailer: CollectedTrailer; date: Date | null }[]): CollectedTrailer[] {
  const seen = new Set(own.map(trailerKey));
  const out = [...own];
  const sorted = [...collected].sort((a, b) => time(a.date) - time(b.date) || a.trailer.sourceMessageId.localeCompare(b.trailer.sourceMessageId));
  for (const { trailer } of sorted) {
    const key = trailerKey(trailer);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(trailer);
  }
  return out;
}

/** The line as it is written into a commit: "Reviewed-by: Name <email>". */
export function formatTrailer(t: Pick<TrailerLine, 'kind' | 'name' | 'email'>): string {
  return t.name ? `${t.kind}: ${t.name} <${t.email}>` : `${t.kind}: ${t.email}`;
}

/** Identity of a trailer for de-duplication: kind and address, case-insensitive. */
export function trailerKey(t: Pick<TrailerLine, 'kind' | 'email'>): string {
  return `${t.kind.toLowerCase()} ${t.email.toLowerCase()}`;
}

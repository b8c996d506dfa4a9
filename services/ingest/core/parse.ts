// Raw mail bytes → ParsedMessage. mailparser does MIME, charsets, RFC 2047
// encoded words, quoted-printable/base64 and multipart; the identity headers
// (Message-ID, In-Reply-To, References, List-Id) are read from the raw header
// lines ourselves, because mailparser keeps only one In-Reply-To and rewrites
// some values. A patch may be inline or an attachment. Bad input never throws:
// the caller gets a Result, and recoverable problems become warnings (derived
// Message-ID, unparsable date, NUL bytes). No I/O here.
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import { extractDiff } from './diff.js';
import type { Address, ParsedMessage } from './types.js';

export type ParseResult = { ok: true; value: ParsedMessage } | { ok: false; code: 'PL_ERR_MESSAGE_REJECTED'; reason: string; messageId: string | null };

/** Headers kept for later stages (lower-case names). */
const KEPT_HEADERS = new Set([
  'from', 'to', 'cc', 'subject', 'date', 'message-id', 'in-reply-to', 'references', 'list-id', 'x-mailing-list',
  'content-type', 'content-transfer-encoding', 'mime-version', 'x-mailer', 'user-agent', 'x-b4-tracking', 'reply-to', 'sender',
]);

const MAX_HEADER_VALUE = 16_384;
const ID_IN_ANGLES = /<([^<>]*)>/g;

function unfold(line: string): string {
  return line.replace(/\r?\n(?=[ \t])/g, '');
}

/** Raw header values by lower-case name, unfolded, in order (a header may repeat). */
export function headerValues(parsed: Pick<ParsedMail, 'headerLines'>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const h of parsed.headerLines) {
    const line = unfold(h.line);
    const colon = line.indexOf(':');
    const value = (colon >= 0 ? line.slice(colon + 1) : '').trim();
    const list = out.get(h.key) ?? [];
    list.push(value);
    out.set(h.key, list);
  }
  return out;
}

/** Message-IDs in a header value, without angle brackets and blanks. */
export function messageIdsIn(value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(ID_IN_ANGLES)) {
    const id = (m[1] ?? '').replace(/\s+/g, '');
    if (id && !out.includes(id)) out.push(id);
  }
  if (out.length === 0) {
    const bare = value.trim().split(/\s+/)[0] ?? '';
    if (/^[^\s@]+@[^\s@]+$/.test(bare)) out.push(bare);
  }
  return out;
}

function firstAddress(a: AddressObject | AddressObject[] | undefined): Address | null {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const obj of list) for (const v of obj.value) if (v.address) return { name: v.name ?? '', email: v.address.toLowerCase() };
  return null;
}

function allAddresses(a: AddressObject | AddressObject[] | undefined): Address[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  const out: Address[] = [];
  for (const obj of list) for (const v of obj.value) if (v.address) out.push({ name: v.name ?? '', email: v.address.toLowerCase() });
  return out;
}

/** The List-Id of a mail: `<linux-cxl.vger.kernel.org>` → linux-cxl.vger.kernel.org. */
export function listIdOf(value: string | undefined): string | null {
  if (!value) return null;
  const angle = /<([^<>\s]+)>/.exec(value);
  const id = (angle ? angle[1] : value.trim().split(/\s+/).pop()) ?? '';
  return id ? id.toLowerCase() : null;
}

function clean(text: string, warnings: string[], what: string): string {
  if (!text.includes('\u0000')) return text;
  warnings.push(`NUL bytes removed from the ${what}`);
  return text.replace(/\u0000/g, '');
}

const PATCH_TYPES = /^(?:text\/x-patch|text\/x-diff|text\/x-patch-file|application\/x-patch|text\/plain|application\/octet-stream)$/i;

function decodeText(att: Attachment): string {
  const charset = /charset="?([^";\s]+)"?/i.exec(att.headers.get('content-type')?.toString() ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset.toLowerCase()).decode(att.content);
  } catch {
    return att.content.toString('utf8');
  }
}

/** The first attachment that carries a diff. */
function attachedPatchOf(parsed: ParsedMail): string | null {
  for (const att of parsed.attachments ?? []) {
    const named = /\.(?:patch|diff)$/i.test(att.filename ?? '');
    if (!named && !PATCH_TYPES.test(att.contentType)) continue;
    if (att.size > 64 * 1024 * 1024) continue;
    const text = decodeText(att);
    if (extractDiff(text)) return text;
  }
  return null;
}

/** An RFC 5322 date (§3.3), comments such as "(PDT)" allowed; null when it cannot be read. */
export function parseDate(raw: string): Date | null {
  const t = Date.parse(raw.replace(/\([^()]*\)/g, ' ').replace(/\s+/g, ' ').trim());
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  return d.getUTCFullYear() < 1970 || d.getUTCFullYear() > 9999 ? null : d;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Parse one raw mail. Never throws. */
export async function parseMail(raw: Buffer): Promise<ParseResult> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true });
  } catch (err) {
    return { ok: false, code: 'PL_ERR_MESSAGE_REJECTED', reason: `broken MIME: ${(err as Error).message}`, messageId: null };
  }
  try {
    return { ok: true, value: build(raw, parsed) };
  } catch (err) {
    return { ok: false, code: 'PL_ERR_MESSAGE_REJECTED', reason: `cannot read the message: ${(err as Error).message}`, messageId: null };
  }
}

function build(raw: Buffer, parsed: ParsedMail): ParsedMessage {
  const warnings: string[] = [];
  const hv = headerValues(parsed);
  const one = (k: string): string | undefined => hv.get(k)?.[0];
  if (!parsed.headerLines.some((h) => h.key !== '')) throw new Error('no headers');
  let messageId = messageIdsIn(one('message-id') ?? '')[0] ?? '';
  const derived = !messageId;
  if (derived) {
    messageId = `${sha256(raw).slice(0, 32)}@patchlens.derived`;
    warnings.push(`no Message-ID: derived ${messageId} from the content`);
  }
  const inReplyTo = (hv.get('in-reply-to') ?? []).flatMap(messageIdsIn).filter((id) => id !== messageId);
  const references = (hv.get('references') ?? []).flatMap(messageIdsIn).filter((id) => id !== messageId);
  const dateRaw = one('date') ?? null;
  // not mailparser's date: it substitutes "now" for a missing or unparsable Date
  const date = dateRaw ? parseDate(dateRaw) : null;
  if (dateRaw && !date) warnings.push(`unparsable Date: ${dateRaw.slice(0, 200)}`);
  if (!dateRaw) warnings.push('no Date header');
  const subject = clean(parsed.subject ?? '', warnings, 'subject');
  const body = clean(parsed.text ?? '', warnings, 'body');
  const inline = extractDiff(body);
  const attached = inline ? null : attachedPatchOf(parsed);
  const attachedPatch = attached === null ? null : clean(attached, warnings, 'attached patch');
  const diff = inline?.diff ?? (attachedPatch ? (extractDiff(attachedPatch)?.diff ?? null) : null);
  const from = firstAddress(parsed.from) ?? { name: '', email: '' };
  if (!from.email) warnings.push('no From address');
  const headers: Record<string, string> = {};
  for (const [k, vals] of hv) if (KEPT_HEADERS.has(k)) headers[k] = clean(vals.join(', '), warnings, `${k} header`).slice(0, MAX_HEADER_VALUE);
  const listId = listIdOf(one('list-id'));
  const contentHash = sha256([from.email, dateRaw ?? '', subject, body, attachedPatch ?? ''].join('\u0000'));
  return {
    messageId, messageIdDerived: derived, date, dateRaw, from, to: allAddresses(parsed.to), cc: allAddresses(parsed.cc), subject, inReplyTo, references,
    listId, headers, body, diff, rawSize: raw.length, contentHash, warnings: [...new Set(warnings)], attachedPatch,
  };
}

// Header text for the mails patchlens writes: addresses in RFC 5322 form
// (display names quoted when they hold specials, RFC 2047 encoded-words when
// they are not ASCII), folded header lines, and a tolerant reader for the
// To/Cc values the ingester stored. Pure string building; not a MIME library.
import type { Person } from './types.js';

const ASCII = /^[\x20-\x7e]*$/;
const SPECIALS = /[()<>[\]:;@\\,."]/;

/** RFC 2047 §4.1 B-encoding for a non-ASCII phrase. */
export function encodeWord(text: string): string {
  if (ASCII.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

export function formatAddress(p: Person): string {
  if (!p.name) return p.email;
  if (!ASCII.test(p.name)) return `${encodeWord(p.name)} <${p.email}>`;
  const name = SPECIALS.test(p.name) ? `"${p.name.replace(/(["\\])/g, '\\$1')}"` : p.name;
  return `${name} <${p.email}>`;
}

/** Fold a header at list separators so no line passes 78 columns (RFC 5322 §2.2.3). */
export function foldHeader(name: string, items: string[], sep = ', '): string {
  let line = `${name}: `;
  const lines: string[] = [];
  items.forEach((item, i) => {
    const piece = item + (i < items.length - 1 ? sep.trimEnd() : '');
    if (line.length + piece.length > 78 && line.trim() !== `${name}:`) {
      lines.push(line.trimEnd());
      line = ` ${piece}`;
    } else {
      line += (line.endsWith(': ') || line === ' ' ? '' : ' ') + piece;
    }
  });
  lines.push(line.trimEnd());
  return lines.join('\n');
}

/** Split "A <a@x>, "B, C" <b@x>, c@x" into people; commas inside quotes do not split. */
export function parseAddressList(value: unknown): Person[] {
  if (Array.isArray(value)) return value.flatMap((v) => parseAddressList(v));
  if (value && typeof value === 'object') {
    const o = value as { name?: unknown; email?: unknown; address?: unknown; text?: unknown; value?: unknown };
    if (typeof o.email === 'string' || typeof o.address === 'string') return [{ name: String(o.name ?? ''), email: String(o.email ?? o.address).toLowerCase() }];
    if (Array.isArray(o.value)) return parseAddressList(o.value);
    if (typeof o.text === 'string') return parseAddressList(o.text);
    return [];
  }
  if (typeof value !== 'string') return [];
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  let angle = false;
  for (const ch of value.replace(/\r?\n\s*/g, ' ')) {
    if (ch === '"') quoted = !quoted;
    if (ch === '<' && !quoted) angle = true;
    if (ch === '>' && !quoted) angle = false;
    if (ch === ',' && !quoted && !angle) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map(parseOne).filter((p): p is Person => p !== null);
}

function parseOne(s: string): Person | null {
  const t = s.trim();
  if (!t) return null;
  const m = /^(.*?)\s*<([^>]+)>$/.exec(t);
  if (m) return { name: (m[1] ?? '').replace(/^"|"$/g, '').replace(/\\(["\\])/g, '$1').trim(), email: (m[2] ?? '').trim().toLowerCase() };
  return t.includes('@') ? { name: '', email: t.toLowerCase() } : null;
}

/** RFC 5322 date: "Wed, 25 Nov 2026 09:00:00 +0000". */
export function rfc5322Date(d: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Parse "Name <email>" (the PATCHLENS_REVIEWER setting). */
export function parsePerson(value: string): Person | null {
  const [p] = parseAddressList(value);
  return p ?? null;
}

// lore (public-inbox over HTTP) threads: `<base>/<list>/<msgid>/t.mbox.gz`
// holds the whole thread of any of its messages as gzip'd mboxrd. The thread
// is named by a lore URL (…/<list>/<msgid>/, …/T/#t, …/t.mbox.gz, …/raw) or by
// a bare Message-ID (then the list is --list, or lore's `all`). The request is
// made when the source is opened, so a 404 or an unreachable server is a
// SourceUnreadableError; the body is then streamed through the mbox splitter.
import type { RawMail } from '../../core/types.js';
import { httpGet, HttpError, type HttpOptions } from './http.js';
import { mboxMails } from './stream.js';
import type { MailSource } from './types.js';
import { SourceUnreadableError } from './types.js';

export const DEFAULT_LORE_BASE = 'https://lore.kernel.org';

/** The lore base URL in force: the option, else PATCHLENS_LORE_BASE, else lore.kernel.org; no trailing slash. */
export function loreBaseUrl(explicit?: string): string {
  const base = explicit || process.env.PATCHLENS_LORE_BASE || DEFAULT_LORE_BASE;
  return base.replace(/\/+$/, '');
}

/** A bare Message-ID as a user types it: `<a@b>` or `a@b` (no spaces, no slashes). */
export function looksLikeMessageId(arg: string): boolean {
  return /^<?[^\s<>/]+@[^\s<>/]+>?$/.test(arg);
}

// Characters public-inbox leaves as they are in a Message-ID path segment
// (RFC 3986 pchar without '%' and '/'); everything else is %XX-escaped.
const MID_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;

/** Escape a Message-ID (without brackets) for a lore URL, as public-inbox does. */
export function escapeMessageId(msgid: string): string {
  let out = '';
  for (const ch of msgid) {
    if (MID_SAFE.test(ch)) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function stripBrackets(msgid: string): string {
  return msgid.trim().replace(/^<+/, '').replace(/>+$/, '');
}

export interface LoreThreadRef {
  base: string;
  list: string;
  msgid: string;
}

/** Read base, list and Message-ID out of a lore thread or message URL. */
export function parseLoreUrl(url: string, base?: string): LoreThreadRef | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const segs = u.pathname.split('/').filter((s) => s !== '');
  // trailing views of a message: T/, t/, raw, t.mbox.gz, t.atom, …
  while (segs.length > 2 && /^(T|t|raw|t\.mbox\.gz|t\.atom|t\.mbox|mbox\.gz)$/.test(segs[segs.length - 1]!)) segs.pop();
  if (segs.length < 2) return null;
  const msgid = decodeURIComponent(segs.pop()!);
  const list = decodeURIComponent(segs.pop()!);
  if (!msgid.includes('@')) return null;
  const prefix = segs.length ? `/${segs.join('/')}` : '';
  const fromUrl = `${u.origin}${prefix}`;
  return { base: base && fromUrl.startsWith(base) ? base : fromUrl, list, msgid };
}

export function threadMboxUrl(ref: LoreThreadRef): string {
  return `${ref.base}/${encodeURIComponent(ref.list)}/${escapeMessageId(ref.msgid)}/t.mbox.gz`;
}

export interface LoreThreadOptions {
  list?: string;
  base?: string;
  http?: HttpOptions;
}

/** Resolve a thread by URL or Message-ID and fetch it (headers only until mails() is read). */
export async function loreThreadSource(arg: string, opts: LoreThreadOptions = {}): Promise<MailSource> {
  let ref: LoreThreadRef | null;
  if (/^https?:\/\//i.test(arg)) {
    ref = parseLoreUrl(arg, opts.base ? loreBaseUrl(opts.base) : undefined);
    if (!ref) throw new SourceUnreadableError(arg, 'not a lore thread URL (expected <base>/<list>/<message-id>/)');
  } else {
    ref = { base: loreBaseUrl(opts.base), list: opts.list ?? 'all', msgid: stripBrackets(arg) };
  }
  const url = threadMboxUrl(ref);
  const mails = await fetchThread(url, arg, opts.http);
  return { name: arg, listHint: opts.list ?? (ref.list === 'all' ? null : ref.list), mails };
}

/** GET a t.mbox.gz; failures that mean "there is no such thread here" become SourceUnreadableError. */
export async function fetchThread(url: string, name: string, http?: HttpOptions): Promise<() => AsyncIterable<RawMail>> {
  let fetched;
  try {
    fetched = await httpGet(url, http);
  } catch (err) {
    throw new SourceUnreadableError(name, err instanceof HttpError ? err.message : String(err));
  }
  const { response } = fetched;
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new SourceUnreadableError(name, `${url}: HTTP ${response.status}${response.status === 404 ? ' (no such thread)' : ''}`);
  }
  let used = false;
  return () => {
    if (used) throw new SourceUnreadableError(name, 'an HTTP body can be read only once');
    used = true;
    return mboxMails(name, fetched.chunks());
  };
}

// Picks the mail source for what the user typed after `patchlens ingest`:
//   -                      standard input (mbox, gzip or not)
//   http(s)://…            lore: a thread URL, or a list URL's thread
//   <msgid> / <<msgid>>    lore: the thread of that Message-ID (when no such file exists)
//   folder with cur/ new/  Maildir
//   folder with git/N.git  public-inbox v2 archive (resumable, needs opts.db)
//   any other file         mbox (mboxrd/mboxo, gzip detected by magic bytes)
// Throws SourceUnreadableError when the source itself cannot be read.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../../db/adapters/client.js';
import { mboxFileSource, mboxStreamSource } from './mbox.js';
import { isMaildir, maildirSource } from './maildir.js';
import { isPublicInboxV2, publicInboxSource } from './public-inbox.js';
import { loreThreadSource, loreBaseUrl, looksLikeMessageId } from './lore.js';
import { SourceUnreadableError, type MailSource } from './types.js';

export { SourceUnreadableError, SourceDamagedError, type MailSource } from './types.js';

export interface ResolveOptions {
  /** list id the mails belong to, when the source does not say */
  list?: string;
  /** lore base URL; default PATCHLENS_LORE_BASE, then https://lore.kernel.org */
  loreBase?: string;
  /** the database, for sources that keep resume points (public-inbox) */
  db?: Db;
  /** the stream `-` reads; default process.stdin */
  stdin?: NodeJS.ReadableStream;
}

export async function resolveSource(arg: string, opts: ResolveOptions = {}): Promise<MailSource> {
  const listHint = opts.list ?? null;
  if (arg === '-') return mboxStreamSource('-', opts.stdin ?? process.stdin, { listHint });
  if (/^https?:\/\//i.test(arg)) return loreThreadSource(arg, { list: opts.list, base: opts.loreBase });
  const st = await stat(arg).catch(() => null);
  if (!st) {
    if (looksLikeMessageId(arg)) {
      return loreThreadSource(arg, { list: opts.list, base: loreBaseUrl(opts.loreBase) });
    }
    throw new SourceUnreadableError(arg, 'no such file or folder');
  }
  if (st.isDirectory()) return resolveFolder(arg, opts);
  return mboxFileSource(arg, { listHint });
}

async function resolveFolder(dir: string, opts: ResolveOptions): Promise<MailSource> {
  if (await isPublicInboxV2(dir)) return publicInboxSource(dir, { db: opts.db, listHint: opts.list ?? path.basename(path.resolve(dir)) });
  if (await isMaildir(dir)) return maildirSource(dir, { listHint: opts.list ?? null });
  throw new SourceUnreadableError(dir, 'a folder that is neither a Maildir (cur/, new/) nor a public-inbox v2 archive (git/0.git …)');
}

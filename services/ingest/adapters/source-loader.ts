// Loads the sources module (services/ingest/adapters/sources, owned by the
// sources stage) lazily, so that a command that does not read mail never
// depends on it. When it cannot be loaded (a broken checkout), mbox files
// are still readable through a minimal streaming reader on core/mbox.ts.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Db } from '../../db/adapters/client.js';
import { MboxSplitter } from '../core/mbox.js';
import type { RawMail } from '../core/types.js';
import { SourceUnreadableError, type MailSource } from './sources/types.js';

export interface ResolveOpts {
  list?: string;
  db?: Db;
  loreBase?: string;
}

export type Resolver = (arg: string, opts: ResolveOpts) => Promise<MailSource>;

/** resolveSource of the sources stage, or the mbox-only fallback. */
export async function loadResolver(): Promise<Resolver> {
  try {
    const mod = (await import('./sources/index.js')) as { resolveSource?: Resolver };
    if (typeof mod.resolveSource === 'function') return mod.resolveSource;
  } catch (err) {
    process.stderr.write(`patchlens: sources module unavailable (${(err as Error).message.split('\n')[0]}); reading mbox files only\n`);
  }
  return mboxOnly;
}

async function mboxOnly(arg: string, opts: ResolveOpts): Promise<MailSource> {
  const st = await stat(arg).catch(() => null);
  if (!st || !st.isFile()) throw new SourceUnreadableError(arg, st ? 'not a file' : 'no such file');
  return {
    name: arg,
    listHint: opts.list ?? null,
    mails: () => readMbox(arg),
  };
}

async function* readMbox(file: string): AsyncIterable<RawMail> {
  const splitter = new MboxSplitter();
  const toMail = (m: { raw: Buffer; index: number; offset: number }): RawMail => ({ raw: m.raw, source: file, position: `message ${m.index} (byte ${m.offset})` });
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    for (const m of splitter.push(chunk as Buffer)) yield toMail(m);
  }
  for (const m of splitter.end()) yield toMail(m);
}

// Builds the large archive the ingest bench reads: the corpus threads
// (test/fixtures/corpus/*.mbox) copied again and again, each copy with fresh
// Message-IDs (Message-ID, In-Reply-To and References rewritten the same way
// within the copy, so every copy threads like the original) and, unless told
// otherwise, a "(copy N)" tag on the subject so copies are distinct series, as
// the postings of a real archive are, rather than 1,500 re-sends of one series.
// Written as an mboxrd file, streamed (never held in memory).
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { splitMbox } from '../../services/ingest/core/mbox.js';

export interface ArchiveOptions {
  /** at least this many messages */
  messages: number;
  /** keep the subjects as they are (copies then look like re-sends of the same series) */
  sameSubjects?: boolean;
  corpusDir?: string;
}

export interface ArchiveInfo {
  file: string;
  messages: number;
  bytes: number;
  copies: number;
  corpusMessages: number;
}

const POSTMARK = 'From mboxrd@z Thu Jan  1 00:00:00 1970\n';
const ID_HEADERS = /^(message-id|in-reply-to|references):/i;

/** The corpus messages, still mboxrd-quoted (split without unquoting), as latin1 text. */
export function corpusMessages(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.mbox')).sort()) {
    for (const m of splitMbox(readFileSync(path.join(dir, f)), { flavor: 'none' })) out.push(m.raw.toString('latin1'));
  }
  return out;
}

/** One message of copy `k`: ids and (optionally) the subject rewritten in the header block. */
export function rewriteMessage(raw: string, k: number, sameSubjects: boolean): string {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const rest = split < 0 ? '' : raw.slice(split);
  const lines = head.split('\n');
  let inIds = false;
  let subjectEnd = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const continuation = /^[ \t]/.test(line);
    if (!continuation) {
      inIds = ID_HEADERS.test(line);
      if (/^subject:/i.test(line)) subjectEnd = i;
    } else if (subjectEnd === i - 1 && subjectEnd >= 0) {
      subjectEnd = i;
    }
    if (inIds) lines[i] = line.replace(/<([^<>\s]+)>/g, (_, id: string) => `<c${k}.${id}>`);
  }
  if (!sameSubjects && subjectEnd >= 0) lines[subjectEnd] = lines[subjectEnd]!.replace(/(\r?)$/, ` (copy ${k})$1`);
  return lines.join('\n') + rest;
}

/** Write an archive of at least `messages` messages to `file`. */
export async function buildArchive(file: string, opts: ArchiveOptions): Promise<ArchiveInfo> {
  const corpus = corpusMessages(opts.corpusDir ?? new URL('../../test/fixtures/corpus/', import.meta.url).pathname);
  if (corpus.length === 0) throw new Error('no corpus messages found');
  const copies = Math.ceil(opts.messages / corpus.length);
  const out = createWriteStream(file);
  let bytes = 0;
  for (let k = 0; k < copies; k++) {
    for (const raw of corpus) {
      const text = `${POSTMARK}${rewriteMessage(raw, k, opts.sameSubjects === true)}\n`;
      bytes += text.length;
      if (!out.write(Buffer.from(text, 'latin1'))) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return { file, messages: copies * corpus.length, bytes, copies, corpusMessages: corpus.length };
}

// Byte-stream plumbing shared by the mbox-shaped sources (file, stdin, lore
// thread): gzip detection by magic bytes with streaming decompression, and
// the mbox-to-RawMail loop that turns stream damage into a SourceDamagedError
// after every complete mail before it was yielded. Nothing here buffers a
// whole stream.
import { createGunzip } from 'node:zlib';
import { MboxSplitter, type MboxMessage } from '../../core/mbox.js';
import type { RawMail } from '../../core/types.js';
import { SourceDamagedError, SourceUnreadableError } from './types.js';

const GZIP_MAGIC = [0x1f, 0x8b];

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/** Does this look like the start of a mail (a header line) or of an mbox (a From line)? */
export function looksLikeMail(head: Buffer): boolean {
  const text = head.subarray(0, 1024).toString('latin1').replace(/^[\r\n]+/, '');
  return text.startsWith('From ') || /^[\x21-\x39\x3b-\x7e]+:/.test(text);
}

/** An mbox's first bytes: a mail, or something followed by a From line within them. */
export function looksLikeMbox(head: Buffer): boolean {
  return looksLikeMail(head) || /(^|\n)From \S+ +[^\n]*\d{1,2}:\d{2}/.test(head.subarray(0, 4096).toString('latin1'));
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(e?.message ?? '')) return 'truncated gzip (unexpected end of file)';
  if (e?.code?.startsWith('Z_')) return `corrupt gzip data (${e.message})`;
  return e?.message ?? String(err);
}

/** The chunks of `input`, gunzipped on the fly when they start with the gzip magic bytes. */
export async function* autoGunzip(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = input[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  let done = false;
  while (head.length < 2 && !done) {
    const r = await it.next();
    if (r.done) done = true;
    else head = Buffer.concat([head, r.value]);
  }
  if (!isGzip(head)) {
    if (head.length) yield head;
    while (!done) {
      const r = await it.next();
      if (r.done) break;
      yield r.value;
    }
    return;
  }
  yield* gunzipChunks(head, it);
}

/** zlib fed piece by piece; its output handed on in order, including what came out before an error. */
async function* gunzipChunks(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  // Flowing mode on purpose: a paused zlib stream drops its buffered output
  // when it fails, and the output before a truncation is what we want to keep.
  // Memory is bounded instead by feeding at most PIECE bytes at a time.
  const z = createGunzip();
  const out: Buffer[] = [];
  const state = { failure: null as Error | null, ended: false, wake: null as (() => void) | null };
  const wake = () => {
    const w = state.wake;
    state.wake = null;
    w?.();
  };
  const event = () => new Promise<void>((r) => (state.wake = r));
  z.on('data', (c: Buffer) => {
    out.push(c);
    wake();
  });
  z.on('error', (e) => {
    state.failure = e;
    wake();
  });
  z.on('end', () => {
    state.ended = true;
    wake();
  });
  try {
    for (let chunk: Buffer | null = first; chunk; chunk = await nextChunk(rest)) {
      for (let i = 0; i < chunk.length && !state.failure; i += PIECE) {
        const written = new Promise<void>((r) => z.write(chunk!.subarray(i, i + PIECE), () => r()));
        await Promise.race([written, event()]);
        while (out.length) yield out.shift()!;
      }
      if (state.failure) break;
    }
    if (!state.failure) z.end();
    while (!state.ended && !state.failure) {
      if (!out.length) await event();
      while (out.length) yield out.shift()!;
    }
    while (out.length) yield out.shift()!;
    if (state.failure) throw state.failure;
  } finally {
    z.destroy();
  }
}

const PIECE = 16 * 1024;

async function nextChunk(it: AsyncIterator<Buffer>): Promise<Buffer | null> {
  const r = await it.next();
  return r.done ? null : r.value;
}

export interface MboxReadOptions {
  /** how a position is named: `message 3 (byte 1234)` by default */
  label?: (m: MboxMessage) => string;
}

/**
 * Split a byte stream (gzip or not) into RawMails. Throws SourceUnreadableError
 * when nothing at all could be read (empty, not an mbox, unreadable from the
 * first byte), SourceDamagedError when the stream breaks after some mails.
 */
export async function* mboxMails(source: string, input: AsyncIterable<Buffer>, opts: MboxReadOptions = {}): AsyncGenerator<RawMail> {
  const splitter = new MboxSplitter();
  const label = opts.label ?? ((m: MboxMessage) => (m.prelude ? 'start of file (no From line)' : `message ${m.index} (byte ${m.offset})`));
  const seen = { yielded: 0, skipped: null as MboxMessage | null };
  const emit = function* (msgs: MboxMessage[]): Generator<RawMail> {
    for (const m of msgs) {
      if (m.prelude && !looksLikeMail(m.raw)) {
        seen.skipped = m;
        continue;
      }
      seen.yielded++;
      yield { raw: m.raw, source, position: label(m) };
    }
  };
  try {
    for await (const chunk of autoGunzip(input)) yield* emit(splitter.push(chunk));
  } catch (err) {
    if (splitter.bytes === 0) throw new SourceUnreadableError(source, errorText(err));
    const lost = 'the message being read there and everything after it are lost';
    throw new SourceDamagedError(source, `byte ${splitter.bytes} (after message ${seen.yielded})`, `${errorText(err)}: ${lost}`);
  }
  yield* emit(splitter.end());
  if (splitter.bytes === 0) throw new SourceUnreadableError(source, 'empty file (no data)');
  if (seen.skipped) {
    if (seen.yielded === 0) throw new SourceUnreadableError(source, 'not an mbox (no "From " line and no mail headers at the start)');
    const n = seen.skipped.raw.length;
    throw new SourceDamagedError(source, 'start of file', `the first ${n} bytes come before any "From " line and are not a mail; skipped`);
  }
}

/** Node readable (file, stdin, HTTP body) → chunk iterator, so mboxMails stays stream-agnostic. */
export function chunksOf(stream: NodeJS.ReadableStream): AsyncIterable<Buffer> {
  return stream as unknown as AsyncIterable<Buffer>;
}

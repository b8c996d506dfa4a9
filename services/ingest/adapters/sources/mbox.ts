// mbox sources: a file (plain or gzip, told apart by magic bytes, not by the
// name) or `-` for standard input. The file is checked when the source is
// opened (missing, a folder, empty, not an mbox → SourceUnreadableError, exit 2)
// and then streamed in 64 KiB chunks through the pure splitter; a truncated
// gzip yields every mail before the damage, then a SourceDamagedError.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { MailSource } from './types.js';
import { SourceUnreadableError } from './types.js';
import { chunksOf, isGzip, looksLikeMbox, mboxMails } from './stream.js';

const CHUNK = 64 * 1024;

export interface MboxSourceOptions {
  listHint?: string | null;
}

/** Open an mbox file (`.mbox`, `.mbox.gz`, anything mbox-shaped). */
export async function mboxFileSource(file: string, opts: MboxSourceOptions = {}): Promise<MailSource> {
  const head = await checkFile(file);
  if (isGzip(head)) await checkGzipHead(file);
  else if (!looksLikeMbox(head)) throw new SourceUnreadableError(file, 'not an mbox (no "From " line and no mail headers at the start)');
  return {
    name: file,
    listHint: opts.listHint ?? null,
    mails: () => mboxMails(file, chunksOf(createReadStream(file, { highWaterMark: CHUNK }))),
  };
}

/** Standard input (or another byte stream) read as an mbox, gzip or not. */
export function mboxStreamSource(name: string, input: NodeJS.ReadableStream, opts: MboxSourceOptions = {}): MailSource {
  let used = false;
  return {
    name,
    listHint: opts.listHint ?? null,
    mails: () => {
      if (used) throw new SourceUnreadableError(name, 'a stream can be read only once');
      used = true;
      return mboxMails(name, chunksOf(input));
    },
  };
}

/** The first bytes of the file, after making sure it is a non-empty regular file. */
async function checkFile(file: string): Promise<Buffer> {
  let size: number;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw new SourceUnreadableError(file, 'a folder, not an mbox file');
    size = st.size;
  } catch (err) {
    if (err instanceof SourceUnreadableError) throw err;
    throw new SourceUnreadableError(file, describeFsError(err));
  }
  if (size === 0) throw new SourceUnreadableError(file, 'empty file');
  let fh;
  try {
    fh = await open(file, 'r');
    const buf = Buffer.alloc(Math.min(size, 4096));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } catch (err) {
    throw new SourceUnreadableError(file, describeFsError(err));
  } finally {
    await fh?.close();
  }
}

/** Decompress just the start of a gzip file: a gzip that yields nothing at all is unreadable. */
async function checkGzipHead(file: string): Promise<void> {
  const gunzip = createGunzip();
  createReadStream(file, { start: 0, end: CHUNK - 1 }).on('error', (e) => gunzip.destroy(e)).pipe(gunzip);
  let out = Buffer.alloc(0);
  try {
    for await (const chunk of gunzip) {
      out = Buffer.concat([out, chunk as Buffer]);
      if (out.length >= 4096) break;
    }
  } catch (err) {
    // the first 64 KiB of a larger file end mid-stream: expected, judge what came out
    if (out.length === 0) throw new SourceUnreadableError(file, `gzip: ${(err as Error).message}`);
  } finally {
    gunzip.destroy();
  }
  if (out.length === 0 || out.toString('latin1').trim() === '') throw new SourceUnreadableError(file, 'empty file (gzip holds no data)');
  if (!looksLikeMbox(out)) throw new SourceUnreadableError(file, 'not an mbox (gzip content has no "From " line and no mail headers)');
}

function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or folder';
  if (e.code === 'EACCES') return 'permission denied';
  return e.message;
}

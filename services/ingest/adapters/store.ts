// The ingester: raw mails in, rows out. Mails are parsed, then written in
// chunks; each chunk is ONE transaction holding its messages, raw bytes,
// threads and the recomputed series/patches/replies/trailers of the threads
// it touched, so a run killed at any point leaves whole chunks only, and a
// rerun (which skips stored messages) ends with the rows a clean run makes.
// A lost database connection is retried with backoff (db-retry.ts). Bad
// messages are recorded in IngestError and the run goes on.
import { parseMail } from '../core/parse.js';
import type { IngestSummary, ParsedMessage, RawMail } from '../core/types.js';
import type { Db } from '../../db/adapters/client.js';
import { withDbRetry } from './db-retry.js';
import { storeChunk, type ChunkMessage } from './store-messages.js';
import { recomputeThreads } from './store-series.js';
import { x } from './sql.js';

export interface IngestProgress {
  messages: number;
  stored: number;
  duplicates: number;
  errors: number;
  /** messages per second since the start */
  rate: number;
}

export interface IngestOptions {
  /** list for every mail (overrides List-Id) */
  list?: string;
  /** list when the mail names none (a source's hint); default "unknown" */
  listHint?: string | null;
  onProgress?: (p: IngestProgress) => void;
  /** called after every mail up to `position` is durably stored */
  checkpoint?: (position: string) => Promise<void>;
  /** messages per transaction (default 250) */
  chunkSize?: number;
  /** retry policy for a lost connection */
  retry?: { attempts?: number; baseDelayMs?: number };
  /** the parser to use (default parseMail); e.g. a worker pool's parse (adapters/parallel-parse.ts) to use every core */
  parse?: (raw: Buffer) => ReturnType<typeof parseMail>;
}

type IngestError = IngestSummary['errors'][number];

/** The list a mail belongs to: --list, else its List-Id, else X-Mailing-List, else the source's hint. */
export function listOf(msg: ParsedMessage, opts: Pick<IngestOptions, 'list' | 'listHint'>): string {
  if (opts.list) return opts.list.toLowerCase();
  if (msg.listId) return msg.listId;
  const xml = msg.headers['x-mailing-list'];
  if (xml) {
    const v = (/<([^<>]+)>/.exec(xml)?.[1] ?? xml.trim().split(/[\s,]+/)[0] ?? '').toLowerCase();
    if (v) return v.includes('@') ? v.replace('@', '.') : v;
  }
  return opts.listHint ? opts.listHint.toLowerCase() : 'unknown';
}

interface Pending {
  mail: RawMail;
  parsed: Promise<Awaited<ReturnType<typeof parseMail>>>;
}

/** Ingest a stream of raw mails; resolves to the summary `ingest --json` prints. */
export async function ingestMails(db: Db, mails: AsyncIterable<RawMail>, opts: IngestOptions = {}): Promise<IngestSummary> {
  const summary: IngestSummary = { messages: 0, stored: 0, duplicates: 0, errors: [] };
  const size = opts.chunkSize ?? 250;
  const started = Date.now();
  let pending: Pending[] = [];
  const flush = async (): Promise<void> => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    await writeBatch(db, batch, opts, summary);
    opts.onProgress?.({ ...counts(summary), rate: summary.messages / Math.max(0.001, (Date.now() - started) / 1000) });
  };
  try {
    for await (const mail of mails) {
      pending.push({ mail, parsed: (opts.parse ?? parseMail)(mail.raw) });
      if (pending.length >= size) await flush();
    }
  } catch (err) {
    const damage = asDamage(err);
    if (!damage) throw err;
    await flush();
    await recordSourceErrors(db, [damage]);
    summary.errors.push(damage);
    return summary;
  }
  await flush();
  return summary;
}

/** A source that broke after handing over some mails (SourceDamagedError from sources/types.ts). */
function asDamage(err: unknown): IngestError | null {
  const e = err as { name?: string; source?: unknown; position?: unknown; reason?: unknown } | null;
  if (!e || e.name !== 'SourceDamagedError' || typeof e.source !== 'string') return null;
  return { source: e.source, position: String(e.position ?? ''), messageId: null, reason: String(e.reason ?? 'damaged source') };
}

function counts(s: IngestSummary): Omit<IngestProgress, 'rate'> {
  return { messages: s.messages, stored: s.stored, duplicates: s.duplicates, errors: s.errors.length };
}

async function writeBatch(db: Db, batch: Pending[], opts: IngestOptions, summary: IngestSummary): Promise<void> {
  const chunk: ChunkMessage[] = [];
  const errors: IngestError[] = [];
  for (const p of batch) {
    const r = await p.parsed;
    if (r.ok) chunk.push({ msg: r.value, list: listOf(r.value, opts), raw: p.mail.raw });
    else errors.push({ source: p.mail.source, position: p.mail.position, messageId: r.messageId, reason: r.reason });
  }
  const result = await withDbRetry(
    () =>
      db.prisma.$transaction(
        async (tx) => {
          const stored = await storeChunk(tx, chunk);
          await recomputeThreads(tx, stored.threadIds);
          if (errors.length) await recordErrors(tx, errors);
          return stored;
        },
        { timeout: 600_000, maxWait: 60_000 },
      ),
    opts.retry,
  );
  summary.messages += batch.length;
  summary.stored += result.stored;
  summary.duplicates += result.duplicates;
  summary.errors.push(...errors);
  const last = batch[batch.length - 1];
  if (last && opts.checkpoint) await opts.checkpoint(last.mail.position);
}

/** Rejected messages, kept once per (source, position, reason). */
async function recordErrors(tx: Parameters<typeof x>[0], errors: IngestError[]): Promise<void> {
  await x(
    tx,
    `INSERT INTO "IngestError"(source, position, "messageId", reason) SELECT r.source, r.position, r."messageId", r.reason
     FROM jsonb_to_recordset($1::jsonb) AS r(source text, position text, "messageId" text, reason text) ON CONFLICT (source, position, reason) DO NOTHING`,
    errors,
  );
}

/** Record messages a source could not even hand over (truncated gzip tail, unreadable file entry). */
export async function recordSourceErrors(db: Db, errors: IngestError[]): Promise<void> {
  if (errors.length === 0) return;
  await withDbRetry(() => db.prisma.$transaction((tx) => recordErrors(tx, errors)));
}

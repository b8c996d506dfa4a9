// One bench measurement, run in its own process by run.ts so that its peak
// RSS (getrusage maxrss) belongs to it alone:
//   split  <file>                         the mbox source alone (read + split), to show it is not the bottleneck
//   parse  <file> <limit>                 raw simpleParser rate, sequential, one core
//   pool   <file> <limit> <workers>       parseMail on the worker pool (parallel-parse.ts), all cores
//   ingest <file> <backend> <pglite dir> [workers] [limit]
//                                         ingestMails end to end into pglite|postgres; with
//                                         workers > 0 parsing runs on that many worker threads
import { rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { simpleParser } from 'mailparser';
import { openDb } from '../../services/db/adapters/client.js';
import { resolveSource } from '../../services/ingest/adapters/sources/index.js';
import { ingestMails } from '../../services/ingest/adapters/store.js';
import { createParsePool, parseInOrder } from '../../services/ingest/adapters/parallel-parse.js';

export interface ChildResult {
  messages: number;
  stored: number;
  errors: number;
  seconds: number;
  rate: number;
  /** bytes */
  peakRss: number;
  /** CPU seconds of this process (user + system), all threads */
  cpu: number;
}

const peakRss = () => process.resourceUsage().maxRSS * 1024;
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

async function splitRate(file: string): Promise<ChildResult> {
  const src = await resolveSource(file);
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for await (const _ of src.mails()) n++;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { messages: n, stored: 0, errors: 0, seconds, rate: n / seconds, peakRss: peakRss(), cpu: cpuSeconds(c0) };
}

async function* limited<T>(items: AsyncIterable<T>, limit: number): AsyncGenerator<T> {
  let n = 0;
  for await (const item of items) {
    if (limit > 0 && n++ >= limit) return;
    yield item;
  }
}

async function parseRate(file: string, limit: number): Promise<ChildResult> {
  const src = await resolveSource(file);
  let n = 0;
  let failed = 0;
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for await (const m of src.mails()) {
    // the options services/ingest/core/parse.ts uses
    await simpleParser(m.raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true }).catch(() => failed++);
    if (++n === limit) break;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { messages: n, stored: 0, errors: failed, seconds, rate: n / seconds, peakRss: peakRss(), cpu: cpuSeconds(c0) };
}

async function poolRate(file: string, limit: number, workers: number): Promise<ChildResult> {
  const pool = await createParsePool(workers);
  try {
    const src = await resolveSource(file);
    let n = 0;
    let failed = 0;
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for await (const r of parseInOrder(src.mails(), pool, 256)) {
      if (!r.result.ok) failed++;
      if (++n === limit) break;
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { messages: n, stored: 0, errors: failed, seconds, rate: n / seconds, peakRss: peakRss(), cpu: cpuSeconds(c0) };
  } finally {
    await pool.close();
  }
}

async function ingestRate(file: string, backend: string, pgliteDir: string, workers: number, limit: number): Promise<ChildResult> {
  const url = process.env.DATABASE_URL;
  const schema = backend === 'postgres' ? `bench_${process.pid}_${randomBytes(3).toString('hex')}` : undefined;
  if (backend === 'postgres' && !url) throw new Error('postgres needs DATABASE_URL');
  const db = backend === 'postgres' ? await openDb({ databaseUrl: url, schema }) : await openDb({ databaseUrl: '', dataDir: pgliteDir });
  const pool = workers > 0 ? await createParsePool(workers) : null;
  try {
    const src = await resolveSource(file);
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const summary = await ingestMails(db, limited(src.mails(), limit), { listHint: 'bench', ...(pool ? { parse: pool.parse } : {}) });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const rate = summary.messages / seconds;
    return { messages: summary.messages, stored: summary.stored, errors: summary.errors.length, seconds, rate, peakRss: peakRss(), cpu: cpuSeconds(c0) };
  } finally {
    await pool?.close();
    await db.close();
    if (schema && url) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    }
    if (backend !== 'postgres') rmSync(pgliteDir, { recursive: true, force: true });
  }
}

export async function runChild(args: string[]): Promise<ChildResult> {
  const [mode, file, a, b, c, d] = args;
  if (mode === 'split' && file) return splitRate(file);
  if (mode === 'parse' && file) return parseRate(file, Number(a ?? 0));
  if (mode === 'pool' && file) return poolRate(file, Number(a ?? 0), Number(b ?? 2));
  if (mode === 'ingest' && file && a && b) return ingestRate(file, a, b, Number(c ?? 0), Number(d ?? 0));
  throw new Error(`unknown bench child: ${args.join(' ')}`);
}

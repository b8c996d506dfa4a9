// One bench measurement, run in its own process by run.ts so that its peak
// RSS (getrusage maxrss) belongs to it alone:
//   parse  <file> <limit>                 raw simpleParser rate, sequential, one core
//   ingest <file> <backend> <pglite dir>  ingestMails end to end into pglite|postgres
import { rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { simpleParser } from 'mailparser';
import { openDb } from '../../services/db/adapters/client.js';
import { resolveSource } from '../../services/ingest/adapters/sources/index.js';
import { ingestMails } from '../../services/ingest/adapters/store.js';

export interface ChildResult {
  messages: number;
  stored: number;
  errors: number;
  seconds: number;
  rate: number;
  /** bytes */
  peakRss: number;
}

const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function parseRate(file: string, limit: number): Promise<ChildResult> {
  const src = await resolveSource(file);
  let n = 0;
  let failed = 0;
  const t0 = process.hrtime.bigint();
  for await (const m of src.mails()) {
    // the options services/ingest/core/parse.ts uses
    await simpleParser(m.raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true }).catch(() => failed++);
    if (++n === limit) break;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { messages: n, stored: 0, errors: failed, seconds, rate: n / seconds, peakRss: peakRss() };
}

async function ingestRate(file: string, backend: string, pgliteDir: string): Promise<ChildResult> {
  const url = process.env.DATABASE_URL;
  const schema = backend === 'postgres' ? `bench_${process.pid}_${randomBytes(3).toString('hex')}` : undefined;
  if (backend === 'postgres' && !url) throw new Error('postgres needs DATABASE_URL');
  const db = backend === 'postgres' ? await openDb({ databaseUrl: url, schema }) : await openDb({ databaseUrl: '', dataDir: pgliteDir });
  try {
    const src = await resolveSource(file);
    const t0 = process.hrtime.bigint();
    const summary = await ingestMails(db, src.mails(), { listHint: 'bench' });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { messages: summary.messages, stored: summary.stored, errors: summary.errors.length, seconds, rate: summary.messages / seconds, peakRss: peakRss() };
  } finally {
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
  const [mode, file, a, b] = args;
  if (mode === 'parse' && file) return parseRate(file, Number(a ?? 0));
  if (mode === 'ingest' && file && a && b) return ingestRate(file, a, b);
  throw new Error(`unknown bench child: ${args.join(' ')}`);
}

// `patchlens main` (= `npm start`): the project's main job on the configured
// database. Today: ingest the corpus shipped under test/fixtures/corpus/ (the
// seed thread first) and print the series found. Later stages add their
// steps to MAIN_STEPS (apply, analyze, serve); keep each step a short call.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { Db } from '../../db/adapters/client.js';
import { withDb, printJson } from '../context.js';
import { ingestMails } from '../../ingest/adapters/store.js';
import { resolveSource } from '../../ingest/adapters/sources/index.js';
import { listSeriesIds, seriesJsonMany, type SeriesJson } from '../../ingest/adapters/series-view.js';
import { processSeries, serveDashboard } from '../../api/main-steps.js';

export const CORPUS_DIR = fileURLToPath(new URL('../../../test/fixtures/corpus/', import.meta.url));
const SEED = 'cxl-region-attach-rfc.mbox';
/** The shipped threads are linux-cxl threads; the seed's mails carry no List-Id. */
const CORPUS_LIST = 'linux-cxl.vger.kernel.org';

export interface MainContext {
  db: Db;
  json: boolean;
  log: (line: string) => void;
  /** what the steps found, for the ones after them */
  series: SeriesJson[];
  /** where the last step serves the dashboard; null = do not serve (--no-serve) */
  serve?: { host: string; port: number } | null;
}

export type MainStep = (ctx: MainContext) => Promise<void>;

/** The corpus files, seed first. */
export function corpusFiles(dir = CORPUS_DIR): string[] {
  const rest = readdirSync(dir).filter((f) => /\.mbox(?:\.gz)?$/.test(f) && f !== SEED).sort();
  return [SEED, ...rest].map((f) => path.join(dir, f));
}

async function ingestCorpus(ctx: MainContext): Promise<void> {
  for (const file of corpusFiles()) {
    const source = await resolveSource(file, { db: ctx.db });
    const s = await ingestMails(ctx.db, source.mails(), { listHint: source.listHint ?? CORPUS_LIST });
    ctx.log(`ingest ${path.basename(file)}: ${s.messages} messages, ${s.stored} stored, ${s.duplicates} duplicates, ${s.errors.length} rejected`);
  }
}

async function findSeries(ctx: MainContext): Promise<void> {
  ctx.series = await seriesJsonMany(ctx.db, await listSeriesIds(ctx.db));
  for (const s of ctx.series) {
    ctx.log(`series ${s.id}: ${s.rfc ? '[RFC] ' : ''}${s.title} v${s.version}, ${s.received}/${s.total}${s.complete ? ' complete' : ` missing ${s.missing.join(',')}`}, cover ${s.cover ? 'yes' : 'no'}, ${s.replies} replies${s.previous ? `, previous ${s.previous}` : ''}`);
  }
}

/** The steps of the main job, in order. */
export const MAIN_STEPS: MainStep[] = [ingestCorpus, findSeries, processSeries, serveDashboard];

export function register(program: Command): void {
  program
    .command('main')
    .description('the main job (npm start): ingest the shipped corpus, apply, analyze, then serve the dashboard')
    .option('--json', 'print the series as JSON at the end')
    .option('--no-serve', 'stop after processing instead of serving the dashboard')
    .option('--host <host>', 'dashboard address', '127.0.0.1')
    .option('--port <port>', 'dashboard port (taken: any free one)', '8080')
    .action(async (flags: { json?: boolean; serve: boolean; host: string; port: string }) => {
      await withDb(async (db) => {
        const ctx: MainContext = { db, json: flags.json === true, log: (l) => (flags.json ? process.stderr : process.stdout).write(`${l}\n`), series: [] };
        ctx.serve = flags.serve && !flags.json ? { host: flags.host, port: Number(flags.port) } : null;
        for (const step of MAIN_STEPS) await step(ctx);
        if (ctx.json) printJson(ctx.series);
      });
    });
}

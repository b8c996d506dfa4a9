// The API's steps of `patchlens main` (npm start), appended to the ingest
// stage's MAIN_STEPS in services/cli/commands/main.ts:
//   processSeries  run the sweep in-process: supersede older versions, apply
//                  where a tree is configured (else a "no-tree" run), analyze,
//                  and sync the review ledger, printing one line per stage;
//   serveDashboard serve the API and dashboard on the same database, print
//                  the URL, and return on SIGINT/SIGTERM (skipped by --no-serve).
import type { Db } from '../db/adapters/client.js';
import { InProcessRunner } from './jobs/in-process.js';
import { seriesNeedingWork } from './jobs/stages.js';
import { startServer } from './server.js';

export interface StepContext {
  db: Db;
  log: (line: string) => void;
  /** where to serve; null or absent = do not serve */
  serve?: { host: string; port: number } | null;
}

export async function processSeries(ctx: StepContext): Promise<void> {
  const need = await seriesNeedingWork(ctx.db);
  const runner = new InProcessRunner(ctx.db, () => undefined, undefined, 0.2);
  await runner.publish('sweep', {});
  await runner.idle();
  await runner.stop();
  const verdicts = await ctx.db.sql.query<{ verdict: string; n: number }>(
    `SELECT verdict, count(*)::int AS n FROM (SELECT DISTINCT ON ("seriesId") verdict FROM "ApplyRun" ORDER BY "seriesId", "createdAt" DESC, id DESC) x GROUP BY verdict ORDER BY verdict`,
  );
  const [concerns] = await ctx.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM "Concern"');
  const [superseded] = await ctx.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Series" WHERE state = 'Superseded'`);
  ctx.log(`apply: ${need.apply.length} series checked; latest verdicts ${verdicts.map((v) => `${v.verdict} ${v.n}`).join(', ') || 'none'}`);
  ctx.log(`analyze: ${need.analyze.length} series; ${concerns?.n ?? 0} concerns stored`);
  ctx.log(`versions: ${superseded?.n ?? 0} series superseded by a newer version`);
  const failed = new Map<string, number>();
  for (const f of runner.failures) {
    const key = `${f.job}: ${f.error.split('\n')[0]}`;
    failed.set(key, (failed.get(key) ?? 0) + 1);
  }
  for (const [key, n] of failed) ctx.log(`job ${key} (${n} series)`);
}

export async function serveDashboard(ctx: StepContext): Promise<void> {
  if (!ctx.serve) return;
  let running;
  try {
    running = await startServer({ db: ctx.db, host: ctx.serve.host, port: ctx.serve.port, log: false, signals: false });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    ctx.log(`port ${ctx.serve.port} is taken; using a free one`);
    running = await startServer({ db: ctx.db, host: ctx.serve.host, port: 0, log: false, signals: false });
  }
  ctx.log(`dashboard: ${running.url}/  (API docs ${running.url}/docs; Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => void running.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

// Jobs that run the other pipeline stages: apply a series to its tree,
// analyze a series, ingest a source, and the sweep that, after an ingest,
// queues apply/analyze/supersede for every series that needs it. Each calls
// the stage's exported function and nothing else; the stages own their logic
// and are idempotent (a re-run adds a new run row, the latest wins).
import type { Db } from '../../db/adapters/client.js';
import { EVENT_KINDS } from '../commands/events.js';
import { seriesIdOf, seriesPayload, type JobDef } from './types.js';
import { runApply, runAnalyze, runIngest, runLedgerSync } from './stage-calls.js';

export const applyJob: JobDef<{ seriesId: number; recheck?: boolean }> = {
  name: 'apply',
  events: [EVENT_KINDS.applyRequested],
  // a maintainer asking again means "check again", even if the tree did not move
  fromEvent: (e) => {
    const p = seriesPayload(e);
    return p ? { ...p, recheck: true } : null;
  },
  retry: { limit: 2, delaySeconds: 5, backoff: true },
  async perform(ctx, payload) {
    const r = await runApply(ctx.db, seriesIdOf(payload), payload.recheck === true);
    ctx.log('applied', { seriesId: payload.seriesId, ...r });
  },
};

export const analyzeJob: JobDef<{ seriesId: number }> = {
  name: 'analyze',
  events: [EVENT_KINDS.analyzeRequested],
  fromEvent: seriesPayload,
  retry: { limit: 2, delaySeconds: 5, backoff: true },
  async perform(ctx, payload) {
    await runAnalyze(ctx.db, seriesIdOf(payload));
    // new concerns become ledger entries
    await ctx.queue.publish('ledger', { seriesId: payload.seriesId });
  },
};

export const ledgerJob: JobDef<{ seriesId: number }> = {
  name: 'ledger',
  events: [],
  fromEvent: () => null,
  retry: { limit: 2, delaySeconds: 5, backoff: true },
  async perform(ctx, payload) {
    await runLedgerSync(ctx.db, seriesIdOf(payload));
  },
};

export const ingestJob: JobDef<{ source: string; listHint?: string }> = {
  name: 'ingest',
  events: [],
  fromEvent: () => null,
  retry: { limit: 3, delaySeconds: 10, backoff: true },
  async perform(ctx, payload) {
    if (typeof payload.source !== 'string') throw new Error('ingest job needs a source');
    const summary = await runIngest(ctx.db, payload.source, { listHint: typeof payload.listHint === 'string' ? payload.listHint : undefined });
    ctx.log('ingested', { source: payload.source, ...summary });
    await ctx.queue.publish('sweep', {});
  },
};

/** Series whose latest apply / analysis run is older than the series (or missing). */
export async function seriesNeedingWork(db: Db): Promise<{ apply: number[]; analyze: number[]; supersede: number[] }> {
  const stale = (table: string) =>
    db.sql.query<{ id: number }>(
      `SELECT s.id FROM "Series" s WHERE s.received > 0 AND NOT EXISTS
         (SELECT 1 FROM "${table}" r WHERE r."seriesId" = s.id AND r."createdAt" >= s."updatedAt") ORDER BY s.id`,
    );
  const [apply, analyze, supersede] = await Promise.all([
    stale('ApplyRun'),
    stale('AnalysisRun'),
    db.sql.query<{ id: number }>(
      `SELECT s.id FROM "Series" s JOIN "Series" p ON p.id = s."previousId"
       WHERE p.state IN ('New', 'Under Review', 'Changes Requested', 'RFC', 'Deferred') ORDER BY s.id`,
    ),
  ]);
  return { apply: apply.map((r) => r.id), analyze: analyze.map((r) => r.id), supersede: supersede.map((r) => r.id) };
}

export const sweepJob: JobDef<Record<string, never>> = {
  name: 'sweep',
  events: [],
  fromEvent: () => null,
  retry: { limit: 1, delaySeconds: 5, backoff: false },
  async perform(ctx) {
    const need = await seriesNeedingWork(ctx.db);
    for (const seriesId of need.supersede) await ctx.queue.publish('supersede', { seriesId });
    for (const seriesId of need.apply) await ctx.queue.publish('apply', { seriesId });
    for (const seriesId of need.analyze) await ctx.queue.publish('analyze', { seriesId });
    // series that are not analyzed again still get their reply comments into the ledger
    for (const seriesId of need.apply.filter((id) => !need.analyze.includes(id))) await ctx.queue.publish('ledger', { seriesId });
  },
};

// The one place the API calls into the other stages' entry points
// (applySeries, analyzeSeries, ingestMails). Kept apart so the jobs and the
// `main` orchestration share the calls and their argument conventions.
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { applySeries } from '../../apply/apply-series.js';
import { ingestMails } from '../../ingest/adapters/store.js';
import { resolveSource } from '../../ingest/adapters/sources/index.js';
import { seriesMbox } from '../../ingest/adapters/series-mbox.js';
import { renderReplyForPatch } from '../../review/adapters/reply.js';
import { syncSeriesLedger } from '../../review/adapters/store.js';
import { analyzeSeries } from '../../rules/adapters/analyze.js';

/** Check the series against its tree; `recheck` forces a new run even when nothing changed. */
export async function runApply(db: Db, seriesId: number, recheck = false): Promise<{ verdict: string; reused: boolean }> {
  const r = await applySeries(db, seriesId, { recheck, actor: 'patchlens' });
  if (!r.ok) throw new PatchlensError(r.code, { what: 'series', id: seriesId });
  return { verdict: r.value.run.verdict, reused: r.value.reused };
}

export async function runAnalyze(db: Db, seriesId: number): Promise<unknown> {
  return analyzeSeries(db, seriesId);
}

/** Ingest one source (a file, folder or URL the ingest stage's resolver understands). */
export async function runIngest(db: Db, source: string, opts: { listHint?: string } = {}): Promise<Record<string, unknown>> {
  const src = await resolveSource(source, { db });
  // the source's own hint wins; ours is for mails that name no list at all
  const s = await ingestMails(db, src.mails(), { listHint: src.listHint ?? opts.listHint ?? null });
  return { messages: s.messages, stored: s.stored, duplicates: s.duplicates, rejected: s.errors.length };
}

/** Build or update the review ledger of a series (comments, answers, concern entries). */
export async function runLedgerSync(db: Db, seriesId: number): Promise<void> {
  await syncSeriesLedger(db, seriesId);
}

/** The ingest stage's git-am-ready series mbox (trailers from replies folded in), or null. */
export async function seriesMboxFromIngest(db: Db, seriesId: number): Promise<string | null> {
  return seriesMbox(db, seriesId);
}

/** The review stage's reply for one patch, as the text of a mail. */
export async function renderReply(db: Db, patchId: number): Promise<string> {
  const patch = await db.prisma.patch.findUnique({ where: { id: patchId }, select: { id: true } });
  if (!patch) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'patch', id: patchId });
  return (await renderReplyForPatch(db, patchId)).text;
}

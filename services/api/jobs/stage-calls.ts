// The one place the API calls into the other stages' entry points
// (applySeries, analyzeSeries, ingestMails). Kept apart so the jobs and the
// `main` orchestration share the calls and their argument conventions.
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { applySeries } from '../../apply/apply-series.js';

type AnyFn = (...args: unknown[]) => Promise<unknown>;

/** Load a stage module by path, relative to services/; a missing stage is a clear error. */
async function stageFn(modulePath: string, name: string): Promise<AnyFn> {
  const url = new URL(`../../${modulePath}`, import.meta.url).href;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (err) {
    throw new PatchlensError('PL_ERR_INTERNAL', { reason: `stage module ${modulePath} is not available: ${(err as Error).message}` });
  }
  const fn = mod[name];
  if (typeof fn !== 'function') throw new PatchlensError('PL_ERR_INTERNAL', { reason: `${modulePath} does not export ${name}` });
  return fn as AnyFn;
}

/** Check the series against its tree; `recheck` forces a new run even when nothing changed. */
export async function runApply(db: Db, seriesId: number, recheck = false): Promise<{ verdict: string; reused: boolean }> {
  const r = await applySeries(db, seriesId, { recheck, actor: 'patchlens' });
  if (!r.ok) throw new PatchlensError(r.code, { what: 'series', id: seriesId });
  return { verdict: r.value.run.verdict, reused: r.value.reused };
}

export async function runAnalyze(db: Db, seriesId: number): Promise<unknown> {
  return (await stageFn('rules/adapters/analyze.js', 'analyzeSeries'))(db, seriesId);
}

export async function runIngest(db: Db, source: string): Promise<Record<string, unknown>> {
  const res = await (await stageFn('ingest/adapters/ingest.js', 'ingestMails'))(db, source);
  return res && typeof res === 'object' ? (res as Record<string, unknown>) : {};
}

/** The ingest stage's git-am-ready series mbox, or null while that writer is not there. */
export async function seriesMboxFromIngest(db: Db, seriesId: number): Promise<string | null> {
  let fn: AnyFn;
  try {
    fn = await stageFn('ingest/adapters/series-mbox.js', 'seriesMbox');
  } catch {
    return null;
  }
  const out = await fn(db, seriesId);
  return typeof out === 'string' ? out : Buffer.isBuffer(out) ? out.toString('utf8') : null;
}

/** The review stage's reply for one patch, as the text of a mail. */
export async function renderReply(db: Db, patchId: number): Promise<string> {
  const patch = await db.prisma.patch.findUnique({ where: { id: patchId }, select: { id: true } });
  if (!patch) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'patch', id: patchId });
  const out = await (await stageFn('review/adapters/reply.js', 'renderReplyForPatch'))(db, patchId);
  if (typeof out === 'string') return out;
  const text = out && typeof out === 'object' ? (out as Record<string, unknown>).text : null;
  return typeof text === 'string' ? text : JSON.stringify(out);
}

// Reading stored concerns back: for `analyze` output and for the per-patch
// "concerns" of `series show --json` (services/ingest/adapters/series-view.ts).
// A series keeps one current analysis run (see store.ts), so every Concern
// row of the series is current.
import type { Db } from '../../db/adapters/client.js';
import { presentConcern, presentConcernDetail, type ConcernDetailJson, type ConcernJson } from '../core/present.js';

export type { ConcernJson };

/** The current concerns of a series, in patch and line order. */
export async function concernsOfSeries(db: Db, seriesId: number): Promise<ConcernDetailJson[]> {
  const rows = await db.prisma.concern.findMany({
    where: { seriesId },
    include: { patch: { select: { index: true } } },
    orderBy: [{ patchId: 'asc' }, { startLine: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => presentConcernDetail(r, r.patch?.index ?? null));
}

/** Current concerns per patch id, in the `series show --json` shape. */
export async function concernsByPatch(db: Db, seriesId: number): Promise<Map<number, ConcernJson[]>> {
  const rows = await db.prisma.concern.findMany({ where: { seriesId }, orderBy: [{ startLine: 'asc' }, { id: 'asc' }] });
  const out = new Map<number, ConcernJson[]>();
  for (const r of rows) if (r.patchId !== null) out.set(r.patchId, [...(out.get(r.patchId) ?? []), presentConcern(r)]);
  return out;
}

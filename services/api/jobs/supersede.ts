// Job: when a new version of a series exists (ingested, or linked by hand),
// the earlier versions that are still open for review become "Superseded".
// Idempotent: a version already closed (Accepted, Rejected, Superseded, Not
// Applicable) is left alone, so running it twice changes nothing.
import type { Db } from '../../db/adapters/client.js';
import { EVENT_KINDS, recordEvent } from '../commands/events.js';
import { seriesIdOf, type JobDef } from './types.js';

/** States a newer version replaces; closed states stay as the maintainer left them. */
export const SUPERSEDABLE = ['New', 'Under Review', 'Changes Requested', 'RFC', 'Deferred'];

/** Mark every open earlier version of `seriesId` Superseded; returns their ids. */
export async function supersedeEarlier(db: Db, seriesId: number): Promise<number[]> {
  const rows = await db.sql.query<{ id: number; state: string }>(
    `WITH RECURSIVE back(id, prev, state, depth) AS (
       SELECT p.id, p."previousId", p.state, 1 FROM "Series" s JOIN "Series" p ON p.id = s."previousId" WHERE s.id = $1
       UNION ALL SELECT p.id, p."previousId", p.state, b.depth + 1 FROM back b JOIN "Series" p ON p.id = b.prev WHERE b.depth < 50)
     SELECT id, state FROM back WHERE state = ANY($2::text[]) AND id <> $1`,
    [seriesId, SUPERSEDABLE],
  );
  if (!rows.length) return [];
  await db.prisma.$transaction(async (tx) => {
    for (const r of rows) {
      await tx.series.update({ where: { id: r.id }, data: { state: 'Superseded' } });
      await tx.patch.updateMany({ where: { seriesId: r.id, state: { in: SUPERSEDABLE } }, data: { state: 'Superseded' } });
      await recordEvent(tx, {
        kind: EVENT_KINDS.seriesState,
        actor: 'patchlens',
        subjectType: 'series',
        subjectId: r.id,
        payload: { from: r.state, to: 'Superseded', by: seriesId },
      });
    }
  });
  return rows.map((r) => r.id);
}

/** Every series that has a previous version: the sweep after a bulk ingest. */
export async function supersedeAll(db: Db): Promise<number[]> {
  const heads = await db.sql.query<{ id: number }>(
    `SELECT s.id FROM "Series" s JOIN "Series" p ON p.id = s."previousId" WHERE p.state = ANY($1::text[])`,
    [SUPERSEDABLE],
  );
  const done: number[] = [];
  for (const h of heads) done.push(...(await supersedeEarlier(db, h.id)));
  return done;
}

export const supersedeJob: JobDef<{ seriesId: number }> = {
  name: 'supersede',
  events: [EVENT_KINDS.seriesLinked],
  fromEvent: (e) => (e.subjectType === 'series' && e.subjectId ? { seriesId: e.subjectId } : null),
  retry: { limit: 3, delaySeconds: 2, backoff: true },
  async perform(ctx, payload) {
    const ids = await supersedeEarlier(ctx.db, seriesIdOf(payload));
    if (ids.length) ctx.log('superseded earlier versions', { seriesId: payload.seriesId, superseded: ids });
  },
};

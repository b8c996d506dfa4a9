// Commands: link a series to its previous version by hand, or unlink it. The
// ingester links versions itself (subject, In-Reply-To, change-id); these are
// for the cases it gets wrong. A link must not make a cycle. Linking writes a
// `series.linked` Event, to which jobs/supersede reacts.
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { assertMaintainer, type Actor } from '../auth/tokens.js';
import { EVENT_KINDS, recordEvent } from './events.js';

const include = { list: true, delegate: { include: { addresses: { orderBy: { id: 'asc' as const }, take: 1 } } } };

async function loadForWrite(db: Db, actor: Actor, id: number) {
  const s = await db.prisma.series.findUnique({ where: { id }, include });
  if (!s) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id });
  assertMaintainer(actor, s.listId, s.list.listId);
  return s;
}

/** True when following previousId from `start` reaches `target`. */
async function reaches(db: Db, start: number, target: number): Promise<boolean> {
  const rows = await db.sql.query<{ id: number }>(
    `WITH RECURSIVE back(id, prev, depth) AS (
       SELECT id, "previousId", 0 FROM "Series" WHERE id = $1
       UNION ALL SELECT p.id, p."previousId", b.depth + 1 FROM back b JOIN "Series" p ON p.id = b.prev WHERE b.depth < 1000)
     SELECT id FROM back WHERE id = $2 LIMIT 1`,
    [start, target],
  );
  return rows.length > 0;
}

export async function linkVersion(db: Db, actor: Actor, id: number, previousId: number) {
  const series = await loadForWrite(db, actor, id);
  const previous = await db.prisma.series.findUnique({ where: { id: previousId }, include: { list: true } });
  if (!previous) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id: previousId });
  assertMaintainer(actor, previous.listId, previous.list.listId);
  if (previousId === id) throw new PatchlensError('PL_ERR_CONFLICT', { what: `series ${id}`, reason: 'cannot be its own previous version' });
  if (await reaches(db, previousId, id)) {
    throw new PatchlensError('PL_ERR_CONFLICT', { what: `series ${id}`, reason: `series ${previousId} is a later version of it` });
  }
  return db.prisma.$transaction(async (tx) => {
    const updated = await tx.series.update({ where: { id }, data: { previousId, previousLink: 'manual' }, include });
    await recordEvent(tx, {
      kind: EVENT_KINDS.seriesLinked,
      actor,
      subjectType: 'series',
      subjectId: id,
      payload: { previousId, before: series.previousId },
    });
    return updated;
  });
}

export async function unlinkVersion(db: Db, actor: Actor, id: number) {
  const series = await loadForWrite(db, actor, id);
  if (series.previousId === null) throw new PatchlensError('PL_ERR_CONFLICT', { what: `series ${id}`, reason: 'has no previous version' });
  return db.prisma.$transaction(async (tx) => {
    const updated = await tx.series.update({ where: { id }, data: { previousId: null, previousLink: null }, include });
    await recordEvent(tx, { kind: EVENT_KINDS.seriesUnlinked, actor, subjectType: 'series', subjectId: id, payload: { before: series.previousId } });
    return updated;
  });
}

// Commands: link a series to its previous version by hand, or unlink it. The
// ingester links versions itself (subject, In-Reply-To, change-id); these are
// for the cases it gets wrong. The API checks the token's lists and the input;
// the link itself (cycle check, previousLink = 'manual', the `series.link` /
// `series.unlink` Event) is the ingest stage's linkSeries/unlinkSeries.
// jobs/supersede reacts to `series.link`.
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { linkSeries, unlinkSeries } from '../../ingest/adapters/series-edit.js';
import { assertMaintainer, type Actor } from '../auth/tokens.js';
import { actorName } from './events.js';

const include = { list: true, delegate: { include: { addresses: { orderBy: { id: 'asc' as const }, take: 1 } } } };

async function loadForWrite(db: Db, actor: Actor, id: number) {
  const s = await db.prisma.series.findUnique({ where: { id }, include });
  if (!s) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id });
  assertMaintainer(actor, s.listId, s.list.listId);
  return s;
}

export async function linkVersion(db: Db, actor: Actor, id: number, previousId: number) {
  if (previousId === id) throw new PatchlensError('PL_ERR_BAD_INPUT', { field: 'previousId', reason: 'a series cannot be its own previous version' });
  await loadForWrite(db, actor, id);
  await loadForWrite(db, actor, previousId);
  await linkSeries(db, id, previousId, actorName(actor));
  return db.prisma.series.findUniqueOrThrow({ where: { id }, include });
}

export async function unlinkVersion(db: Db, actor: Actor, id: number) {
  const series = await loadForWrite(db, actor, id);
  if (series.previousId === null) throw new PatchlensError('PL_ERR_CONFLICT', { what: `series ${id}`, reason: 'has no previous version' });
  await unlinkSeries(db, id, actorName(actor));
  return db.prisma.series.findUniqueOrThrow({ where: { id }, include });
}

// Commands: set the status of a ledger comment, or of a concern (through the
// ledger comment that tracks it), by hand. The API's part is the permission
// check; the move itself (transition table, CommentEvent, Event) is the
// review stage's setCommentStatus.
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { setCommentStatus as reviewSetStatus } from '../../review/adapters/ledger.js';
import { syncSeriesLedger } from '../../review/adapters/store.js';
import { assertMaintainer, type Actor } from '../auth/tokens.js';
import { actorName } from './events.js';

export async function setCommentStatus(db: Db, actor: Actor, id: number, status: string, reason: string | null = null) {
  const comment = await db.prisma.comment.findUnique({ where: { id }, include: { series: { include: { list: true } } } });
  if (!comment) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'comment', id });
  assertMaintainer(actor, comment.series.listId, comment.series.list.listId);
  const entry = await reviewSetStatus(db, id, status, actorName(actor), reason);
  return { id, status: entry.status };
}

/** The ledger comment of a concern: the review stage's, made by a ledger sync if it is not there yet. */
async function concernComment(db: Db, concern: { id: number; seriesId: number; fingerprint: string }) {
  const fingerprint = `concern:${concern.seriesId}:${concern.fingerprint}`;
  const find = () => db.prisma.comment.findFirst({ where: { OR: [{ concernId: concern.id }, { fingerprint }] }, orderBy: { id: 'asc' } });
  const found = await find();
  if (found) return found;
  await syncSeriesLedger(db, concern.seriesId);
  const synced = await find();
  if (!synced) throw new PatchlensError('PL_ERR_CONFLICT', { what: `concern ${concern.id}`, reason: 'has no ledger entry (is the series analyzed?)' });
  return synced;
}

export async function setConcernStatus(db: Db, actor: Actor, id: number, status: string, reason: string | null = null) {
  const concern = await db.prisma.concern.findUnique({ where: { id }, include: { series: { include: { list: true } } } });
  if (!concern) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'concern', id });
  assertMaintainer(actor, concern.series.listId, concern.series.list.listId);
  const comment = await concernComment(db, concern);
  const entry = await reviewSetStatus(db, comment.id, status, actorName(actor), reason);
  return { concernId: concern.id, commentId: comment.id, status: entry.status };
}

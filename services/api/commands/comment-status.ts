// Commands: set the status of a ledger comment, or of a concern (through the
// ledger comment that tracks it), by hand. The status history goes into
// CommentEvent (evidence {note, manual: true}) and the audit trail into Event,
// in one transaction.
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { assertMaintainer, type Actor } from '../auth/tokens.js';
import { actorName, EVENT_KINDS, recordEvent } from './events.js';

export const COMMENT_STATUSES = ['open', 'answered', 'acknowledged', 'disputed', 'addressed', 'dismissed'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

async function writeStatus(db: Db, actor: Actor, comment: { id: number; status: string }, status: CommentStatus, note: string | null) {
  return db.prisma.$transaction(async (tx) => {
    const updated = await tx.comment.update({ where: { id: comment.id }, data: { status } });
    await tx.commentEvent.create({
      data: { commentId: comment.id, fromStatus: comment.status, toStatus: status, actor: actorName(actor), evidence: { note: note ?? 'set by hand', manual: true } },
    });
    await recordEvent(tx, {
      kind: EVENT_KINDS.commentStatus,
      actor,
      subjectType: 'comment',
      subjectId: comment.id,
      payload: { from: comment.status, to: status, note },
    });
    return updated;
  });
}

export async function setCommentStatus(db: Db, actor: Actor, id: number, status: CommentStatus, note: string | null = null) {
  const comment = await db.prisma.comment.findUnique({ where: { id }, include: { series: { include: { list: true } } } });
  if (!comment) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'comment', id });
  assertMaintainer(actor, comment.series.listId, comment.series.list.listId);
  return writeStatus(db, actor, comment, status, note);
}

/**
 * A concern's status is the status of the ledger comment that tracks it. When
 * the review stage has not made one yet, one is created here, keyed by the
 * concern's fingerprint so a later ledger sync finds the same row.
 */
export async function setConcernStatus(db: Db, actor: Actor, id: number, status: CommentStatus, note: string | null = null) {
  const concern = await db.prisma.concern.findUnique({ where: { id }, include: { series: { include: { list: true } }, comments: true } });
  if (!concern) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'concern', id });
  assertMaintainer(actor, concern.series.listId, concern.series.list.listId);
  const comment =
    concern.comments[0] ??
    (await db.prisma.comment.create({
      data: {
        seriesId: concern.seriesId,
        patchId: concern.patchId,
        concernId: concern.id,
        authorName: 'patchlens',
        authorEmail: 'patchlens@localhost',
        anchor: concern.file && concern.startLine ? { file: concern.file, lines: [concern.startLine, concern.endLine ?? concern.startLine] } : undefined,
        text: concern.summary,
        fingerprint: `concern:${concern.seriesId}:${concern.fingerprint}`,
      },
    }));
  const updated = await writeStatus(db, actor, comment, status, note);
  return { concernId: concern.id, commentId: updated.id, status: updated.status };
}

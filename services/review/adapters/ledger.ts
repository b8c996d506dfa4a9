// Reads and hand-edits of the stored ledger: the per-series view with
// counts and each open item's evidence (`review status`, the API), the
// per-patch "comments" lists for `series show --json`, and setting a status by
// hand through the transition table, keeping the automatic history beside it.
import type { Db, Prisma } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { canTransition, isStatus } from '../core/status.js';
import { COMMENT_STATUSES, type Anchor, type CommentStatus, type Evidence } from '../core/types.js';
import { ensureLedger } from './store.js';

export interface CommentView {
  id: number;
  author: { name: string; email: string };
  /** the message it was written in (null for a concern not yet on the list) */
  messageId: string | null;
  anchor: Anchor | null;
  text: string;
  status: CommentStatus;
  /** messages that answered it (not the commenter's own follow-ups) */
  answeredBy: string[];
}

export interface LedgerEntry extends CommentView {
  patchId: number | null;
  patchIndex: number | null;
  onCover: boolean;
  parentId: number | null;
  concernId: number | null;
  answers: { messageId: string; byAuthor: boolean; byCommenter: boolean }[];
  history: { from: string | null; to: string; actor: string; evidence: Evidence; at: string }[];
}

export interface SeriesLedger {
  seriesId: number;
  counts: Record<CommentStatus, number>;
  comments: LedgerEntry[];
}

const include = {
  message: { select: { messageId: true } },
  patch: { select: { index: true } },
  answers: { include: { message: { select: { messageId: true, date: true } } }, orderBy: { id: 'asc' as const } },
  events: { orderBy: { id: 'asc' as const } },
} satisfies Prisma.CommentInclude;

type Row = Prisma.CommentGetPayload<{ include: typeof include }>;

function view(r: Row): LedgerEntry {
  return {
    id: r.id,
    author: { name: r.authorName, email: r.authorEmail },
    messageId: r.message?.messageId ?? null,
    anchor: (r.anchor ?? null) as Anchor | null,
    text: r.text,
    status: (isStatus(r.status) ? r.status : 'open') as CommentStatus,
    answeredBy: r.answers.filter((a) => !a.byCommenter).map((a) => a.message.messageId),
    patchId: r.patchId,
    patchIndex: r.patch?.index ?? null,
    onCover: r.onCover,
    parentId: r.parentId,
    concernId: r.concernId,
    answers: r.answers.map((a) => ({ messageId: a.message.messageId, byAuthor: a.byAuthor, byCommenter: a.byCommenter })),
    history: r.events.map((e) => ({ from: e.fromStatus, to: e.toStatus, actor: e.actor, evidence: (e.evidence ?? {}) as Evidence, at: e.createdAt.toISOString() })),
  };
}

export async function ledgerForSeries(db: Db, seriesId: number): Promise<SeriesLedger> {
  const series = await db.prisma.series.findUnique({ where: { id: seriesId }, select: { id: true } });
  if (!series) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id: seriesId });
  await ensureLedger(db, seriesId);
  const rows = await db.prisma.comment.findMany({ where: { seriesId }, include, orderBy: [{ id: 'asc' }] });
  const comments = rows.map(view);
  const counts = Object.fromEntries(COMMENT_STATUSES.map((s) => [s, comments.filter((c) => c.status === s).length])) as Record<CommentStatus, number>;
  return { seriesId, counts, comments };
}

/** `series show --json` lists: per patch id and for the cover (the ledger is brought up to date first). */
export async function commentsForSeriesView(db: Db, seriesId: number): Promise<{ cover: CommentView[]; byPatch: Map<number, CommentView[]> }> {
  await ensureLedger(db, seriesId);
  const rows = await db.prisma.comment.findMany({ where: { seriesId }, include, orderBy: [{ id: 'asc' }] });
  const cover: CommentView[] = [];
  const byPatch = new Map<number, CommentView[]>();
  for (const r of rows) {
    const { id, author, messageId, anchor, text, status, answeredBy } = view(r);
    const v: CommentView = { id, author, messageId, anchor, text, status, answeredBy };
    if (r.patchId === null) cover.push(v);
    else byPatch.set(r.patchId, [...(byPatch.get(r.patchId) ?? []), v]);
  }
  return { cover, byPatch };
}

/**
 * Set a comment's status by hand. Dismissing needs a reason. The move must be
 * in the transition table for people; the automatic history stays, and the
 * manual event is added after it.
 */
export async function setCommentStatus(db: Db, id: number, status: string, actor: string, reason: string | null = null): Promise<LedgerEntry> {
  if (!isStatus(status)) throw new PatchlensError('PL_ERR_BAD_INPUT', { field: 'status', reason: `must be one of ${COMMENT_STATUSES.join(', ')}` });
  if (status === 'dismissed' && !reason?.trim()) throw new PatchlensError('PL_ERR_BAD_INPUT', { field: 'reason', reason: 'dismissing a comment needs a reason' });
  const row = await db.prisma.comment.findUnique({ where: { id } });
  if (!row) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'comment', id });
  const from = (isStatus(row.status) ? row.status : 'open') as CommentStatus;
  if (!canTransition(from, status, 'manual')) throw new PatchlensError('PL_ERR_CONFLICT', { what: `comment ${id}`, reason: `status cannot go from ${from} to ${status}` });
  await db.prisma.$transaction(async (tx) => {
    const evidence: Evidence = { note: reason?.trim() || 'set by hand', manual: true };
    await tx.commentEvent.create({ data: { commentId: id, fromStatus: from, toStatus: status, actor, evidence: evidence as Prisma.InputJsonValue } });
    await tx.comment.update({ where: { id }, data: { status } });
    await tx.event.create({ data: { kind: 'comment.status', actor, subjectType: 'comment', subjectId: id, payload: { from, to: status, note: reason ?? null } } });
  });
  const out = await db.prisma.comment.findUniqueOrThrow({ where: { id }, include });
  return view(out);
}

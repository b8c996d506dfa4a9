// Small read-side queries of the API: lists, people, messages, events, and
// the range-diff between two versions of a series. Each returns rows (or a
// pure core result); presenters/ shape them for the wire.
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { rangeDiff } from '../core/range-diff.js';

export async function listLists(db: Db) {
  const lists = await db.prisma.mailingList.findMany({ orderBy: { listId: 'asc' } });
  const counts = await db.sql.query<{ listId: number; series: number; open: number }>(
    `SELECT "listId", count(*)::int AS series,
       count(*) FILTER (WHERE state IN ('New', 'Under Review', 'Changes Requested', 'RFC', 'Deferred'))::int AS open
     FROM "Series" GROUP BY "listId"`,
  );
  return lists.map((l) => ({ list: l, series: counts.find((c) => c.listId === l.id)?.series ?? 0, open: counts.find((c) => c.listId === l.id)?.open ?? 0 }));
}

export async function getPerson(db: Db, id: number) {
  const person = await db.prisma.person.findUnique({ where: { id }, include: { addresses: { orderBy: { id: 'asc' } } } });
  if (!person) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'person', id });
  const [series, messages] = await Promise.all([
    db.prisma.series.findMany({
      where: { submitterId: id },
      orderBy: [{ date: 'desc' }, { id: 'desc' }],
      take: 50,
      select: { id: true, title: true, version: true, state: true, date: true },
    }),
    db.prisma.message.count({ where: { authorId: id } }),
  ]);
  return { person, series, messages };
}

/** A message by row id, or by Message-ID (with or without angle brackets). */
export async function getMessage(db: Db, idOrMessageId: string) {
  const include = { list: true, patch: { select: { id: true, seriesId: true } }, reply: { select: { seriesId: true, patchId: true } } };
  const m = /^\d+$/.test(idOrMessageId)
    ? await db.prisma.message.findUnique({ where: { id: Number(idOrMessageId) }, include })
    : await db.prisma.message.findFirst({ where: { messageId: idOrMessageId.replace(/^<|>$/g, '') }, include, orderBy: { id: 'asc' } });
  if (!m) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'message', id: idOrMessageId });
  return m;
}

export async function getMessageRaw(db: Db, idOrMessageId: string) {
  const m = await getMessage(db, idOrMessageId);
  const raw = await db.prisma.messageRaw.findUnique({ where: { messageRowId: m.id } });
  if (!raw) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'raw message', id: idOrMessageId });
  return { message: m, raw: Buffer.from(raw.raw) };
}

export interface EventFilter {
  subjectType?: string;
  subjectId?: number;
  kind?: string;
  /** events with id below this (the previous page's last id) */
  before?: number;
  limit?: number;
}

export async function listEvents(db: Db, f: EventFilter) {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
  const rows = await db.prisma.event.findMany({
    where: {
      ...(f.subjectType ? { subjectType: f.subjectType } : {}),
      ...(f.subjectId ? { subjectId: f.subjectId } : {}),
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.before ? { id: { lt: f.before } } : {}),
    },
    orderBy: { id: 'desc' },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return { events: page, nextBefore: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null };
}

export async function seriesRangeDiff(db: Db, fromId: number, toId: number) {
  const load = async (id: number) => {
    const s = await db.prisma.series.findUnique({ where: { id }, include: { patches: { orderBy: { index: 'asc' } } } });
    if (!s) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id });
    return s.patches.map((p) => ({ index: p.index, subject: p.subject, text: `${p.commitMessage}\n---\n${p.diff}` }));
  };
  const [a, b] = await Promise.all([load(fromId), load(toId)]);
  return { from: fromId, to: toId, pairs: rangeDiff(a, b) };
}

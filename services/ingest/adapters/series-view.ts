// The series JSON of `series list/show --json` (a contract read by acceptance
// checks) and the lookup of a series by id or by any of its Message-IDs.
// Later stages add their fields here (analyze: concerns, review: comments per
// patch) by extending SeriesJson/PatchJson and the builder below.
import type { Db } from '../../db/adapters/client.js';
import { formatTrailer, orderTrailers, parsePersonValue, type CollectedTrailer } from '../core/trailers.js';
import { commentsForSeriesView, type CommentView } from '../../review/adapters/ledger.js';
import { concernsByPatch, type ConcernJson } from '../../rules/adapters/concerns.js';

export interface PatchJson {
  messageId: string;
  index: number;
  subject: string;
  author: { name: string; email: string };
  trailers: string[];
  files: string[];
  /** review ledger comments on this patch (services/review) */
  comments: CommentView[];
  /** lifetime concerns of the current analysis run (services/rules) */
  concerns: ConcernJson[];
}

export interface SeriesJson {
  id: number;
  title: string;
  version: number;
  rfc: boolean;
  total: number;
  received: number;
  complete: boolean;
  missing: number[];
  cover: { messageId: string; subject: string; comments: CommentView[] } | null;
  patches: PatchJson[];
  replies: number;
  previous: number | null;
  next: number | null;
  baseCommit: string | null;
  dependsOn: number[];
}

function stripBrackets(ref: string): string {
  return ref.trim().replace(/^<(.*)>$/, '$1').replace(/^(?:https?:\/\/[^/]+\/(?:[^/]+\/)?)([^/]+@[^/]+?)\/?$/, '$1');
}

/** A series named by id, by its key, or by the Message-ID (or lore URL) of its cover or any patch. */
export async function resolveSeriesId(db: Db, ref: string): Promise<number | null> {
  if (/^\d+$/.test(ref.trim())) {
    const s = await db.prisma.series.findUnique({ where: { id: Number(ref) }, select: { id: true } });
    return s?.id ?? null;
  }
  const mid = decodeURIComponent(stripBrackets(ref));
  const rows = await db.sql.query<{ id: number }>(
    `SELECT s.id FROM "Series" s WHERE s.key = $1
     UNION SELECT s.id FROM "Series" s JOIN "Message" m ON m.id = s."coverId" WHERE m."messageId" = $1
     UNION SELECT p."seriesId" FROM "Patch" p JOIN "Message" m ON m.id = p."messageRowId" WHERE m."messageId" = $1
     ORDER BY 1 DESC LIMIT 1`,
    [mid],
  );
  return rows[0]?.id ?? null;
}

/** Series ids that a Depends-on / prerequisite reference names. */
async function resolveRefs(db: Db, refs: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const ref of refs) {
    if (/^(?:patch-id|change-id):/.test(ref)) continue;
    const id = await resolveSeriesId(db, ref);
    if (id !== null && !out.includes(id)) out.push(id);
  }
  return out;
}

/** Who wrote a patch: the in-body "From:" line when there is one, else the sender. */
function patchAuthor(commitMessage: string, from: { name: string; email: string }): { name: string; email: string } {
  const first = /^From:\s*(.+)\n/.exec(commitMessage);
  const who = first ? parsePersonValue(first[1] ?? '') : null;
  return who ? { name: who.name, email: who.email.toLowerCase() } : from;
}

type TrailerRow = { kind: string; name: string; email: string; patchId: number | null; inPatch: boolean; mismatch: boolean; position: number; source: { messageId: string; date: Date | null } };

function trailerList(patchId: number, rows: TrailerRow[]): string[] {
  const mine = rows.filter((r) => r.patchId === patchId || (r.patchId === null && !r.inPatch));
  const asCollected = (r: TrailerRow): CollectedTrailer => ({ kind: r.kind, name: r.name, email: r.email, raw: '', sourceMessageId: r.source.messageId, inPatch: r.inPatch, mismatch: r.mismatch, fromCover: r.patchId === null });
  const own = mine.filter((r) => r.inPatch).sort((a, b) => a.position - b.position).map(asCollected);
  const collected = mine.filter((r) => !r.inPatch).sort((a, b) => a.position - b.position).map((r) => ({ trailer: asCollected(r), date: r.source.date }));
  return orderTrailers(own, collected).map(formatTrailer);
}

/** The JSON of several series, in the order of `ids`. */
export async function seriesJsonMany(db: Db, ids: number[]): Promise<SeriesJson[]> {
  if (ids.length === 0) return [];
  const rows = await db.prisma.series.findMany({
    where: { id: { in: ids } },
    include: {
      cover: { select: { messageId: true, subject: true } },
      patches: { orderBy: { index: 'asc' }, include: { message: { select: { messageId: true, fromName: true, fromEmail: true } } } },
      trailers: { include: { source: { select: { messageId: true, date: true } } } },
      next: { select: { id: true, version: true, date: true }, orderBy: [{ version: 'desc' }, { id: 'desc' }] },
      _count: { select: { replies: true } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: SeriesJson[] = [];
  for (const id of ids) {
    const s = byId.get(id);
    if (!s) continue;
    const comments = await commentsForSeriesView(db, s.id);
    const concerns = await concernsByPatch(db, s.id);
    out.push({
      id: s.id, title: s.title, version: s.version, rfc: s.rfc, total: s.total, received: s.received, complete: s.complete, missing: s.missing,
      cover: s.cover ? { messageId: s.cover.messageId, subject: s.cover.subject, comments: comments.cover } : null,
      patches: s.patches.map((p) => ({
        messageId: p.message.messageId, index: p.index, subject: p.subject,
        author: patchAuthor(p.commitMessage, { name: p.message.fromName, email: p.message.fromEmail }),
        trailers: trailerList(p.id, s.trailers), files: p.files, comments: comments.byPatch.get(p.id) ?? [],
        concerns: concerns.get(p.id) ?? [],
      })),
      replies: s._count.replies, previous: s.previousId, next: s.next[0]?.id ?? null, baseCommit: s.baseCommit,
      dependsOn: await resolveRefs(db, s.dependsOnRefs),
    });
  }
  return out;
}

/** The JSON of one series, or null when there is no such series. */
export async function seriesJson(db: Db, seriesId: number): Promise<SeriesJson | null> {
  return (await seriesJsonMany(db, [seriesId]))[0] ?? null;
}

/** Every series, newest first (optionally of one list). */
export async function listSeriesIds(db: Db, list?: string): Promise<number[]> {
  const rows = await db.prisma.series.findMany({
    where: list ? { list: { listId: list } } : {},
    select: { id: true },
    orderBy: [{ date: 'desc' }, { id: 'desc' }],
  });
  return rows.map((r) => r.id);
}

// Read side of one series: everything the series page shows, loaded in a few
// Prisma queries (series with cover and people, patches with their message,
// trailers and latest apply results, the latest analysis run's concerns, the
// comment ledger, the version chain). It returns rows; presenters/series.ts
// decides what goes on the wire. Writes live in commands/.
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';

const personWithAddress = { include: { addresses: { orderBy: { id: 'asc' as const }, take: 1 } } };

export async function loadSeries(db: Db, id: number) {
  const series = await db.prisma.series.findUnique({
    where: { id },
    include: { list: true, cover: true, submitter: personWithAddress, delegate: personWithAddress },
  });
  if (!series) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id });
  return series;
}

export type SeriesRow = Awaited<ReturnType<typeof loadSeries>>;

async function latestApply(db: Db, seriesId: number) {
  return db.prisma.applyRun.findFirst({
    where: { seriesId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: { results: true, tree: true },
  });
}

async function latestConcerns(db: Db, seriesId: number) {
  const run = await db.prisma.analysisRun.findFirst({ where: { seriesId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  if (!run) return [];
  return db.prisma.concern.findMany({
    where: { runId: run.id },
    orderBy: [{ patchId: 'asc' }, { startLine: 'asc' }, { id: 'asc' }],
    include: { comments: { select: { id: true, status: true } } },
  });
}

async function ledger(db: Db, seriesId: number) {
  return db.prisma.comment.findMany({
    where: { seriesId },
    orderBy: [{ patchId: 'asc' }, { position: 'asc' }, { id: 'asc' }],
    include: {
      message: { select: { messageId: true, date: true } },
      events: { orderBy: { id: 'asc' } },
      answers: { include: { message: { select: { messageId: true, fromName: true, date: true } } } },
    },
  });
}

/** Every version of the series, oldest first, following previousId both ways. */
export async function versionChain(db: Db, seriesId: number) {
  const rows = await db.sql.query<{ id: number }>(
    `WITH RECURSIVE back(id, prev, depth) AS (
       SELECT id, "previousId", 0 FROM "Series" WHERE id = $1
       UNION ALL SELECT p.id, p."previousId", b.depth + 1 FROM back b JOIN "Series" p ON p.id = b.prev WHERE b.depth < 50),
     fwd(id, depth) AS (
       SELECT id, 0 FROM "Series" WHERE id = $1
       UNION ALL SELECT n.id, f.depth + 1 FROM fwd f JOIN "Series" n ON n."previousId" = f.id WHERE f.depth < 50)
     SELECT id FROM back UNION SELECT id FROM fwd`,
    [seriesId],
  );
  return db.prisma.series.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    select: { id: true, version: true, title: true, state: true, date: true, previousLink: true },
    orderBy: [{ version: 'asc' }, { id: 'asc' }],
  });
}

export async function loadPatches(db: Db, where: { seriesId: number } | { id: number }) {
  return db.prisma.patch.findMany({
    where,
    orderBy: { index: 'asc' },
    include: {
      message: { select: { id: true, messageId: true, date: true, fromName: true, fromEmail: true } },
      author: personWithAddress,
      trailers: { orderBy: { position: 'asc' } },
    },
  });
}

export type PatchRow = Awaited<ReturnType<typeof loadPatches>>[number];

/** The whole series page in one object of rows. */
export async function seriesDetail(db: Db, id: number) {
  const series = await loadSeries(db, id);
  const [patches, apply, concerns, comments, versions, coverTrailers] = await Promise.all([
    loadPatches(db, { seriesId: id }),
    latestApply(db, id),
    latestConcerns(db, id),
    ledger(db, id),
    versionChain(db, id),
    db.prisma.trailer.findMany({ where: { seriesId: id, patchId: null }, orderBy: { position: 'asc' } }),
  ]);
  return { series, patches, apply, concerns, comments, versions, coverTrailers };
}

export type SeriesDetailRows = Awaited<ReturnType<typeof seriesDetail>>;
export type ApplyRow = NonNullable<SeriesDetailRows['apply']>;
export type ConcernRow = SeriesDetailRows['concerns'][number];
export type CommentRow = SeriesDetailRows['comments'][number];

/** One patch with its series' latest apply result and concerns for it. */
export async function patchDetail(db: Db, id: number) {
  const [patch] = await loadPatches(db, { id });
  if (!patch) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'patch', id });
  const [apply, concerns] = await Promise.all([latestApply(db, patch.seriesId), latestConcerns(db, patch.seriesId)]);
  return { patch, apply, concerns: concerns.filter((c) => c.patchId === id) };
}

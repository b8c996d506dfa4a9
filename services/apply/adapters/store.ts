// Prisma store of the applier: find a series by id or by any of its
// Message-IDs, load its patches in order, and write / read apply runs
// (ApplyRun + one PatchApplyResult per patch + an Event row, in one
// transaction). Rows are turned into the core result types here, so no Prisma
// row leaves this file.
import type { Db } from '../../db/adapters/client.js';
import type { BaseMethod, BlobChainBreak, HunkResult, PatchResult, PatchStatus, SeriesCheck, TreeRef, Verdict } from '../core/outcomes.js';
import { resolveSeriesId } from '../../ingest/adapters/series-view.js';
import type { SeriesInput } from './check-series.js';

export interface SeriesForApply {
  id: number;
  title: string;
  version: number;
  listRowId: number;
  listId: string;
  input: SeriesInput;
  patchIds: number[];
}

/**
 * Series id from "123", its key, a lore URL or the Message-ID of its cover or of
 * one of its patches ("<…>" allowed). The ingest stage owns this resolution so
 * every command understands the same references.
 */
export function findSeriesId(db: Db, ref: string): Promise<number | null> {
  return resolveSeriesId(db, ref);
}

export async function loadSeries(db: Db, seriesId: number): Promise<SeriesForApply | null> {
  const s = await db.prisma.series.findUnique({
    where: { id: seriesId },
    include: { list: true, patches: { orderBy: [{ index: 'asc' }, { id: 'asc' }] } },
  });
  if (!s) return null;
  return {
    id: s.id,
    title: s.title,
    version: s.version,
    listRowId: s.listId,
    listId: s.list.listId,
    patchIds: s.patches.map((p) => p.id),
    input: {
      baseCommit: s.baseCommit,
      patches: s.patches.map((p) => ({ index: p.index, patchId: p.id, subject: p.subject, diff: p.diff })),
    },
  };
}

/** What is stored per patch in PatchApplyResult.detail. */
interface PatchDetail {
  index: number;
  subject: string;
  reason: string;
  files: string[];
  hunks: HunkResult[];
  dependsOn?: number[];
}

export async function saveRun(db: Db, seriesId: number, treeId: number | null, check: SeriesCheck, actor = 'apply'): Promise<number> {
  return db.prisma.$transaction(async (tx) => {
    const run = await tx.applyRun.create({
      data: {
        seriesId,
        treeId,
        treeHead: check.treeHead,
        baseCommit: check.base.commit,
        baseMethod: check.base.method,
        baseNote: check.base.note,
        verdict: check.verdict,
        firstFailing: check.firstFailing,
        blobChainBreaks: check.blobChainBreaks as unknown as object,
        error: check.error,
      },
    });
    const rows = check.patches.filter((p) => p.patchId !== undefined);
    if (rows.length) {
      await tx.patchApplyResult.createMany({
        data: rows.map((p) => {
          const detail: PatchDetail = { index: p.index, subject: p.subject, reason: p.reason, files: p.files, hunks: p.hunks, ...(p.dependsOn ? { dependsOn: p.dependsOn } : {}) };
          return { runId: run.id, patchId: p.patchId!, status: p.status, detail: detail as unknown as object };
        }),
      });
    }
    await tx.event.create({
      data: { kind: 'apply.run', actor, subjectType: 'series', subjectId: seriesId, payload: { runId: run.id, verdict: check.verdict, tree: check.tree?.name ?? null, base: check.base.commit } },
    });
    return run.id;
  });
}

/** A stored run, as the core types describe it. */
export interface StoredRun extends SeriesCheck {
  id: number;
  seriesId: number;
  createdAt: Date;
}

export async function latestRun(db: Db, seriesId: number): Promise<StoredRun | null> {
  const run = await db.prisma.applyRun.findFirst({
    where: { seriesId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: { tree: true, results: { orderBy: { id: 'asc' } } },
  });
  if (!run) return null;
  const tree: TreeRef | null = run.tree ? { name: run.tree.name, path: run.tree.path, branch: run.tree.branch } : null;
  const patches: PatchResult[] = run.results.map((r) => {
    const d = r.detail as unknown as PatchDetail;
    return { index: d.index, patchId: r.patchId, subject: d.subject, status: r.status as PatchStatus, reason: d.reason, files: d.files, hunks: d.hunks, ...(d.dependsOn ? { dependsOn: d.dependsOn } : {}) };
  });
  return {
    id: run.id,
    seriesId: run.seriesId,
    createdAt: run.createdAt,
    verdict: run.verdict as Verdict,
    firstFailing: run.firstFailing,
    tree,
    treeHead: run.treeHead,
    base: { commit: run.baseCommit, method: run.baseMethod as BaseMethod, note: run.baseNote },
    patches: patches.sort((a, b) => a.index - b.index),
    blobChainBreaks: (run.blobChainBreaks ?? []) as unknown as BlobChainBreak[],
    error: run.error,
  };
}

/** Series on the lists of a tree, newest first, with the head their latest run saw. */
export async function seriesOnLists(db: Db, listIds: string[], limit: number): Promise<{ id: number; lastHead: string | null; lastTree: string | null }[]> {
  const rows = await db.prisma.series.findMany({
    where: { list: { listId: { in: listIds } } },
    orderBy: { id: 'desc' },
    take: limit,
    select: { id: true, applyRuns: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1, select: { treeHead: true, tree: { select: { name: true } } } } },
  });
  return rows.map((r) => ({ id: r.id, lastHead: r.applyRuns[0]?.treeHead ?? null, lastTree: r.applyRuns[0]?.tree?.name ?? null }));
}

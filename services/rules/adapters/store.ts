// analyzeSeries: run the rule engine on a stored series and keep the result.
// Reads the patches' exact diffs, extracts their functions' effects with the
// tree-sitter extractor, runs the pure pipeline (core/analyze.ts) and stores
// one AnalysisRun with its Concern rows, plus an Event, in one transaction.
//
// Idempotence: a series has one current run. A rerun creates a new
// AnalysisRun, moves every concern whose (patch, fingerprint) it finds again
// onto it (same Concern id, fields refreshed, so review comments linked to a
// concern stay linked), inserts the new ones, deletes the ones that are gone
// and deletes the older runs. Running twice therefore leaves the same
// concern rows with the same ids.
import type { Db } from '../../db/adapters/client.js';
import type { Prisma } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { analyzePatches, type AnalysisOut, type ConcernOut } from '../core/analyze.js';
import { extractPatch, type NotModelled } from '../core/extract/index.js';
import type { ConcernDetailJson } from '../core/present.js';
import { concernsOfSeries } from './concerns.js';
import { loadCParser } from './tree-sitter.js';

export interface AnalyzeSeriesResult {
  runId: number;
  seriesId: number;
  concerns: ConcernDetailJson[];
  stats: AnalysisOut['stats'] & { extractMs: number; extractNotModelled: (NotModelled & { patch: number })[] };
}

type PatchRow = { id: number; index: number; diff: string };

async function loadPatches(db: Db, seriesId: number): Promise<PatchRow[]> {
  const s = await db.prisma.series.findUnique({
    where: { id: seriesId },
    select: { id: true, patches: { select: { id: true, index: true, diff: true }, orderBy: { index: 'asc' } } },
  });
  if (!s) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id: seriesId });
  return s.patches;
}

function row(c: ConcernOut, runId: number, seriesId: number, patchId: number | null) {
  return {
    runId, seriesId, patchId, rule: c.rule, severity: c.severity, file: c.file, startLine: c.startLine, endLine: c.endLine,
    hunkIndex: c.hunkIndex, summary: c.summary, explanation: c.explanation, trace: c.trace as unknown as Prisma.InputJsonValue,
    origin: c.origin, fingerprint: c.fingerprint,
  };
}

export async function analyzeSeries(db: Db, seriesId: number): Promise<AnalyzeSeriesResult> {
  const patches = await loadPatches(db, seriesId);
  const t0 = performance.now();
  const parser = await loadCParser();
  const extractNotModelled: AnalyzeSeriesResult['stats']['extractNotModelled'] = [];
  const inputs = patches.map((p) => {
    const r = extractPatch(parser, p.diff);
    extractNotModelled.push(...r.notModelled.map((n) => ({ ...n, patch: p.index })));
    return { index: p.index, diff: p.diff, functions: r.functions };
  });
  const extractMs = Math.round(performance.now() - t0);
  const out = analyzePatches(inputs);
  const stats = { ...out.stats, extractMs, extractNotModelled };
  const patchIdOf = new Map(patches.map((p) => [p.index, p.id]));
  const runId = await db.prisma.$transaction(async (tx) => {
    const run = await tx.analysisRun.create({ data: { seriesId, stats: stats as unknown as Prisma.InputJsonValue } });
    const old = await tx.concern.findMany({ where: { seriesId }, select: { id: true, patchId: true, fingerprint: true } });
    const kept = new Set<number>();
    for (const c of out.concerns) {
      const patchId = patchIdOf.get(c.patchIndex) ?? null;
      const prev = old.find((o) => o.patchId === patchId && o.fingerprint === c.fingerprint && !kept.has(o.id));
      if (prev) {
        kept.add(prev.id);
        await tx.concern.update({ where: { id: prev.id }, data: row(c, run.id, seriesId, patchId) });
      } else await tx.concern.create({ data: row(c, run.id, seriesId, patchId) });
    }
    await tx.concern.deleteMany({ where: { seriesId, runId: { not: run.id } } });
    await tx.analysisRun.deleteMany({ where: { seriesId, id: { not: run.id } } });
    await tx.event.create({
      data: { kind: 'series.analyzed', actor: 'patchlens', subjectType: 'series', subjectId: seriesId, payload: { runId: run.id, concerns: out.concerns.length } },
    });
    return run.id;
  });
  return { runId, seriesId, concerns: await concernsOfSeries(db, seriesId), stats };
}

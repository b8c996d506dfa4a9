// The applier's commands, as the CLI, the API and the pipeline call them:
//   applySeries(db, seriesId, opts)  check a series against its tree and store the run
//   latestApplyRun(db, seriesId)     the newest stored run, for presenters
//   recheckTree(db, treeName)        re-check series whose latest run saw an older head
// A series without a tree gets a stored "no-tree" run; a git failure is a
// stored "error" run. Only a series that does not exist is an error value.
import type { Db } from '../db/adapters/client.js';
import { checkSeries, type CheckOptions } from './adapters/check-series.js';
import { openRepo, resolveBranch } from './adapters/repo.js';
import { latestRun, loadSeries, saveRun, seriesOnLists, type StoredRun } from './adapters/store.js';
import { envKey, listTrees, treeFor, treeRowId, type TreeConfig } from './adapters/trees.js';
import type { SeriesCheck } from './core/outcomes.js';

export type { StoredRun } from './adapters/store.js';
export type { SeriesCheck, PatchResult, HunkResult, Verdict, PatchStatus, HunkStatus, BaseMethod } from './core/outcomes.js';
export { findSeriesId } from './adapters/store.js';
export { checkSeries } from './adapters/check-series.js';

export interface ApplyOptions extends CheckOptions {
  /** check against this tree instead of the one the series' list maps to */
  tree?: string;
  /** run a new check even when the latest run saw the same tree head and patches */
  recheck?: boolean;
  /** recorded in the Event row */
  actor?: string;
}

export type ApplySeriesResult =
  | { ok: true; value: { run: StoredRun; reused: boolean } }
  | { ok: false; code: 'PL_ERR_NOT_FOUND'; reason: string };

async function currentHead(tree: TreeConfig, opts: CheckOptions): Promise<string | null> {
  const repo = await openRepo(tree.path, { git: opts.git, timeoutMs: opts.timeoutMs });
  if (!repo.ok) return null;
  const head = await resolveBranch(repo.value, tree.branch);
  return head.ok ? head.value : null;
}

/** The latest run still describes the series when tree, tree head and patches are unchanged. */
async function reusable(db: Db, seriesId: number, patchIds: number[], tree: TreeConfig | null, opts: CheckOptions): Promise<StoredRun | null> {
  const last = await latestRun(db, seriesId);
  if (!last || !tree || last.tree?.name !== tree.name || last.verdict === 'error' || !last.treeHead) return null;
  const same = last.patches.length === patchIds.length && last.patches.every((p) => p.patchId !== undefined && patchIds.includes(p.patchId));
  if (!same) return null;
  return (await currentHead(tree, opts)) === last.treeHead ? last : null;
}

/** Check a series against its tree and store the run (or return the latest one when nothing changed). */
export async function applySeries(db: Db, seriesId: number, opts: ApplyOptions = {}): Promise<ApplySeriesResult> {
  const series = await loadSeries(db, seriesId);
  if (!series) return { ok: false, code: 'PL_ERR_NOT_FOUND', reason: `series ${seriesId} not found` };
  const tree = await treeFor(db, { treeName: opts.tree, listRowId: series.listRowId, listId: series.listId });
  if (!opts.recheck) {
    const last = await reusable(db, seriesId, series.patchIds, tree, opts);
    if (last) return { ok: true, value: { run: last, reused: true } };
  }
  let check: SeriesCheck = await checkSeries(tree, series.input, opts);
  if (!tree) {
    const why = opts.tree ? `tree ${opts.tree} is not configured` : `no tree is configured for list ${series.listId}`;
    check = { ...check, error: why };
  }
  const treeId = tree ? await treeRowId(db, tree) : null;
  await saveRun(db, seriesId, treeId, check, opts.actor);
  const run = await latestRun(db, seriesId);
  return { ok: true, value: { run: run!, reused: false } };
}

/** The newest stored run of a series, or null. */
export function latestApplyRun(db: Db, seriesId: number): Promise<StoredRun | null> {
  return latestRun(db, seriesId);
}

export interface RecheckSummary {
  tree: string;
  head: string | null;
  checked: { seriesId: number; verdict: string }[];
  upToDate: number;
}

/** Re-check the series on a tree's lists whose latest run on it saw another head (a new tree commit). */
export async function recheckTree(db: Db, treeName: string, opts: CheckOptions & { limit?: number } = {}): Promise<RecheckSummary | null> {
  const tree = (await listTrees(db)).find((t) => t.name === treeName);
  if (!tree) return null;
  const head = await currentHead(tree, opts);
  let lists = tree.lists;
  if (tree.source === 'env') {
    const all = await db.prisma.mailingList.findMany({ select: { listId: true } });
    lists = all.map((l) => l.listId).filter((l) => tree.lists.includes(envKey(l)));
  }
  const summary: RecheckSummary = { tree: tree.name, head, checked: [], upToDate: 0 };
  for (const s of await seriesOnLists(db, lists, opts.limit ?? 200)) {
    if (head && s.lastTree === tree.name && s.lastHead === head) {
      summary.upToDate++;
      continue;
    }
    const r = await applySeries(db, s.id, { ...opts, tree: tree.name, recheck: true, actor: 'recheck' });
    if (r.ok) summary.checked.push({ seriesId: s.id, verdict: r.value.run.verdict });
  }
  return summary;
}

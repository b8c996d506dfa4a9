// Checks a whole series against one tree: parse and vet the patches, open the
// repository read-only, resolve the base (base-commit, guess, branch head),
// build a scratch index of the touched paths at the base, and check the
// patches in order. Returns a SeriesCheck value in every case: a git failure
// or an unreadable tree is a verdict "error" with its reason, never a throw.
// Knows nothing of the database (see apply-series.ts).
import { baseRequirements, blobChainBreaks } from '../core/blobchain.js';
import { decideBase, guessBase } from '../core/base.js';
import { parseDiff, touchedPaths } from '../core/diff.js';
import { isFailure, type BaseChoice, type PatchResult, type SeriesCheck, type TreeRef } from '../core/outcomes.js';
import { DEFAULT_LIMITS, rejectReasons, type Limits } from '../core/paths.js';
import { seriesVerdict } from '../core/verdict.js';
import { checkAllAtOnce, checkPatch, type EarlierPatch, type PreparedPatch } from './patch-check.js';
import { lookupObjects, openRepo, recentCommits, resolveBranch, resolveCommitId, type Repo, type RepoResult } from './repo.js';
import { createScratch, disposeScratch, loadBaseIndex } from './scratch.js';

export interface PatchInput {
  index: number;
  patchId?: number;
  subject: string;
  /** the exact diff text as mailed */
  diff: string;
}

export interface SeriesInput {
  /** base-commit: of the series, if it named one */
  baseCommit: string | null;
  /** in series order */
  patches: PatchInput[];
}

export interface CheckOptions {
  /** git binary (default PATCHLENS_GIT or git) */
  git?: string;
  /** time limit of each git call, ms (default 60 s) */
  timeoutMs?: number;
  /** commits of the branch the base guess looks at (default PATCHLENS_GUESS_WINDOW or 1000) */
  guessWindow?: number;
  limits?: Limits;
  /** check patch by patch even when the whole series applies in one go (slower; same results) */
  perPatch?: boolean;
}

export function preparePatches(input: SeriesInput, limits: Limits = DEFAULT_LIMITS): PreparedPatch[] {
  return input.patches.map((p) => {
    const parsed = parseDiff(p.diff);
    return { ...p, parsed, rejects: rejectReasons(p.diff, parsed, limits), files: [...new Set(parsed.files.flatMap(touchedPaths))] };
  });
}

function failedCheck(tree: TreeRef | null, verdict: 'no-tree' | 'error', error: string | null, rest: Partial<SeriesCheck> = {}): SeriesCheck {
  return { verdict, firstFailing: null, tree, treeHead: null, base: { commit: null, method: 'none', note: null }, patches: [], blobChainBreaks: [], error, ...rest };
}

/**
 * The guess, newest commits first in growing chunks (one cat-file stream each):
 * the base is usually near the head, so most series look at a few commits only.
 */
async function guessInChunks(repo: Repo, commits: string[], requirements: { path: string; blob: string }[]): Promise<RepoResult<string | null>> {
  for (let start = 0, size = 16; start < commits.length; start += size, size *= 4) {
    const chunk = commits.slice(start, start + size);
    const found = await lookupObjects(repo, chunk.flatMap((c) => requirements.map((q) => `${c}:${q.path}`)));
    if (!found.ok) return found;
    const hit = guessBase({ commits: chunk, requirements, blobAt: (c, p) => found.value.get(`${c}:${p}`)?.oid ?? null });
    if (hit) return { ok: true, value: hit };
  }
  return { ok: true, value: null };
}

/** Base resolution in the documented order, with the facts gathered from git. */
async function resolveBase(repo: Repo, branch: string, head: string | null, named: string | null, prepared: PreparedPatch[], window: number): Promise<RepoResult<BaseChoice>> {
  let namedResolved: string | null = null;
  if (named) {
    const r = await resolveCommitId(repo, named.trim().toLowerCase());
    if (!r.ok) return r;
    namedResolved = r.value;
  }
  const requirements = baseRequirements(prepared.filter((p) => p.rejects.length === 0).map((p) => ({ index: p.index, files: p.parsed.files })));
  let guessed: string | null = null;
  if (!namedResolved && head && requirements.length > 0) {
    const commits = await recentCommits(repo, head, window);
    if (!commits.ok) return commits;
    const g = await guessInChunks(repo, commits.value, requirements);
    if (!g.ok) return g;
    guessed = g.value;
  }
  const choice = decideBase({ named, namedResolved, guessed, guessWindow: window, requirements: requirements.length, branch, branchHead: head });
  return { ok: true, value: choice };
}

async function applyAll(repo: Repo, base: string, prepared: PreparedPatch[], perPatch: boolean): Promise<RepoResult<PatchResult[]>> {
  const s = createScratch(repo);
  try {
    const paths = [...new Set(prepared.filter((p) => p.rejects.length === 0).flatMap((p) => p.files))];
    const loaded = await loadBaseIndex(s, base, paths);
    if (!loaded.ok) return loaded;
    const fast = perPatch ? null : await checkAllAtOnce(s, prepared);
    if (fast) return { ok: true, value: fast };
    const results: PatchResult[] = [];
    const earlier: EarlierPatch[] = [];
    for (const p of prepared) {
      const r = await checkPatch(s, p, earlier);
      results.push(r);
      earlier.push({ index: p.index, files: p.files, failed: isFailure(r.status) });
    }
    return { ok: true, value: results };
  } finally {
    disposeScratch(s);
  }
}

/** Check a series against a tree; `tree` null → verdict no-tree. */
export async function checkSeries(tree: TreeRef | null, input: SeriesInput, opts: CheckOptions = {}): Promise<SeriesCheck> {
  const prepared = preparePatches(input, opts.limits);
  const breaks = blobChainBreaks(prepared.map((p) => ({ index: p.index, files: p.parsed.files })));
  if (!tree) return failedCheck(null, 'no-tree', null, { blobChainBreaks: breaks });
  const repo = await openRepo(tree.path, { git: opts.git, timeoutMs: opts.timeoutMs });
  if (!repo.ok) return failedCheck(tree, 'error', repo.reason, { blobChainBreaks: breaks });
  const head = await resolveBranch(repo.value, tree.branch);
  if (!head.ok) return failedCheck(tree, 'error', head.reason, { blobChainBreaks: breaks });
  const window = opts.guessWindow ?? (Number(process.env.PATCHLENS_GUESS_WINDOW) || 1000);
  const base = await resolveBase(repo.value, tree.branch, head.value, input.baseCommit, prepared, window);
  if (!base.ok) return failedCheck(tree, 'error', base.reason, { treeHead: head.value, blobChainBreaks: breaks });
  const common = { tree, treeHead: head.value, base: base.value, blobChainBreaks: breaks };
  if (!base.value.commit) return failedCheck(tree, 'error', base.value.note ?? 'no base commit', common);
  if (prepared.length === 0) return { ...common, verdict: 'no-patches', firstFailing: null, patches: [], error: null };
  const applied = await applyAll(repo.value, base.value.commit, prepared, opts.perPatch === true);
  if (!applied.ok) return failedCheck(tree, 'error', applied.reason, common);
  const v = seriesVerdict(applied.value);
  return { ...common, ...v, patches: applied.value, error: null };
}

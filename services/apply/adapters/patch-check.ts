// Checks one patch of a series against the scratch index, then writes it
// there when it applies (git apply checks every hunk before it writes, and
// failed attempts run on copies of the index). Order of attempts: plain apply
// (clean / offset); reverse (already applied); a 3-way merge against the
// pre-image blobs (preferred to fuzz: a merge is exact, fuzz is a guess); hunk
// by hunk with fuzz; else the failure is classified per hunk.
import { displayPath, type ParsedDiff } from '../core/diff.js';
import { patchReason } from '../core/explain.js';
import { parseApplyOutput, type HunkPlacement } from '../core/gitoutput.js';
import type { HunkResult, PatchResult, PatchStatus } from '../core/outcomes.js';
import { appliedPatchStatus, failedDependencies } from '../core/verdict.js';
import { checkHunks, gitApply, placedHunk } from './hunk-check.js';
import { copyIndex, scratchFile, scratchGit, writeScratch, type Scratch } from './scratch.js';

export interface PreparedPatch {
  index: number;
  patchId?: number;
  subject: string;
  diff: string;
  parsed: ParsedDiff;
  /** reasons to refuse it before git runs (core/paths.ts) */
  rejects: string[];
  /** every path the patch reads or writes */
  files: string[];
}

export interface EarlierPatch {
  index: number;
  files: string[];
  failed: boolean;
}

function result(p: PreparedPatch, status: PatchStatus, hunks: HunkResult[], extra: { dependsOn?: number[]; detail?: string } = {}): PatchResult {
  return {
    index: p.index,
    ...(p.patchId !== undefined ? { patchId: p.patchId } : {}),
    subject: p.subject,
    status,
    reason: patchReason(status, hunks, extra),
    files: p.files,
    hunks,
    ...(extra.dependsOn?.length ? { dependsOn: extra.dependsOn } : {}),
  };
}

/** Hunk results of a patch that applied as a whole, from git's -v placements. */
function hunksFromPlacements(parsed: ParsedDiff, sections: Map<number, HunkPlacement>[]): HunkResult[] {
  const out: HunkResult[] = [];
  parsed.files.forEach((f, k) => {
    const placements = sections[k];
    f.hunks.forEach((h, j) => out.push(placedHunk({ file: displayPath(f), hunk: j + 1, header: h.header }, h, placements?.get(j + 1), h.newStart - h.oldStart)));
  });
  return out;
}

/** Refusals that need no git: unsafe, unparsable, binary without data. */
function precheck(p: PreparedPatch): PatchResult | null {
  if (p.rejects.length) return result(p, 'rejected', [], { detail: `refused: ${p.rejects.join('; ')}` });
  if (p.parsed.files.length === 0) return result(p, 'malformed', [], { detail: p.parsed.errors.join('; ') || 'no diff' });
  const bin = p.parsed.files.find((f) => f.binary === 'no-data');
  if (bin) {
    const hunks: HunkResult[] = [{ file: displayPath(bin), hunk: 0, header: 'Binary files differ', status: 'binary' }];
    return result(p, 'binary', hunks, { detail: `binary change to ${displayPath(bin)} carries no data (not sent with --binary)` });
  }
  return null;
}

/** A 3-way merge on a copy of the series index; the merged index file, or null on conflicts. */
async function tryThreeWay(s: Scratch, file: string): Promise<string | null> {
  const idx = scratchFile(s, 'threeway-index');
  copyIndex(s.index, idx);
  const a = await gitApply(s, file, idx, ['--3way']);
  return a.res.ok && a.report.conflicted.length === 0 ? idx : null;
}

/** Check a patch and, when it applies, leave it applied in the scratch index. */
export async function checkPatch(s: Scratch, p: PreparedPatch, earlier: EarlierPatch[]): Promise<PatchResult> {
  const early = precheck(p);
  if (early) return early;
  const file = writeScratch(s, `patch-${p.index}`, p.diff);
  const whole = await gitApply(s, file, s.index);
  if (whole.res.ok) {
    const hunks = hunksFromPlacements(p.parsed, whole.report.sections);
    return result(p, appliedPatchStatus(hunks), hunks);
  }
  if (whole.res.kind !== 'exit') return result(p, 'error', [], { detail: whole.res.reason });
  if (whole.report.corrupt) {
    // hand-edited hunks often have wrong line counts: say whether that is all (git am still refuses it)
    const idx = scratchFile(s, 'recount-index');
    copyIndex(s.index, idx);
    const recount = await gitApply(s, file, idx, ['--recount', '--check']);
    const hint = recount.res.ok ? '; the hunk line counts are wrong, it would apply with git apply --recount' : '';
    return result(p, 'malformed', [], { detail: `git: ${whole.report.corrupt}${hint}` });
  }
  const rev = await gitApply(s, file, s.index, ['-R', '--check']);
  if (rev.res.ok) return result(p, 'already-applied', []);
  const merged = await tryThreeWay(s, file);
  if (merged) {
    // which hunks did not apply directly, for the record; then keep the merge
    const direct = await checkHunks(s, p.parsed, s.index, false);
    copyIndex(merged, s.index);
    return result(p, 'three-way', direct.hunks);
  }
  const pass = await checkHunks(s, p.parsed, s.index);
  if (pass.gitError) return result(p, 'error', pass.hunks, { detail: pass.gitError });
  if (pass.allApplied) {
    copyIndex(pass.trialIndex, s.index);
    return result(p, appliedPatchStatus(pass.hunks), pass.hunks);
  }
  const dependsOn = failedDependencies(p.files, earlier);
  const statuses = new Set(pass.hunks.map((h) => h.status));
  const status: PatchStatus = dependsOn.length ? 'depends-on-failed' : statuses.has('file-missing') ? 'file-missing' : statuses.has('binary') ? 'binary' : 'conflict';
  return result(p, status, pass.hunks, { dependsOn, detail: whole.report.other[0] ?? 'does not apply' });
}

/**
 * Fast path: the whole series in one `git apply --cached -v` (git applies the
 * patches in order, later ones on top of earlier ones, and writes nothing
 * unless all apply). When it works, every patch is clean or moved and the
 * per-hunk placements come from one git call; otherwise null, and the caller
 * checks patch by patch. Also null when git's sections do not line up with ours.
 */
export async function checkAllAtOnce(s: Scratch, prepared: PreparedPatch[]): Promise<PatchResult[] | null> {
  if (prepared.length < 2 || prepared.some((p) => precheck(p) !== null)) return null;
  const files = prepared.map((p) => writeScratch(s, `series-${p.index}`, p.diff));
  const idx = scratchFile(s, 'series-index');
  copyIndex(s.index, idx);
  const res = await scratchGit(s, ['apply', '--cached', '-v', '--whitespace=nowarn', '--', ...files], { index: idx });
  if (!res.ok) return null;
  const sections = parseApplyOutput(res.stderr).sections;
  if (sections.length !== prepared.reduce((n, p) => n + p.parsed.files.length, 0)) return null;
  let k = 0;
  const results = prepared.map((p) => {
    const mine = sections.slice(k, k + p.parsed.files.length);
    k += p.parsed.files.length;
    const hunks = hunksFromPlacements(p.parsed, mine);
    return result(p, appliedPatchStatus(hunks), hunks);
  });
  copyIndex(idx, s.index);
  return results;
}

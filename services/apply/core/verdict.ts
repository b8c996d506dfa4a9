// Series verdict from the per-patch results: the worst outcome wins, in the
// order clean < offsets < 3-way < fuzz < fails (a merge is exact, fuzz
// is a guess); a series whose every patch is
// already in the tree is "already-applied". Also the first failing patch. Pure.
import { isFailure, type HunkResult, type PatchResult, type PatchStatus, type Verdict } from './outcomes.js';

const RANK: Partial<Record<PatchStatus, number>> = { clean: 0, 'already-applied': 0, offset: 1, 'three-way': 2, fuzz: 3 };

export function seriesVerdict(patches: PatchResult[]): { verdict: Verdict; firstFailing: number | null } {
  if (patches.length === 0) return { verdict: 'no-patches', firstFailing: null };
  const failing = patches.find((p) => isFailure(p.status));
  if (failing) return { verdict: 'fails', firstFailing: failing.index };
  if (patches.every((p) => p.status === 'already-applied')) return { verdict: 'already-applied', firstFailing: null };
  const worst = Math.max(...patches.map((p) => RANK[p.status] ?? 0));
  const verdict: Verdict = (['clean', 'applies-with-offsets', 'applies-with-3way', 'applies-with-fuzz'] as const)[worst]!;
  return { verdict, firstFailing: null };
}

/** Patch status from the statuses of hunks that all applied directly (clean / offset / fuzz). */
export function appliedPatchStatus(hunks: HunkResult[]): PatchStatus {
  if (hunks.some((h) => h.status === 'fuzz')) return 'fuzz';
  if (hunks.some((h) => h.status === 'offset')) return 'offset';
  return 'clean';
}

/**
 * Indices of earlier failed patches that share a file with this one: a failing
 * patch that depends on them is reported as depends-on-failed.
 */
export function failedDependencies(files: string[], earlier: { index: number; files: string[]; failed: boolean }[]): number[] {
  const mine = new Set(files);
  return earlier.filter((e) => e.failed && e.files.some((f) => mine.has(f))).map((e) => e.index);
}

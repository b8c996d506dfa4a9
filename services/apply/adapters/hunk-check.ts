// Hunk-by-hunk check of a patch that did not apply as a whole: each hunk is
// split into its own patch and applied (with fuzz as a fallback) to a trial
// copy of the scratch index, in order, so later hunks see the earlier ones.
// A hunk that fails is checked in reverse (already applied?) and otherwise
// compared with the file's blob at the expected place (core/mismatch.ts).
// Writes only to the trial index in the scratch area.
import { contextSize, displayPath, singleHunkPatch, type FileDiff, type Hunk, type ParsedDiff } from '../core/diff.js';
import { parseApplyOutput, type ApplyReport, type HunkPlacement } from '../core/gitoutput.js';
import { describeMismatch, hunkDelta } from '../core/mismatch.js';
import type { HunkResult } from '../core/outcomes.js';
import type { GitResult } from './git.js';
import { copyIndex, scratchFile, scratchGit, writeScratch, type Scratch } from './scratch.js';

export interface ApplyAttempt {
  res: GitResult;
  report: ApplyReport;
}

/** `git apply --cached -v` of a patch file against an index file in the scratch area. */
export async function gitApply(s: Scratch, file: string, index: string, extra: string[] = []): Promise<ApplyAttempt> {
  const res = await scratchGit(s, ['apply', '--cached', '-v', '--whitespace=nowarn', ...extra, '--', file], { index });
  return { res, report: parseApplyOutput(res.stderr) };
}

/** Does the failure say fuzz could not help (missing file, corrupt patch, binary …)? */
function hopeless(r: ApplyReport): boolean {
  return r.missing.length > 0 || r.exists.length > 0 || r.corrupt !== null || r.binary.length > 0 || r.beyondSymlink.length > 0;
}

/** Apply exactly, else (when allowed) with context reduced down to one line. */
export async function applyWithFuzz(s: Scratch, file: string, index: string, fuzz = true): Promise<ApplyAttempt & { fuzzed: boolean }> {
  const plain = await gitApply(s, file, index);
  if (!fuzz || plain.res.ok || plain.res.kind !== 'exit' || hopeless(plain.report)) return { ...plain, fuzzed: false };
  const fuzzy = await gitApply(s, file, index, ['-C1']);
  return fuzzy.res.ok ? { ...fuzzy, fuzzed: true } : { ...plain, fuzzed: false };
}

/** Turn git's placement of a hunk into a HunkResult (offset relative to where the hunk belongs now). */
export function placedHunk(base: Omit<HunkResult, 'status'>, h: Hunk, placed: HunkPlacement | undefined, shift: number): HunkResult {
  const ctx = contextSize(h);
  let appliedAt = placed?.appliedAt ?? h.newStart;
  let fuzz = 0;
  if (placed?.reduced) {
    appliedAt -= ctx.leading - placed.reduced.leading;
    fuzz = Math.max(ctx.leading - placed.reduced.leading, ctx.trailing - placed.reduced.trailing);
  }
  const expected = h.oldStart + shift;
  const offset = h.oldLines === 0 ? (placed?.offset ?? 0) : appliedAt - expected;
  if (fuzz > 0) return { ...base, status: 'fuzz', appliedAt, offset, fuzz };
  return { ...base, status: offset === 0 ? 'clean' : 'offset', appliedAt, offset };
}

export interface HunkPass {
  hunks: HunkResult[];
  /** every hunk is in the trial index (applied, fuzzed or already there) */
  allApplied: boolean;
  trialIndex: string;
  /** git itself failed (time-out, missing binary …) */
  gitError: string | null;
  /** hunks may apply with reduced context */
  fuzz: boolean;
}

async function readIndexBlob(s: Scratch, index: string, path: string): Promise<string | null> {
  const r = await scratchGit(s, ['cat-file', 'blob', `:${path}`], { index });
  return r.ok ? r.stdout : null;
}

/** A file section that can be split into single hunks: an in-place change of a text file. */
function splittable(f: FileDiff): boolean {
  return f.binary === 'none' && f.hunks.length > 0 && f.oldPath !== null && f.oldPath === f.newPath && f.oldMode === f.newMode;
}

async function failedHunk(s: Scratch, pass: HunkPass, f: FileDiff, j: number, shift: number, attempt: ApplyAttempt): Promise<'stop' | 'applied' | 'failed'> {
  const h = f.hunks[j]!;
  const base = { file: displayPath(f), hunk: j + 1, header: h.header };
  if (attempt.report.missing.length > 0) {
    for (let k = j; k < f.hunks.length; k++) pass.hunks.push({ file: base.file, hunk: k + 1, header: f.hunks[k]!.header, status: 'file-missing' });
    return 'stop';
  }
  const file = writeScratch(s, 'hunk', singleHunkPatch(f, j));
  const rev = await gitApply(s, file, pass.trialIndex, ['-R', '--check']);
  if (rev.res.ok) {
    pass.hunks.push({ ...base, status: 'already-applied' });
    return 'applied';
  }
  const blob = await readIndexBlob(s, pass.trialIndex, f.oldPath!);
  const note = attempt.report.beyondSymlink.length ? `${base.file} is beyond a symbolic link` : undefined;
  pass.hunks.push({ ...base, status: 'conflict', ...(blob !== null ? { mismatch: describeMismatch(h, blob, shift) } : {}), ...(note ? { note } : {}) });
  return 'failed';
}

async function checkByHunk(s: Scratch, f: FileDiff, pass: HunkPass): Promise<void> {
  let shift = 0;
  for (let j = 0; j < f.hunks.length; j++) {
    const h = f.hunks[j]!;
    const file = writeScratch(s, 'hunk', singleHunkPatch(f, j));
    const a = await applyWithFuzz(s, file, pass.trialIndex, pass.fuzz);
    if (!a.res.ok && a.res.kind !== 'exit') {
      pass.gitError = a.res.reason;
      return;
    }
    if (a.res.ok) {
      const placed = [...(a.report.sections[0]?.values() ?? [])][0];
      pass.hunks.push(placedHunk({ file: displayPath(f), hunk: j + 1, header: h.header }, h, placed, shift));
      shift += hunkDelta(h);
      continue;
    }
    const outcome = await failedHunk(s, pass, f, j, shift, a);
    if (outcome === 'applied') shift += hunkDelta(h);
    else pass.allApplied = false;
    if (outcome === 'stop') return;
  }
}

/** Renames, mode changes, new, deleted and binary files: applied as one section. */
async function checkWhole(s: Scratch, f: FileDiff, pass: HunkPass): Promise<void> {
  const file = writeScratch(s, 'section', f.text);
  const a = await applyWithFuzz(s, file, pass.trialIndex, pass.fuzz);
  const name = displayPath(f);
  if (!a.res.ok && a.res.kind !== 'exit') {
    pass.gitError = a.res.reason;
    return;
  }
  if (a.res.ok) {
    const placements = a.report.sections[0];
    f.hunks.forEach((h, j) => pass.hunks.push(placedHunk({ file: name, hunk: j + 1, header: h.header }, h, placements?.get(j + 1), 0)));
    return;
  }
  const rev = await gitApply(s, file, pass.trialIndex, ['-R', '--check']);
  if (rev.res.ok) {
    f.hunks.forEach((h, j) => pass.hunks.push({ file: name, hunk: j + 1, header: h.header, status: 'already-applied' }));
    return;
  }
  pass.allApplied = false;
  const r = a.report;
  const status = r.missing.length ? 'file-missing' : r.exists.length ? 'file-exists' : f.binary !== 'none' || r.binary.length ? 'binary' : 'conflict';
  const note = r.beyondSymlink.length ? `${r.beyondSymlink[0]} is beyond a symbolic link` : (r.corrupt ?? r.other[0]);
  // a deletion, rename or mode change whose text does not match: compare each hunk with the file
  const blob = status === 'conflict' && f.oldPath && f.hunks.length ? await readIndexBlob(s, pass.trialIndex, f.oldPath) : null;
  let shift = 0;
  const headers = f.hunks.length ? f.hunks.map((h) => h.header) : [f.header[0] ?? name];
  headers.forEach((header, j) => {
    const h = f.hunks[j];
    const mismatch = blob !== null && h ? describeMismatch(h, blob, shift) : undefined;
    if (h) shift += hunkDelta(h);
    pass.hunks.push({ file: name, hunk: j + 1, header, status, ...(mismatch ? { mismatch } : {}), ...(note ? { note } : {}) });
  });
}

/** Check every hunk of a patch against a copy of `fromIndex`. */
export async function checkHunks(s: Scratch, parsed: ParsedDiff, fromIndex: string, fuzz = true): Promise<HunkPass> {
  const pass: HunkPass = { hunks: [], allApplied: true, trialIndex: scratchFile(s, 'trial-index'), gitError: null, fuzz };
  copyIndex(fromIndex, pass.trialIndex);
  for (const f of parsed.files) {
    if (splittable(f)) await checkByHunk(s, f, pass);
    else await checkWhole(s, f, pass);
    if (pass.gitError) break;
  }
  return pass;
}

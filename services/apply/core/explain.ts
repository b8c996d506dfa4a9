// One-sentence reasons for patch results, written for a maintainer reading
// the CLI or the web page: which hunk of which file, where, and by how much.
// Pure: builds text from HunkResult/PatchResult values.
import type { HunkResult, PatchStatus } from './outcomes.js';

function hunkName(h: HunkResult): string {
  return `hunk ${h.hunk} of ${h.file} (${h.header.replace(/^(@@ [^@]* @@).*$/, '$1')})`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** Describe a failed hunk: where it expected its pre-image and how much differs. */
export function hunkFailure(h: HunkResult): string {
  if (h.status === 'file-missing') return `${h.file} does not exist in the tree`;
  if (h.status === 'file-exists') return `${h.file} already exists in the tree`;
  if (h.status === 'binary') return `binary change to ${h.file} cannot be applied`;
  const m = h.mismatch;
  if (!m) return `${hunkName(h)} does not apply${h.note ? `: ${h.note}` : ''}`;
  const where = `${hunkName(h)} does not match at line ${m.expectedAt}: ${m.differingCount} of ${m.preimageLines} lines differ`;
  return m.closest ? `${where} (closest match at line ${m.closest.line}, ${m.closest.matching} lines)` : where;
}

export function patchReason(status: PatchStatus, hunks: HunkResult[], extra: { dependsOn?: number[]; detail?: string } = {}): string {
  const failed = hunks.filter((h) => ['conflict', 'file-missing', 'file-exists', 'binary'].includes(h.status));
  const first = failed[0];
  switch (status) {
    case 'clean':
      return 'applies cleanly';
    case 'offset': {
      const moved = hunks.filter((h) => h.status === 'offset').map((h) => `${h.file} hunk ${h.hunk} ${signed(h.offset ?? 0)}`);
      return `applies; ${moved.length} hunk(s) moved: ${moved.join(', ')}`;
    }
    case 'fuzz': {
      const fz = hunks.filter((h) => h.status === 'fuzz').map((h) => `${h.file} hunk ${h.hunk} fuzz ${h.fuzz ?? '?'}`);
      return `applies only with reduced context: ${fz.join(', ')}`;
    }
    case 'three-way':
      return `does not apply directly${first ? ` (${hunkFailure(first)})` : ''}; a 3-way merge against the pre-image blobs is clean`;
    case 'already-applied':
      return 'already in the tree (the reverse applies)';
    case 'depends-on-failed':
      return `does not apply and touches files of failed patch ${(extra.dependsOn ?? []).join(', ')}${first ? `: ${hunkFailure(first)}` : ''}`;
    case 'conflict':
    case 'file-missing':
    case 'binary': {
      const more = failed.length > 1 ? ` (and ${failed.length - 1} more hunk(s))` : '';
      return first ? `${hunkFailure(first)}${more}` : (extra.detail ?? 'does not apply');
    }
    default:
      return extra.detail ?? status;
  }
}

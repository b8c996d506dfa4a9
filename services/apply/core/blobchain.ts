// Blob-chain integrity of a series: where two patches touch the same file, the
// post-image blob of the earlier ("index abc..DEF") must be the pre-image blob of
// the later ("index DEF..123"). A break means a patch was edited, reordered or
// regenerated after the series was made. Uses only the patches' own index
// lines, never the tree, so it holds even when the tree's blobs differ. Pure.
import type { FileDiff } from './diff.js';
import type { BlobChainBreak } from './outcomes.js';

export interface ChainInput {
  index: number;
  files: FileDiff[];
}

/** Two abbreviated object ids name the same object when one is a prefix of the other. */
export function sameBlob(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return n >= 4 && a.slice(0, n).toLowerCase() === b.slice(0, n).toLowerCase();
}

export function isNullBlob(b: string | null): boolean {
  return b === null || /^0+$/.test(b);
}

/** Breaks of the blob chain, in series order. Patches without index lines are not judged. */
export function blobChainBreaks(patches: ChainInput[]): BlobChainBreak[] {
  const last = new Map<string, { index: number; blob: string | null }>();
  const breaks: BlobChainBreak[] = [];
  for (const p of patches) {
    for (const f of p.files) {
      const prev = f.oldPath ? last.get(f.oldPath) : undefined;
      if (prev && prev.index !== p.index && prev.blob && f.oldBlob && !isNullBlob(prev.blob) && !isNullBlob(f.oldBlob)) {
        if (!sameBlob(prev.blob, f.oldBlob)) {
          breaks.push({ file: f.oldPath!, earlier: prev.index, later: p.index, earlierPost: prev.blob, laterPre: f.oldBlob });
        }
      }
      if (f.oldPath && f.oldPath !== f.newPath) last.delete(f.oldPath);
      if (f.newPath) last.set(f.newPath, { index: p.index, blob: f.newBlob });
    }
  }
  return breaks;
}

/**
 * The pre-image blobs a base must carry: for each path, the blob named by the
 * first patch of the series that touches it (later patches start from the
 * series' own post-images). New files and sections without index lines add nothing.
 */
export function baseRequirements(patches: ChainInput[]): { path: string; blob: string }[] {
  const seen = new Set<string>();
  const out: { path: string; blob: string }[] = [];
  for (const p of patches) {
    for (const f of p.files) {
      if (f.oldPath && !seen.has(f.oldPath) && f.oldBlob && !isNullBlob(f.oldBlob)) {
        out.push({ path: f.oldPath, blob: f.oldBlob });
      }
      if (f.oldPath) seen.add(f.oldPath);
      if (f.newPath) seen.add(f.newPath);
    }
  }
  return out;
}

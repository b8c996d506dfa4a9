// "Addressed in vN": decides which comments of one series version a later
// version has dealt with. A line-anchored comment is addressed when the
// quoted lines no longer appear in the matching patch of the later version;
// a comment on a commit message when that text changed; any comment when
// its patch was dropped; a rule-engine concern when the later version's
// analysis no longer reports its fingerprint. Cover-letter comments and
// comments that quote nothing are never addressed automatically. Pure.
import { normDiffLine, parseDiff } from './anchor.js';
import { coverage, indexText } from './text-match.js';
import type { Anchor, Evidence, PatchDoc } from './types.js';

export interface LedgerItem {
  fingerprint: string;
  parentFingerprint: string | null;
  concernFingerprint: string | null;
  patchIndex: number | null;
  onCover: boolean;
  anchor: Anchor | null;
  quoted: string;
}

export interface LaterVersion {
  version: number;
  patches: PatchDoc[];
  /** fingerprints the later version's latest analysis reports; null when it was not analyzed */
  concernFingerprints: Set<string> | null;
}

/** commit-message quotes that match less than this are "changed" */
const SAME_TEXT = 0.9;

const normTitle = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();

/** Evidence per fingerprint of every comment the later version addressed. */
export function findAddressed(items: LedgerItem[], patches: PatchDoc[], later: LaterVersion): Map<string, Evidence> {
  const byFp = new Map(items.map((i) => [i.fingerprint, i]));
  const out = new Map<string, Evidence>();
  for (const item of items) {
    const root = rootOf(item, byFp);
    const note = check(root, patches, later);
    if (note) out.set(item.fingerprint, { note: `v${later.version}: ${note}` });
  }
  return out;
}

function rootOf(item: LedgerItem, byFp: Map<string, LedgerItem>): LedgerItem {
  let cur = item;
  for (let hops = 0; cur.parentFingerprint && hops < 256; hops++) {
    const p = byFp.get(cur.parentFingerprint);
    if (!p) break;
    cur = p;
  }
  return cur;
}

function check(item: LedgerItem, patches: PatchDoc[], later: LaterVersion): string | null {
  if (item.concernFingerprint) {
    if (!later.concernFingerprints) return null;
    return later.concernFingerprints.has(item.concernFingerprint) ? null : `the analysis no longer reports ${item.concernFingerprint}`;
  }
  if (item.onCover || item.patchIndex === null) return null;
  const before = patches.find((p) => p.index === item.patchIndex);
  if (!before) return null;
  const after = later.patches.find((p) => normTitle(p.title) === normTitle(before.title));
  if (!after) return `patch "${before.title}" was dropped`;
  if (item.anchor && item.quoted) {
    const next = parseDiff(after.diff).lines.filter((l) => l.file === item.anchor?.file);
    const have = new Set(next.map((l) => l.norm));
    const wanted = item.quoted.split('\n').filter((l) => l.slice(1).trim() !== '');
    const gone = wanted.filter((l) => !have.has(normDiffLine(l[0] ?? ' ', l.slice(1))));
    return gone.length ? `${item.anchor.file}:${item.anchor.lines[0]}-${item.anchor.lines[1]} changed (${gone.length} of ${wanted.length} quoted lines gone)` : null;
  }
  if (!item.anchor && item.quoted && coverage(item.quoted, indexText(before.commitMessage)) >= SAME_TEXT) {
    return coverage(item.quoted, indexText(after.commitMessage)) < SAME_TEXT ? 'the quoted commit message text changed' : null;
  }
  return null;
}

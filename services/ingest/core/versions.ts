// Re-rolls: which older series a newer version replaces (vN+1 → vN). The
// evidence, strongest first: a manual link, the new cover/first patch sent
// In-Reply-To the older version, an explicit `Supersedes:` or "Link to v1:"
// reference, a shared b4 change-id, and finally the same title from the same
// submitter. Titles may change across versions (lore: the cxl mbox-event-debug
// v1 → v2 pair), which is why the id-based evidence comes first. Pure: the
// store feeds it candidates and writes the links.
import { normaliseTitle } from './subject.js';

export type LinkMethod = 'manual' | 'in-reply-to' | 'supersedes' | 'change-id' | 'subject';

export interface VersionCandidate {
  id: number;
  version: number;
  title: string;
  /** person id (or address) of the submitter; null when unknown */
  submitter: string | null;
  date: Date | null;
  changeId: string | null;
  /** Message-IDs of the cover and the patches */
  messageIds: string[];
  /** what the cover/first patch was sent In-Reply-To (declared, may be outside the set) */
  replyTo: string | null;
  /** Supersedes:, "Link to vN:" references (and the In-Reply-To) */
  supersedes: string[];
  /** a manual decision that stands: previous id, or null for "no previous" */
  manual?: { previous: number | null };
}

export interface VersionLink {
  previous: number | null;
  method: LinkMethod | null;
}

const B4_MSGID = /^(\d{8}-[A-Za-z0-9._-]+?)-v\d+-\d+-[0-9a-f]+@/;

/** A change-id comparable across versions: b4's trailing hash removed. */
export function normaliseChangeId(changeId: string): string {
  return changeId.trim().replace(/-[0-9a-f]{12}$/, '').toLowerCase();
}

/** The change-id a b4 Message-ID carries (20230731-slug-v2-1-abcdef@host → 20230731-slug). */
export function changeIdFromMessageId(messageId: string): string | null {
  const m = B4_MSGID.exec(messageId);
  return m ? (m[1] ?? '').toLowerCase() : null;
}

function isOlder(p: VersionCandidate, s: VersionCandidate): boolean {
  if (p.id === s.id || p.version >= s.version) return false;
  if (p.date && s.date && p.date.getTime() > s.date.getTime()) return false;
  return true;
}

/** Highest version first, then the latest posting, then the highest id. */
function better(a: VersionCandidate, b: VersionCandidate): VersionCandidate {
  if (a.version !== b.version) return a.version > b.version ? a : b;
  const ta = a.date?.getTime() ?? 0;
  const tb = b.date?.getTime() ?? 0;
  if (ta !== tb) return ta > tb ? a : b;
  return a.id > b.id ? a : b;
}

type Test = (p: VersionCandidate, s: VersionCandidate) => boolean;

const TESTS: [LinkMethod, Test][] = [
  ['in-reply-to', (p, s) => s.replyTo !== null && p.messageIds.includes(s.replyTo)],
  ['supersedes', (p, s) => s.supersedes.some((id) => p.messageIds.includes(id))],
  [
    'change-id',
    (p, s) => p.changeId !== null && s.changeId !== null && normaliseChangeId(p.changeId) === normaliseChangeId(s.changeId) && (p.submitter === s.submitter || p.changeId === s.changeId),
  ],
  ['subject', (p, s) => p.submitter !== null && p.submitter === s.submitter && normaliseTitle(p.title) === normaliseTitle(s.title)],
];

/** The previous version of one series among the candidates. */
export function findPrevious(s: VersionCandidate, candidates: VersionCandidate[]): VersionLink {
  if (s.manual) return { previous: s.manual.previous, method: 'manual' };
  for (const [method, test] of TESTS) {
    let best: VersionCandidate | null = null;
    for (const p of candidates) if (isOlder(p, s) && test(p, s)) best = best ? better(best, p) : p;
    if (best) return { previous: best.id, method };
  }
  return { previous: null, method: null };
}

/** Previous-version links for every candidate, by id. */
export function linkVersions(candidates: VersionCandidate[]): Map<number, VersionLink> {
  const out = new Map<number, VersionLink>();
  for (const s of candidates) out.set(s.id, findPrevious(s, candidates));
  return out;
}

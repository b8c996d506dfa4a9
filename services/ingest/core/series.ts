// Series assembly: from a set of mails (one thread, or a few threads the store
// groups together) to the series postings they contain and what every other
// mail replies to. Follows what maintainers expect (and b4/patchwork do):
// - a posting is one sender's n/N mails of one version and total, with or
//   without a 0/N cover; parts are joined when threaded to the cover or
//   chained to each other, and unthreaded parts by sender+version+total+time;
// - missing and extra parts are reported, the same mail posted twice is a
//   duplicate, a new version sent inside the old thread is its own posting;
// - replies (even ones carrying a diff) are never parts.
// Pure: no I/O; version linking and trailers live in versions.ts/trailers.ts.
import { isPatchSubject, parseSubject } from './subject.js';
import { ancestors, buildThreadTree, declaredParent, parentMap } from './threading.js';
import { baseCommitIn, changeIdIn, dependsOnIn, supersedesIn } from './series-meta.js';
import { changeIdFromMessageId } from './versions.js';
import type { MailItem, ReplyDraft, SeriesDraft, SubjectInfo } from './types.js';

export type Role = 'cover' | 'patch' | 'other';

export interface Classified {
  item: MailItem;
  subj: SubjectInfo;
  role: Role;
  /** index within the posting: 0 for a cover, 1 for a patch without counter */
  index: number;
  total: number;
  /** sender + version + total: parts of one posting share it */
  postingKey: string;
}

export interface Assembly {
  series: SeriesDraft[];
  replies: ReplyDraft[];
  /** Message-IDs ignored because the same part was already posted */
  duplicates: string[];
}

export interface AssemblyOptions {
  /** unthreaded parts further apart than this are not one posting (default 1 hour) */
  unthreadedWindowMs?: number;
}

/** Role of a mail from its subject and whether it carries a diff. */
export function classify(item: MailItem): Classified {
  const subj = parseSubject(item.subject);
  let role: Role = 'other';
  if (isPatchSubject(subj)) {
    if (subj.index === 0 && (subj.total ?? 0) >= 1) role = 'cover';
    else if (subj.index !== null && subj.index >= 1) role = 'patch';
    else if (subj.index === null && item.diff !== null) role = 'patch';
  }
  const index = role === 'cover' ? 0 : (subj.index ?? 1);
  const total = subj.total ?? 1;
  const postingKey = `${item.from.email.toLowerCase()}|${subj.versionText ?? 'v1'}|${total}|${subj.index === null ? item.messageId : 'n'}`;
  return { item, subj, role, index, total, postingKey };
}

class UnionFind {
  private readonly up = new Map<string, string>();
  find(x: string): string {
    let r = x;
    while (this.up.has(r) && this.up.get(r) !== r) r = this.up.get(r) ?? r;
    let c = x;
    while (c !== r) {
      const n = this.up.get(c) ?? r;
      this.up.set(c, r);
      c = n;
    }
    return r;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.up.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

function time(c: Classified): number {
  return c.item.date ? c.item.date.getTime() : 0;
}

/** Join parts threaded to their cover or chained to each other. */
function joinThreaded(parts: Classified[], parents: Map<string, string | null>, byId: Map<string, Classified>, uf: UnionFind): void {
  for (const p of parts) {
    if (p.subj.index === null) continue; // a patch without counter is a posting of its own
    for (const a of ancestors(p.item.messageId, parents)) {
      const anc = byId.get(a);
      if (!anc || anc.role === 'other') continue;
      if (anc.postingKey === p.postingKey) uf.union(p.item.messageId, a);
      break; // the nearest part above decides: another version starts a new posting
    }
  }
}

/** Join unthreaded parts (no In-Reply-To/References) by sender, version, total and time. */
function joinUnthreaded(parts: Classified[], uf: UnionFind, windowMs: number): void {
  const loose = parts.filter((p) => p.subj.index !== null && p.total > 1 && declaredParent(p.item) === null);
  const byKey = new Map<string, Classified[]>();
  for (const p of parts) {
    if (p.subj.index === null || p.total <= 1) continue;
    const list = byKey.get(p.postingKey) ?? [];
    list.push(p);
    byKey.set(p.postingKey, list);
  }
  for (const p of loose) {
    let best: Classified | null = null;
    for (const q of byKey.get(p.postingKey) ?? []) {
      if (q === p || Math.abs(time(q) - time(p)) > windowMs) continue;
      if (!best || Math.abs(time(q) - time(p)) < Math.abs(time(best) - time(p))) best = q;
    }
    if (best) uf.union(p.item.messageId, best.item.messageId);
  }
}

/** What makes two mails the same posting of one part (a resend of identical mail). */
function signature(c: Classified): string {
  const content = c.item.diff ?? c.item.body.replace(/\s+/g, ' ').trim();
  return `${c.item.from.email.toLowerCase()}|${c.subj.versionText ?? 'v1'}|${c.total}|${c.index}|${c.subj.title}\u0000${content}`;
}

/** The same part posted twice (git send-email run twice) joins the first posting, as a duplicate. */
function joinResent(parts: Classified[], uf: UnionFind): void {
  const first = new Map<string, string>();
  for (const p of [...parts].sort(byDateThenId)) {
    const sig = signature(p);
    const prev = first.get(sig);
    if (prev) uf.union(prev, p.item.messageId);
    else first.set(sig, p.item.messageId);
  }
}

function byDateThenId(a: Classified, b: Classified): number {
  return time(a) - time(b) || a.item.messageId.localeCompare(b.item.messageId);
}

interface Posting {
  cover: Classified | null;
  parts: Classified[];
  extra: Classified[];
}

/** Sort one component into cover, one mail per index, extras; record duplicates. */
function sortPosting(members: Classified[], duplicates: string[]): Posting {
  const sorted = [...members].sort(byDateThenId);
  const seen = new Map<string, Classified>();
  const byIndex = new Map<number, Classified>();
  let cover: Classified | null = null;
  const extra: Classified[] = [];
  for (const c of sorted) {
    const sig = signature(c);
    if (seen.has(sig)) {
      duplicates.push(c.item.messageId);
      continue;
    }
    seen.set(sig, c);
    if (c.role === 'cover') {
      if (cover) extra.push(c);
      else cover = c;
    } else if (c.index > c.total || byIndex.has(c.index)) extra.push(c);
    else byIndex.set(c.index, c);
  }
  const parts = [...byIndex.values()].sort((a, b) => a.index - b.index);
  return { cover, parts, extra };
}

function draftOf(p: Posting): SeriesDraft | null {
  const head = p.cover ?? p.parts[0];
  if (!head) return null;
  const total = head.total;
  const have = new Set(p.parts.map((c) => c.index));
  const missing: number[] = [];
  for (let i = 1; i <= total; i++) if (!have.has(i)) missing.push(i);
  const mails = [...(p.cover ? [p.cover] : []), ...p.parts];
  const firstOf = <T>(f: (c: Classified) => T | null): T | null => {
    for (const c of mails) {
      const v = f(c);
      if (v !== null) return v;
    }
    return null;
  };
  const dates = mails.map((c) => c.item.date).filter((d): d is Date => d !== null);
  const parent = declaredParent(head.item);
  const ownIds = new Set(mails.map((c) => c.item.messageId));
  const supersedes = supersedesIn(head.item.body);
  if (parent && !ownIds.has(parent) && !supersedes.includes(parent)) supersedes.push(parent);
  return {
    key: head.item.messageId,
    title: head.subj.title,
    version: head.subj.version,
    rfc: mails.some((c) => c.subj.rfc),
    prefixes: head.subj.prefixes,
    total,
    coverMessageId: p.cover?.item.messageId ?? null,
    patches: p.parts.map((c) => ({ index: c.index, messageId: c.item.messageId })),
    missing,
    extra: p.extra.map((c) => c.item.messageId),
    complete: missing.length === 0,
    submitter: head.item.from,
    date: dates.length ? new Date(Math.min(...dates.map((d) => d.getTime()))) : null,
    baseCommit: firstOf((c) => baseCommitIn(c.item.body)),
    changeId: firstOf((c) => changeIdIn(c.item.body)) ?? changeIdFromMessageId(head.item.messageId),
    dependsOnRefs: [...new Set(mails.flatMap((c) => dependsOnIn(c.item.body)))],
    supersedes,
  };
}

/** Assemble the series postings in a set of mails and attach every other mail as a reply. */
export function assembleSeries(items: MailItem[], opts: AssemblyOptions = {}): Assembly {
  const classified = items.map(classify);
  const byId = new Map(classified.map((c) => [c.item.messageId, c]));
  const parents = parentMap(buildThreadTree(items));
  const parts = classified.filter((c) => c.role !== 'other');
  const uf = new UnionFind();
  joinThreaded(parts, parents, byId, uf);
  joinUnthreaded(parts, uf, opts.unthreadedWindowMs ?? 3_600_000);
  joinResent(parts, uf);
  const components = new Map<string, Classified[]>();
  for (const p of parts) {
    const root = uf.find(p.item.messageId);
    components.set(root, [...(components.get(root) ?? []), p]);
  }
  const duplicates: string[] = [];
  const series: SeriesDraft[] = [];
  const memberOf = new Map<string, Member>();
  for (const members of components.values()) {
    const posting = sortPosting(members, duplicates);
    const draft = draftOf(posting);
    if (!draft) continue;
    series.push(draft);
    if (posting.cover) memberOf.set(posting.cover.item.messageId, { key: draft.key, index: 0, cover: true });
    for (const c of [...posting.parts, ...posting.extra]) memberOf.set(c.item.messageId, { key: draft.key, index: c.index, cover: c.role === 'cover' });
  }
  series.sort((a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0) || a.key.localeCompare(b.key));
  const dupSet = new Set(duplicates);
  const nearest = nearestMember(parents, memberOf);
  const replies: ReplyDraft[] = [];
  for (const c of classified) {
    const id = c.item.messageId;
    if (memberOf.has(id) || dupSet.has(id)) continue;
    const m = nearest(id);
    const parentMessageId = parents.get(id) ?? declaredParent(c.item);
    replies.push(m ? { messageId: id, parentMessageId, seriesKey: m.key, patchIndex: m.cover ? null : m.index, onCover: m.cover } : { messageId: id, parentMessageId, seriesKey: null, patchIndex: null, onCover: false });
  }
  return { series, replies, duplicates };
}

type Member = { key: string; index: number; cover: boolean };

/** The nearest ancestor that is a series part, memoised so a long chain is walked once. */
function nearestMember(parents: Map<string, string | null>, memberOf: Map<string, Member>): (id: string) => Member | null {
  const memo = new Map<string, Member | null>();
  return (id) => {
    const path: string[] = [];
    const seen = new Set<string>([id]);
    let cur = parents.get(id) ?? null;
    let found: Member | null = null;
    while (cur !== null && !seen.has(cur)) {
      if (memo.has(cur)) {
        found = memo.get(cur) ?? null;
        break;
      }
      const m = memberOf.get(cur);
      if (m) {
        found = m;
        break;
      }
      path.push(cur);
      seen.add(cur);
      cur = parents.get(cur) ?? null;
    }
    for (const p of path) memo.set(p, found);
    return found;
  };
}

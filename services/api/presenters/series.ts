// Presenters of the series resource: rows from services/series-detail.ts and
// services/queue.ts in, the schema types of schemas/series.ts out, one typed
// function per entity with an explicit field list. Json columns written by
// other stages (hunks, apply detail, traces, evidence) are read defensively
// here, so a malformed value degrades to an empty list, never to a 500.
import type { PersonRef } from '../schemas/common.js';
import type * as S from '../schemas/series.js';
import type { QueueRow } from '../services/queue.js';
import type { ApplyRow, CommentRow, ConcernRow, PatchRow, SeriesDetailRows, SeriesRow } from '../services/series-detail.js';
import { presentTrace } from './trace.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown, d = '') => (typeof v === 'string' ? v : d);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null);

type PersonWithAddress = { id: number; name: string; addresses: { email: string }[] } | null;

export function presentPerson(p: PersonWithAddress): PersonRef | null {
  return p ? { id: p.id, name: p.name, email: p.addresses[0]?.email ?? '' } : null;
}

export function presentQueueItem(r: QueueRow): S.QueueItem {
  return {
    id: r.id,
    title: r.title,
    version: r.version,
    rfc: r.rfc,
    state: r.state,
    list: r.list,
    received: r.received,
    total: r.total,
    complete: r.complete,
    date: r.date,
    previousId: r.previousId,
    author: r.author,
    delegate: r.delegate,
    trailers: r.trailers,
    apply: r.apply,
    concerns: r.concerns,
    versions: r.versions,
  };
}

export function presentTrailer(t: { kind: string; name: string; email: string; inPatch: boolean; mismatch: boolean }): S.Trailer {
  return { kind: t.kind, name: t.name, email: t.email, inPatch: t.inPatch, mismatch: t.mismatch };
}

function presentHunks(hunks: unknown) {
  return arr(hunks).map((h) => {
    const o = obj(h);
    return {
      file: str(o.file ?? o.newFile),
      header: str(o.header),
      oldStart: int(o.oldStart) ?? 0,
      oldLines: int(o.oldLines) ?? 0,
      newStart: int(o.newStart) ?? 0,
      newLines: int(o.newLines) ?? 0,
    };
  });
}

export function presentHunkApply(h: unknown): S.HunkApply {
  const o = obj(h);
  const m = o.mismatch ? obj(o.mismatch) : null;
  return {
    file: str(o.file),
    hunk: int(o.hunk) ?? 0,
    header: str(o.header),
    status: str(o.status, 'unknown'),
    appliedAt: int(o.appliedAt),
    offset: int(o.offset),
    mismatch: m
      ? { expectedAt: int(m.expectedAt) ?? 0, differingCount: int(m.differingCount) ?? 0, treeHas: arr(m.treeHas).map((x) => str(x)) }
      : null,
  };
}

function presentPatchApply(apply: ApplyRow | null, patchId: number) {
  const r = apply?.results.find((x) => x.patchId === patchId);
  if (!r) return null;
  const d = obj(r.detail);
  return { status: r.status, reason: str(d.reason), hunks: arr(d.hunks).map(presentHunkApply) };
}

export function presentPatch(p: PatchRow, apply: ApplyRow | null): S.Patch {
  return {
    id: p.id,
    seriesId: p.seriesId,
    index: p.index,
    subject: p.subject,
    messageId: p.message.messageId,
    author: { name: p.author?.name ?? p.message.fromName, email: p.author?.addresses[0]?.email ?? p.message.fromEmail },
    date: iso(p.message.date),
    commitMessage: p.commitMessage,
    diff: p.diff,
    files: p.files,
    hunks: presentHunks(p.hunks),
    additions: p.additions,
    deletions: p.deletions,
    state: p.state,
    trailers: p.trailers.map(presentTrailer),
    apply: presentPatchApply(apply, p.id),
  };
}

export function presentConcern(c: ConcernRow): S.Concern {
  return {
    id: c.id,
    patchId: c.patchId,
    rule: c.rule,
    severity: c.severity,
    file: c.file,
    startLine: c.startLine,
    endLine: c.endLine,
    hunkIndex: c.hunkIndex,
    summary: c.summary,
    explanation: c.explanation,
    origin: c.origin,
    fingerprint: c.fingerprint,
    status: c.comments.some((x) => x.status !== 'open') ? 'answered' : 'open',
    trace: presentTrace(c.trace),
  };
}

function presentEvidence(e: unknown) {
  const o = obj(e);
  const lines = Array.isArray(o.lines) ? o.lines.filter((x): x is number => typeof x === 'number') : null;
  return { messageId: typeof o.messageId === 'string' ? o.messageId : null, lines, note: typeof o.note === 'string' ? o.note : null };
}

function presentAnchor(a: unknown) {
  const o = obj(a);
  if (typeof o.file !== 'string') return null;
  return { file: o.file, lines: arr(o.lines).filter((x): x is number => typeof x === 'number') };
}

export function presentComment(c: CommentRow): S.LedgerComment {
  return {
    id: c.id,
    patchId: c.patchId,
    onCover: c.onCover,
    concernId: c.concernId,
    author: { name: c.authorName, email: c.authorEmail },
    messageId: c.message?.messageId ?? null,
    date: iso(c.message?.date ?? c.createdAt),
    anchor: presentAnchor(c.anchor),
    quoted: c.quoted,
    text: c.text,
    status: c.status,
    answers: c.answers.map((a) => ({
      messageId: a.message.messageId,
      fromName: a.message.fromName,
      date: iso(a.message.date),
      byAuthor: a.byAuthor,
      byCommenter: a.byCommenter,
    })),
    events: c.events.map((e) => ({
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actor: e.actor,
      evidence: presentEvidence(e.evidence),
      createdAt: e.createdAt.toISOString(),
    })),
  };
}

function presentApply(a: ApplyRow | null) {
  if (!a) return null;
  return {
    id: a.id,
    verdict: a.verdict,
    firstFailing: a.firstFailing,
    tree: a.tree?.name ?? null,
    treeHead: a.treeHead,
    baseCommit: a.baseCommit,
    baseMethod: a.baseMethod,
    baseNote: a.baseNote,
    error: a.error,
    createdAt: a.createdAt.toISOString(),
  };
}

function presentCover(m: SeriesRow['cover']) {
  if (!m) return null;
  return { messageRowId: m.id, messageId: m.messageId, subject: m.subject, body: m.body, fromName: m.fromName, fromEmail: m.fromEmail, date: iso(m.date) };
}

export function presentSeriesState(s: { id: number; state: string; previousId: number | null; delegate: PersonWithAddress }): S.SeriesState {
  return { id: s.id, state: s.state, previousId: s.previousId, delegate: presentPerson(s.delegate) };
}

export function presentSeriesDetail(d: SeriesDetailRows): S.SeriesDetail {
  const s = d.series;
  return {
    id: s.id,
    title: s.title,
    version: s.version,
    rfc: s.rfc,
    state: s.state,
    list: s.list.listId,
    prefixes: s.prefixes,
    total: s.total,
    received: s.received,
    complete: s.complete,
    missing: s.missing,
    date: iso(s.date),
    baseCommit: s.baseCommit,
    changeId: s.changeId,
    previousId: s.previousId,
    previousLink: s.previousLink,
    author: presentPerson(s.submitter),
    delegate: presentPerson(s.delegate),
    cover: presentCover(s.cover),
    trailers: d.coverTrailers.map(presentTrailer),
    patches: d.patches.map((p) => presentPatch(p, d.apply)),
    apply: presentApply(d.apply),
    concerns: d.concerns.map(presentConcern),
    ledger: d.comments.map(presentComment),
    versions: d.versions.map((v) => ({ id: v.id, version: v.version, title: v.title, state: v.state, date: iso(v.date), previousLink: v.previousLink })),
  };
}

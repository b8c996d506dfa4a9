// The Prisma ledger store: persists what core/ledger.ts computes for a
// series version, idempotently. Comments are keyed by fingerprint; answers by
// (comment, message); status events are appended only when new and only when
// the transition table allows them from the stored status, so a person's
// manual decision is never overwritten by a re-sync (both stay in the
// history). Also marks comments addressed when a later version exists.
import type { Db, Prisma } from '../../db/adapters/client.js';
import { findAddressed, type LedgerItem } from '../core/addressed.js';
import { buildLedger } from '../core/ledger.js';
import { canTransition, isStatus } from '../core/status.js';
import type { CommentDraft, CommentStatus, Evidence, StatusEvent } from '../core/types.js';
import { loadSeries, type LoadedSeries } from './load.js';

type Tx = Prisma.TransactionClient;

export interface SyncSummary {
  seriesId: number;
  comments: number;
  created: number;
  events: number;
  answers: number;
  addressed: number;
}

export const SYNC_EVENT = 'review.sync';

/** What the ledger of a series depends on, in one string: when it changes, the ledger is stale. */
export async function ledgerSignature(tx: Tx | Db['prisma'], seriesId: number): Promise<string> {
  const [replies, run, next] = await Promise.all([
    tx.reply.count({ where: { seriesId } }),
    tx.analysisRun.findFirst({ where: { seriesId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } }),
    tx.series.findFirst({ where: { previousId: seriesId }, orderBy: { version: 'desc' }, select: { id: true, _count: { select: { analysisRuns: true } } } }),
  ]);
  return `replies=${replies} run=${run?.id ?? 0} next=${next?.id ?? 0}/${next?._count.analysisRuns ?? 0}`;
}

/** Sync only when the stored ledger is stale (no sync yet, or its inputs changed since). */
export async function ensureLedger(db: Db, seriesId: number): Promise<void> {
  const signature = await ledgerSignature(db.prisma, seriesId);
  if (/^replies=0 run=0 next=0/.test(signature)) return;
  const last = await db.prisma.event.findFirst({ where: { kind: SYNC_EVENT, subjectType: 'series', subjectId: seriesId }, orderBy: { id: 'desc' } });
  if ((last?.payload as { signature?: string } | null)?.signature === signature) return;
  await syncSeriesLedger(db, seriesId);
}

/** Build or update the ledger of one series version from its stored messages. */
export async function syncSeriesLedger(db: Db, seriesId: number): Promise<SyncSummary> {
  const loaded = await loadSeries(db, seriesId);
  const drafts = buildLedger(loaded.input, String(seriesId));
  const summary: SyncSummary = { seriesId, comments: drafts.length, created: 0, events: 0, answers: 0, addressed: 0 };
  try {
    await writeLedger(db, loaded, drafts, summary);
  } catch (err) {
    // a concurrent sync of the same series created the same fingerprints first: read them back once
    if ((err as { code?: string }).code !== 'P2002') throw err;
    Object.assign(summary, { created: 0, events: 0, answers: 0 });
    await writeLedger(db, loaded, drafts, summary);
  }
  const prev = await db.prisma.series.findUnique({ where: { id: seriesId }, select: { previousId: true } });
  const next = await db.prisma.series.findFirst({ where: { previousId: seriesId }, orderBy: { version: 'desc' }, select: { id: true } });
  if (prev?.previousId) summary.addressed += await markAddressed(db, prev.previousId, loaded);
  if (next) summary.addressed += await markAddressed(db, seriesId, await loadSeries(db, next.id));
  return summary;
}

async function writeLedger(db: Db, loaded: LoadedSeries, drafts: CommentDraft[], summary: SyncSummary): Promise<void> {
  const seriesId = loaded.seriesId;
  await db.prisma.$transaction(
    async (tx) => {
      const ids = new Map<string, number>();
      for (const d of drafts) await writeDraft(tx, loaded, d, ids, summary);
      const signature = await ledgerSignature(tx, seriesId);
      const last = await tx.event.findFirst({ where: { kind: SYNC_EVENT, subjectType: 'series', subjectId: seriesId }, orderBy: { id: 'desc' } });
      if (summary.created || summary.events || summary.answers || (last?.payload as { signature?: string } | null)?.signature !== signature) {
        await tx.event.create({ data: { kind: SYNC_EVENT, actor: 'patchlens', subjectType: 'series', subjectId: seriesId, payload: { ...summary, signature } } });
      }
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

async function writeDraft(tx: Tx, loaded: LoadedSeries, d: CommentDraft, ids: Map<string, number>, summary: SyncSummary): Promise<void> {
  const data = {
    seriesId: loaded.seriesId,
    patchId: d.patchIndex === null ? null : (loaded.patchRows.get(d.patchIndex) ?? null),
    onCover: d.onCover,
    messageRowId: d.messageId ? (loaded.messageRows.get(d.messageId) ?? null) : null,
    concernId: d.concernId,
    parentId: d.parentFingerprint ? (ids.get(d.parentFingerprint) ?? null) : null,
    authorName: d.author.name,
    authorEmail: d.author.email,
    anchor: (d.anchor ?? undefined) as Prisma.InputJsonValue | undefined,
    quoted: d.quoted,
    text: d.text,
    position: d.position,
  };
  let row = await tx.comment.findUnique({ where: { fingerprint: d.fingerprint }, include: { events: { orderBy: { id: 'asc' } } } });
  if (!row) {
    const first = d.events[0] as StatusEvent;
    row = await tx.comment.create({
      data: { ...data, fingerprint: d.fingerprint, status: 'open', events: { create: { fromStatus: null, toStatus: 'open', actor: first.actor, evidence: first.evidence as Prisma.InputJsonValue } } },
      include: { events: { orderBy: { id: 'asc' } } },
    });
    summary.created++;
  } else {
    await tx.comment.update({ where: { id: row.id }, data });
  }
  ids.set(d.fingerprint, row.id);
  for (const a of d.answers) {
    const messageRowId = loaded.messageRows.get(a.messageId);
    if (messageRowId === undefined) continue;
    const r = await tx.commentAnswer.createMany({ data: [{ commentId: row.id, messageRowId, byAuthor: a.byAuthor, byCommenter: a.byCommenter }], skipDuplicates: true });
    summary.answers += r.count;
  }
  let status = (isStatus(row.status) ? row.status : 'open') as CommentStatus;
  for (const e of d.events.slice(1)) {
    if (row.events.some((x) => sameEvent(x, e))) continue;
    if (status === e.to || !canTransition(status, e.to, 'auto')) continue;
    await appendEvent(tx, row.id, status, e.to, e.actor, e.evidence);
    status = e.to;
    summary.events++;
  }
}

function sameEvent(stored: { toStatus: string; actor: string; evidence: unknown }, e: StatusEvent): boolean {
  const ev = (stored.evidence ?? {}) as Evidence;
  return stored.toStatus === e.to && stored.actor === e.actor && (ev.messageId ?? ev.note) === (e.evidence.messageId ?? e.evidence.note);
}

async function appendEvent(tx: Tx, commentId: number, from: CommentStatus, to: CommentStatus, actor: string, evidence: Evidence): Promise<void> {
  await tx.commentEvent.create({ data: { commentId, fromStatus: from, toStatus: to, actor, evidence: evidence as Prisma.InputJsonValue } });
  await tx.comment.update({ where: { id: commentId }, data: { status: to } });
}

/** Mark the comments of `olderId` that the later version dealt with. */
async function markAddressed(db: Db, olderId: number, later: LoadedSeries): Promise<number> {
  const older = await loadSeries(db, olderId);
  const rows = await db.prisma.comment.findMany({ where: { seriesId: olderId }, include: { concern: true, parent: { select: { fingerprint: true } }, events: true } });
  const patchIndex = new Map([...older.patchRows].map(([i, id]) => [id, i]));
  const items: LedgerItem[] = rows.map((r) => ({
    fingerprint: r.fingerprint,
    parentFingerprint: r.parent?.fingerprint ?? null,
    concernFingerprint: r.concern?.fingerprint ?? (r.fingerprint.startsWith('concern:') ? r.fingerprint.split(':').slice(2).join(':') : null),
    patchIndex: r.patchId === null ? null : (patchIndex.get(r.patchId) ?? null),
    onCover: r.onCover,
    anchor: (r.anchor ?? null) as LedgerItem['anchor'],
    quoted: r.quoted,
  }));
  const analyzed = await db.prisma.analysisRun.count({ where: { seriesId: later.seriesId } });
  const laterConcerns = analyzed ? new Set(later.input.concerns.map((c) => c.fingerprint)) : null;
  const hits = findAddressed(items, older.input.patches, { version: later.version, patches: later.input.patches, concernFingerprints: laterConcerns });
  let n = 0;
  for (const r of rows) {
    const ev = hits.get(r.fingerprint);
    const status = (isStatus(r.status) ? r.status : 'open') as CommentStatus;
    if (!ev || !canTransition(status, 'addressed', 'auto')) continue;
    if (r.events.some((x) => x.toStatus === 'addressed' && x.actor === 'patchlens')) continue;
    await db.prisma.$transaction(async (tx) => appendEvent(tx, r.id, status, 'addressed', 'patchlens', { ...ev, note: `${ev.note} (series ${later.seriesId})` }));
    n++;
  }
  return n;
}

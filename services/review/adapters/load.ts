// Reads what the ledger of one series version is built from: the series,
// its cover and patches, every reply the ingester attached to it (plus
// thread replies it could not place), the latest analysis run's concerns and
// the Message-IDs of the replies patchlens rendered for them. Maps rows to
// the plain core types; writes nothing.
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import type { ConcernDoc, PatchDoc, Person, ThreadInput, ThreadMessage } from '../core/types.js';
import { reviewerIdentity } from './config.js';

/** Event kind written when a reply for a patch's concerns was rendered (and maybe sent). */
export const REPLY_EVENT = 'review.reply';

export interface LoadedSeries {
  seriesId: number;
  version: number;
  input: ThreadInput;
  /** Message-ID → Message row id */
  messageRows: Map<string, number>;
  /** patch index → Patch row id */
  patchRows: Map<number, number>;
}

type MessageRow = {
  id: number;
  messageId: string;
  fromName: string;
  fromEmail: string;
  date: Date | null;
  subject: string;
  body: string;
  inReplyTo: string[];
  references: string[];
  headers: unknown;
};

const person = (m: { fromName: string; fromEmail: string }): Person => ({ name: m.fromName, email: m.fromEmail.toLowerCase() });

/** Subject without Re:/Fwd: and bracketed prefixes: the title a patch keeps across versions. */
export function patchTitle(subject: string): string {
  let s = subject.trim();
  for (let i = 0; i < 8; i++) {
    const next = s.replace(/^(re|fwd?|aw)\s*:\s*/i, '').replace(/^\[[^\]]*\]\s*/, '');
    if (next === s) break;
    s = next;
  }
  return s;
}

function threadMessage(m: MessageRow, parent: string | null, patchIndex: number | null, onCover: boolean): ThreadMessage {
  return {
    messageId: m.messageId,
    from: person(m),
    date: m.date,
    subject: m.subject,
    body: m.body,
    parentMessageId: parent ?? m.inReplyTo[0] ?? m.references[m.references.length - 1] ?? null,
    // the ingester stores mailparser's text, where format=flowed is already undone
    flowed: false,
    patchIndex,
    onCover,
  };
}

export async function loadSeries(db: Db, seriesId: number): Promise<LoadedSeries> {
  const series = await db.prisma.series.findUnique({
    where: { id: seriesId },
    include: { patches: { include: { message: true }, orderBy: { index: 'asc' } }, cover: true, submitter: { include: { addresses: true } } },
  });
  if (!series) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id: seriesId });
  const messageRows = new Map<string, number>();
  const patchRows = new Map(series.patches.map((p) => [p.index, p.id]));
  const indexOf = new Map(series.patches.map((p) => [p.id, p.index]));
  const patches: PatchDoc[] = series.patches.map((p) => {
    messageRows.set(p.message.messageId, p.message.id);
    return { index: p.index, messageId: p.message.messageId, title: patchTitle(p.subject), commitMessage: p.commitMessage, diff: p.diff, author: person(p.message) };
  });
  if (series.cover) messageRows.set(series.cover.messageId, series.cover.id);
  const replies = await loadReplies(db, seriesId, series.threadId, indexOf, messageRows);
  const authors = new Set<string>([...(series.submitter?.addresses.map((a) => a.email.toLowerCase()) ?? []), ...patches.map((p) => p.author.email)]);
  if (series.cover) authors.add(series.cover.fromEmail.toLowerCase());
  const input: ThreadInput = {
    seriesAuthors: [...authors],
    cover: series.cover ? { messageId: series.cover.messageId, body: series.cover.body, author: person(series.cover) } : null,
    patches,
    replies,
    concerns: await loadConcerns(db, seriesId, indexOf),
    bot: { name: 'patchlens', email: reviewerIdentity().email },
  };
  return { seriesId, version: series.version, input, messageRows, patchRows };
}

async function loadReplies(db: Db, seriesId: number, threadId: number | null, indexOf: Map<number, number>, rows: Map<string, number>): Promise<ThreadMessage[]> {
  const replies = await db.prisma.reply.findMany({ where: { seriesId }, include: { message: true } });
  const out: ThreadMessage[] = [];
  for (const r of replies) {
    rows.set(r.message.messageId, r.message.id);
    out.push(threadMessage(r.message, r.parentMessageId, r.patchId === null ? null : (indexOf.get(r.patchId) ?? null), r.onCover));
  }
  if (threadId !== null) {
    // replies in the thread the ingester did not attach to any series
    const loose = await db.prisma.message.findMany({ where: { threadId, kind: 'reply', reply: { is: null } } });
    for (const m of loose) {
      if (rows.has(m.messageId)) continue;
      rows.set(m.messageId, m.id);
      out.push(threadMessage(m, null, null, false));
    }
  }
  return out;
}

async function loadConcerns(db: Db, seriesId: number, indexOf: Map<number, number>): Promise<ConcernDoc[]> {
  const run = await db.prisma.analysisRun.findFirst({ where: { seriesId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  if (!run) return [];
  const concerns = await db.prisma.concern.findMany({ where: { runId: run.id }, orderBy: { id: 'asc' } });
  const posted = await postedReplies(db, seriesId);
  const seen = new Set<string>();
  return concerns
    .filter((c) => !seen.has(c.fingerprint) && (seen.add(c.fingerprint), true))
    .map((c) => ({
      fingerprint: c.fingerprint,
      concernId: c.id,
      patchIndex: c.patchId === null ? null : (indexOf.get(c.patchId) ?? null),
      file: c.file,
      startLine: c.startLine,
      endLine: c.endLine,
      severity: c.severity,
      summary: c.summary,
      explanation: c.explanation,
      postedMessageId: posted.get(c.fingerprint) ?? null,
    }));
}

/** Concern fingerprint → Message-ID of the latest reply rendered for it in this series. */
export async function postedReplies(db: Db, seriesId: number): Promise<Map<string, string>> {
  const events = await db.prisma.event.findMany({ where: { kind: REPLY_EVENT, subjectType: 'series', subjectId: seriesId }, orderBy: { id: 'asc' } });
  const out = new Map<string, string>();
  for (const e of events) {
    const p = (e.payload ?? {}) as { messageId?: unknown; concernFingerprints?: unknown };
    if (typeof p.messageId !== 'string' || !Array.isArray(p.concernFingerprints)) continue;
    for (const fp of p.concernFingerprints) if (typeof fp === 'string') out.set(fp, p.messageId);
  }
  return out;
}

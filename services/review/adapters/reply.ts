// The review reply for one patch: loads the patch mail and its open
// rule-engine concerns (latest analysis run; not yet answered, addressed or
// dismissed in the ledger), renders the kernel-style reply with
// core/render.ts and, when asked to record it, stores its Message-ID so the
// ledger can see answers to it. Rendering alone writes nothing (the API's
// read route uses it); sending is mail-out.ts's job and only on request.
import { randomBytes } from 'node:crypto';
import type { Db, Prisma } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { parseAddressList } from '../core/mail-format.js';
import { renderReply, type RenderedReply, type ReplyConcern } from '../core/render.js';
import { traceSteps } from '../core/steps.js';
import type { Person } from '../core/types.js';
import { reviewerIdentity } from './config.js';
import { REPLY_EVENT } from './load.js';
import { syncSeriesLedger } from './store.js';

export interface ReplyOptions {
  reviewer?: Person;
  now?: Date;
  /** store the Message-ID against the concerns (the CLI does; a read does not) */
  record?: boolean;
  /** noted in the stored event */
  sent?: boolean;
}

export interface ReplyForPatch extends RenderedReply {
  patchId: number;
  seriesId: number;
  /** the whole mail, as written to a file (empty when there is nothing to say) */
  text: string;
  concerns: number;
  concernFingerprints: string[];
  commentIds: number[];
}

const OPEN_LIKE = new Set(['open']);

export async function renderReplyForPatch(db: Db, patchId: number, opts: ReplyOptions = {}): Promise<ReplyForPatch> {
  const patch = await db.prisma.patch.findUnique({ where: { id: patchId }, include: { message: true } });
  if (!patch) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'patch', id: patchId });
  if (opts.record) await syncSeriesLedger(db, patch.seriesId);
  const concerns = await openConcerns(db, patch.seriesId, patchId);
  const reviewer = opts.reviewer ?? reviewerIdentity();
  const now = opts.now ?? new Date();
  const domain = reviewer.email.split('@')[1] || 'localhost';
  const messageId = `patchlens-${now.getTime().toString(36)}-${randomBytes(6).toString('hex')}@${domain}`;
  const h = (patch.message.headers ?? {}) as Record<string, unknown>;
  const rendered = renderReply({
    reviewer,
    patch: {
      messageId: patch.message.messageId,
      subject: patch.message.subject,
      from: { name: patch.message.fromName, email: patch.message.fromEmail.toLowerCase() },
      to: parseAddressList(h.to ?? h.To),
      cc: parseAddressList(h.cc ?? h.Cc),
      references: patch.message.references,
      date: patch.message.date,
      diff: patch.diff,
    },
    concerns: concerns.map((c) => c.reply),
    messageId,
    date: now,
  });
  const out: ReplyForPatch = {
    ...rendered,
    patchId,
    seriesId: patch.seriesId,
    text: concerns.length ? rendered.raw : '',
    concerns: concerns.length,
    concernFingerprints: concerns.map((c) => c.fingerprint),
    commentIds: concerns.map((c) => c.reply.commentId).filter((x): x is number => x !== null),
  };
  if (opts.record && concerns.length) await recordReply(db, out, opts.sent ?? false);
  return out;
}

async function openConcerns(db: Db, seriesId: number, patchId: number): Promise<{ fingerprint: string; reply: ReplyConcern }[]> {
  const run = await db.prisma.analysisRun.findFirst({ where: { seriesId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  if (!run) return [];
  const rows = await db.prisma.concern.findMany({ where: { runId: run.id, patchId }, orderBy: { id: 'asc' } });
  const comments = await db.prisma.comment.findMany({ where: { seriesId, fingerprint: { in: rows.map((c) => `concern:${seriesId}:${c.fingerprint}`) } } });
  const byFp = new Map(comments.map((c) => [c.fingerprint, c]));
  const seen = new Set<string>();
  const out: { fingerprint: string; reply: ReplyConcern }[] = [];
  for (const c of rows) {
    const comment = byFp.get(`concern:${seriesId}:${c.fingerprint}`);
    if (seen.has(c.fingerprint) || (comment && !OPEN_LIKE.has(comment.status))) continue;
    seen.add(c.fingerprint);
    out.push({
      fingerprint: c.fingerprint,
      reply: { commentId: comment?.id ?? null, rule: c.rule, severity: c.severity, summary: c.summary, explanation: c.explanation, file: c.file, startLine: c.startLine, endLine: c.endLine, steps: traceSteps(c.trace) },
    });
  }
  return out;
}

async function recordReply(db: Db, r: ReplyForPatch, sent: boolean): Promise<void> {
  const payload = { messageId: r.messageId, patchId: r.patchId, concernFingerprints: r.concernFingerprints, commentIds: r.commentIds, sent };
  await db.prisma.event.create({ data: { kind: REPLY_EVENT, actor: r.from.email, subjectType: 'series', subjectId: r.seriesId, payload: payload as Prisma.InputJsonValue } });
}

/** Note in the stored event that a recorded reply went out. */
export async function markReplySent(db: Db, r: ReplyForPatch): Promise<void> {
  await recordReply(db, r, true);
}

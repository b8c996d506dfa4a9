// Test factory: stores a parsed mbox as one series (list, messages, series,
// patches, replies) the way the ingester does, so the review adapters can be
// tested without services/ingest. Only the columns the review stage reads.
import type { Db } from '../../../services/db/adapters/client.js';
import { splitPatchBody, type ParsedMail } from './thread.js';

const COUNTER = /\[[^\]]*?(\d+)\/(\d+)\]/;

export interface StoredSeries {
  seriesId: number;
  listId: number;
  patchIds: Map<number, number>;
  messageRows: Map<string, number>;
}

export async function storeThread(db: Db, mails: ParsedMail[], opts: { key?: string; version?: number; previousId?: number; listId?: number } = {}): Promise<StoredSeries> {
  const listId = opts.listId ?? (await db.prisma.mailingList.upsert({ where: { listId: 'linux-cxl.vger.kernel.org' }, create: { listId: 'linux-cxl.vger.kernel.org', name: 'linux-cxl' }, update: {} })).id;
  const messageRows = new Map<string, number>();
  for (const m of mails) {
    const row = await db.prisma.message.create({
      data: {
        listId,
        messageId: m.messageId,
        date: m.date,
        fromName: m.from.name,
        fromEmail: m.from.email,
        subject: m.subject,
        inReplyTo: m.inReplyTo ? [m.inReplyTo] : [],
        references: m.references,
        headers: { to: m.to.map((p) => (p.name ? `"${p.name}" <${p.email}>` : p.email)).join(', '), cc: m.cc.map((p) => p.email).join(', '), 'content-type': m.flowed ? 'text/plain; format=flowed' : 'text/plain' },
        body: m.body,
        rawSize: m.body.length,
        contentHash: `${m.messageId}-hash`,
        kind: /^re:/i.test(m.subject) ? 'reply' : COUNTER.exec(m.subject)?.[1] === '0' ? 'cover' : 'patch',
      },
    });
    messageRows.set(m.messageId, row.id);
  }
  const cover = mails.find((m) => !/^re:/i.test(m.subject) && COUNTER.exec(m.subject)?.[1] === '0');
  const posts = mails.filter((m) => !/^re:/i.test(m.subject) && m !== cover && m.body.includes('diff --git'));
  const series = await db.prisma.series.create({
    data: {
      key: opts.key ?? (cover ?? posts[0])?.messageId ?? 'k',
      listId,
      title: (cover ?? posts[0])?.subject ?? '',
      version: opts.version ?? 1,
      total: posts.length,
      received: posts.length,
      complete: true,
      coverId: cover ? messageRows.get(cover.messageId) : null,
      previousId: opts.previousId ?? null,
    },
  });
  const patchIds = new Map<number, number>();
  for (const m of posts) {
    const index = Number(COUNTER.exec(m.subject)?.[1] ?? 1);
    const parts = splitPatchBody(m.body);
    const p = await db.prisma.patch.create({
      data: { seriesId: series.id, index, messageRowId: messageRows.get(m.messageId) as number, subject: m.subject, commitMessage: parts.commitMessage, diff: parts.diff, hunks: [] },
    });
    patchIds.set(index, p.id);
  }
  const byMsg = new Map(posts.map((m) => [m.messageId, patchIds.get(Number(COUNTER.exec(m.subject)?.[1] ?? 1))]));
  for (const m of mails.filter((x) => /^re:/i.test(x.subject))) {
    const chain = [...m.references, ...(m.inReplyTo ? [m.inReplyTo] : [])];
    const patchId = chain.map((id) => byMsg.get(id)).filter((x) => x !== undefined).pop() ?? null;
    await db.prisma.reply.create({ data: { messageRowId: messageRows.get(m.messageId) as number, parentMessageId: m.inReplyTo, seriesId: series.id, patchId, onCover: patchId === null } });
  }
  return { seriesId: series.id, listId, patchIds, messageRows };
}

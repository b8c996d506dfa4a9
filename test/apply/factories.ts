// Test factories for the apply stage: a mailing list, a series and its
// patches as the ingester would store them (only the fields the applier reads
// are meaningful; the rest get plain defaults).
import type { Db } from '../../services/db/adapters/client.js';

let seq = 0;

export async function makeList(db: Db, listId = 'linux-cxl.vger.kernel.org'): Promise<{ id: number; listId: string }> {
  return db.prisma.mailingList.upsert({ where: { listId }, create: { listId, name: listId }, update: {} });
}

export interface PatchSpec {
  index: number;
  subject?: string;
  diff: string;
  messageId?: string;
}

async function makeMessage(db: Db, listRowId: number, messageId: string, subject: string, kind: string): Promise<number> {
  const m = await db.prisma.message.create({
    data: { listId: listRowId, messageId, fromName: 'T', fromEmail: 't@example.org', subject, headers: {}, body: '', rawSize: 0, contentHash: `h-${messageId}`, kind },
  });
  return m.id;
}

/** A series with a cover message and its patches; returns ids. */
export async function makeSeries(
  db: Db,
  opts: { listId?: string; title?: string; baseCommit?: string | null; coverMessageId?: string; patches: PatchSpec[] },
): Promise<{ seriesId: number; patchIds: number[]; coverMessageId: string }> {
  const list = await makeList(db, opts.listId);
  seq++;
  const coverMessageId = opts.coverMessageId ?? `cover-${process.pid}-${seq}@example.org`;
  const coverId = await makeMessage(db, list.id, coverMessageId, opts.title ?? 'series', 'cover');
  const series = await db.prisma.series.create({
    data: { key: coverMessageId, listId: list.id, title: opts.title ?? `series ${seq}`, total: opts.patches.length, received: opts.patches.length, complete: true, coverId, baseCommit: opts.baseCommit ?? null },
  });
  const patchIds: number[] = [];
  for (const p of opts.patches) {
    const mid = p.messageId ?? `patch-${process.pid}-${seq}-${p.index}-${patchIds.length}@example.org`;
    const messageRowId = await makeMessage(db, list.id, mid, p.subject ?? `patch ${p.index}`, 'patch');
    const row = await db.prisma.patch.create({
      data: { seriesId: series.id, index: p.index, messageRowId, subject: p.subject ?? `patch ${p.index}`, commitMessage: '', diff: p.diff, files: [], hunks: [] },
    });
    patchIds.push(row.id);
  }
  return { seriesId: series.id, patchIds, coverMessageId };
}

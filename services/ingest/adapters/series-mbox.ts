// `series mbox`: loads a series with its collected trailers and renders the
// git-am-ready mbox (core/mbox-out.ts), like `b4 am`.
import type { Db } from '../../db/adapters/client.js';
import { renderSeriesMbox, type MboxPatch } from '../core/mbox-out.js';
import { seriesJson } from './series-view.js';

/** The mbox text of a series, or null when there is no such series. */
export async function seriesMbox(db: Db, seriesId: number): Promise<string | null> {
  const view = await seriesJson(db, seriesId);
  if (!view) return null;
  const rows = await db.prisma.patch.findMany({
    where: { seriesId },
    orderBy: { index: 'asc' },
    select: { id: true, index: true, subject: true, commitMessage: true, diff: true, message: { select: { messageId: true, date: true, fromName: true, fromEmail: true } } },
  });
  const trailersOf = new Map(view.patches.map((p) => [p.messageId, p.trailers]));
  const patches: MboxPatch[] = rows.map((r) => ({
    messageId: r.message.messageId, index: r.index, total: view.total, version: view.version, subject: r.subject,
    author: { name: r.message.fromName, email: r.message.fromEmail }, date: r.message.date,
    commitMessage: r.commitMessage, diff: r.diff, trailers: trailersOf.get(r.message.messageId) ?? [],
  }));
  return renderSeriesMbox(patches);
}

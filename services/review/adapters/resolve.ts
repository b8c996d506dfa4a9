// Names of series and patches on the command line: a row id, or a
// Message-ID (with or without <>, or a lore URL) of the cover or a patch.
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';

function messageIdOf(ref: string): string {
  const url = /^https?:\/\/[^/]+\/(?:[^/]+\/)?([^/]+@[^/]+)\/?/.exec(ref);
  const id = url ? decodeURIComponent(url[1] ?? '') : ref;
  return id.trim().replace(/^<|>$/g, '');
}

export async function resolveSeriesRef(db: Db, ref: string): Promise<number> {
  if (/^\d+$/.test(ref)) return Number(ref);
  const mid = messageIdOf(ref);
  const byKey = await db.prisma.series.findFirst({ where: { OR: [{ key: mid }, { cover: { messageId: mid } }, { patches: { some: { message: { messageId: mid } } } }] }, orderBy: { id: 'desc' }, select: { id: true } });
  if (!byKey) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id: ref });
  return byKey.id;
}

export async function resolvePatchId(db: Db, ref: string): Promise<number> {
  if (/^\d+$/.test(ref)) return Number(ref);
  const mid = messageIdOf(ref);
  const p = await db.prisma.patch.findFirst({ where: { message: { messageId: mid } }, orderBy: { id: 'desc' }, select: { id: true } });
  if (!p) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'patch', id: ref });
  return p.id;
}

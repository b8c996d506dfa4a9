// Command: delegate a series to a person (by address or person id), or clear
// the delegate. The delegate must be a known person; writes an Event.
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { assertMaintainer, type Actor } from '../auth/tokens.js';
import { EVENT_KINDS, recordEvent } from './events.js';

async function resolvePerson(db: Db, who: string): Promise<number> {
  if (/^\d+$/.test(who)) {
    const p = await db.prisma.person.findUnique({ where: { id: Number(who) } });
    if (!p) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'person', id: who });
    return p.id;
  }
  if (!who.includes('@')) throw new PatchlensError('PL_ERR_BAD_INPUT', { field: 'delegate', reason: 'not an address or person id' });
  const a = await db.prisma.personAddress.findUnique({ where: { email: who.toLowerCase() } });
  if (!a) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'person', id: who });
  return a.personId;
}

export async function setDelegate(db: Db, actor: Actor, id: number, delegate: string | null) {
  const series = await db.prisma.series.findUnique({ where: { id }, include: { list: true } });
  if (!series) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id });
  assertMaintainer(actor, series.listId, series.list.listId);
  const personId = delegate === null ? null : await resolvePerson(db, delegate);
  return db.prisma.$transaction(async (tx) => {
    const updated = await tx.series.update({
      where: { id },
      data: { delegateId: personId },
      include: { delegate: { include: { addresses: { orderBy: { id: 'asc' }, take: 1 } } } },
    });
    await recordEvent(tx, {
      kind: EVENT_KINDS.seriesDelegate,
      actor,
      subjectType: 'series',
      subjectId: id,
      payload: { from: series.delegateId, to: personId },
    });
    return updated;
  });
}

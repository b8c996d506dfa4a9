// Commands that set the review state of series and patches by hand (one or
// many series at once, for the dashboard's bulk action). Each checks that the
// token maintains the list, changes the rows and writes one Event per object
// in the same transaction. The automatic "Superseded" lives in jobs/supersede.
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { assertMaintainer, type Actor } from '../auth/tokens.js';
import type { State } from '../schemas/common.js';
import { EVENT_KINDS, recordEvent } from './events.js';

const withDelegate = { delegate: { include: { addresses: { orderBy: { id: 'asc' as const }, take: 1 } } } };

/** Set the state of several series in one transaction; all or nothing. */
export async function setSeriesStates(db: Db, actor: Actor | 'patchlens', ids: number[], state: State, opts: { patches?: boolean } = {}) {
  const unique = [...new Set(ids)];
  const rows = await db.prisma.series.findMany({ where: { id: { in: unique } }, include: { list: true } });
  const missing = unique.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id: missing.join(', ') });
  if (actor !== 'patchlens') for (const r of rows) assertMaintainer(actor, r.listId, r.list.listId);
  return db.prisma.$transaction(async (tx) => {
    const out = [];
    for (const r of rows) {
      const updated = await tx.series.update({ where: { id: r.id }, data: { state }, include: withDelegate });
      if (opts.patches) await tx.patch.updateMany({ where: { seriesId: r.id }, data: { state } });
      await recordEvent(tx, {
        kind: EVENT_KINDS.seriesState,
        actor,
        subjectType: 'series',
        subjectId: r.id,
        payload: { from: r.state, to: state, patches: opts.patches ?? false },
      });
      out.push(updated);
    }
    return out;
  });
}

export async function setSeriesState(db: Db, actor: Actor, id: number, state: State, opts: { patches?: boolean } = {}) {
  const [row] = await setSeriesStates(db, actor, [id], state, opts);
  if (!row) throw new PatchlensError('PL_ERR_INTERNAL', { reason: 'setSeriesStates returned nothing' });
  return row;
}

export async function setPatchState(db: Db, actor: Actor, id: number, state: State) {
  const patch = await db.prisma.patch.findUnique({ where: { id }, include: { series: { include: { list: true } } } });
  if (!patch) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'patch', id });
  assertMaintainer(actor, patch.series.listId, patch.series.list.listId);
  return db.prisma.$transaction(async (tx) => {
    const updated = await tx.patch.update({ where: { id }, data: { state } });
    await recordEvent(tx, { kind: EVENT_KINDS.patchState, actor, subjectType: 'patch', subjectId: id, payload: { from: patch.state, to: state } });
    return updated;
  });
}

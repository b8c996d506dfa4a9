// Commands: ask for a series to be applied or analyzed again. They only write
// the request Event; jobs/stages.ts subscribes to those kinds, and the event
// pump hands them to whichever runner is active (in-process or pg-boss).
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { assertMaintainer, type Actor } from '../auth/tokens.js';
import { EVENT_KINDS, recordEvent } from './events.js';

export type Stage = 'apply' | 'analyze';

export async function requestStage(db: Db, actor: Actor, seriesId: number, stage: Stage) {
  const series = await db.prisma.series.findUnique({ where: { id: seriesId }, include: { list: true } });
  if (!series) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id: seriesId });
  assertMaintainer(actor, series.listId, series.list.listId);
  const kind = stage === 'apply' ? EVENT_KINDS.applyRequested : EVENT_KINDS.analyzeRequested;
  const event = await db.prisma.$transaction((tx) => recordEvent(tx, { kind, actor, subjectType: 'series', subjectId: seriesId, payload: {} }));
  return { eventId: event.id, seriesId, stage, queuedAt: event.createdAt };
}

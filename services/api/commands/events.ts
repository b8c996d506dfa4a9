// The audit trail of the API's writes: every command writes one Event row in
// the same transaction as its change, naming who (the token's owner) and what.
// Jobs subscribe to these kinds (services/api/jobs/), so the names are a
// contract: see EVENT_KINDS.
import type { Prisma } from '../../db/adapters/client.js';
import type { Actor } from '../auth/tokens.js';

export const EVENT_KINDS = {
  seriesState: 'series.state',
  patchState: 'patch.state',
  seriesDelegate: 'series.delegate',
  // written by the ingest stage's linkSeries/unlinkSeries, which the API calls
  seriesLinked: 'series.link',
  seriesUnlinked: 'series.unlink',
  commentStatus: 'comment.status',
  applyRequested: 'series.apply-requested',
  analyzeRequested: 'series.analyze-requested',
} as const;

/** How an actor is written in Event.actor and CommentEvent.actor. */
export function actorName(actor: Actor | 'patchlens'): string {
  return actor === 'patchlens' ? 'patchlens' : `${actor.name} <${actor.email}>`;
}

export type Tx = Prisma.TransactionClient;

export async function recordEvent(
  tx: Tx,
  e: { kind: string; actor: Actor | 'patchlens'; subjectType: string; subjectId: number; payload: Record<string, unknown> },
) {
  return tx.event.create({
    data: {
      kind: e.kind,
      actor: actorName(e.actor),
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      payload: { ...e.payload, ...(e.actor === 'patchlens' ? {} : { tokenId: e.actor.tokenId }) } as Prisma.InputJsonValue,
    },
  });
}

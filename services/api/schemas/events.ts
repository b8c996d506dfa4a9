// Schemas of the event (audit trail) resource.
import { Type, type Static, DateTime, Nullable } from './common.js';

export const EventQuery = Type.Object({
  subjectType: Type.Optional(Type.String({ minLength: 1 })),
  subjectId: Type.Optional(Type.Integer({ minimum: 1 })),
  kind: Type.Optional(Type.String({ minLength: 1 })),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});
export type EventQuery = Static<typeof EventQuery>;

export const Event = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  actor: Type.String(),
  subjectType: Type.String(),
  subjectId: Nullable(Type.Integer()),
  payload: Type.Record(Type.String(), Type.Unknown()),
  createdAt: DateTime,
});
export type Event = Static<typeof Event>;
export const EventPage = Type.Object({ items: Type.Array(Event), nextBefore: Nullable(Type.Integer()) });

// Schemas of the write endpoints that are not about series state: comment
// and concern status, patch state, and the apply/analyze triggers.
import { Type, type Static, DateTime, StateSchema, StringEnum } from './common.js';

export const COMMENT_STATUS = ['open', 'answered', 'acknowledged', 'disputed', 'addressed', 'dismissed'] as const;
export const CommentStatusBody = Type.Object({
  status: StringEnum(COMMENT_STATUS),
  /** why; required by the review stage when dismissing */
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type CommentStatusBody = Static<typeof CommentStatusBody>;

export const CommentStatusResult = Type.Object({ id: Type.Integer(), status: Type.String() });
export const ConcernStatusResult = Type.Object({ concernId: Type.Integer(), commentId: Type.Integer(), status: Type.String() });

export const PatchStateBody = Type.Object({ state: StateSchema });
export const PatchStateResult = Type.Object({ id: Type.Integer(), state: Type.String() });

export const TriggerResult = Type.Object({
  eventId: Type.Integer(),
  seriesId: Type.Integer(),
  stage: Type.String(),
  queuedAt: DateTime,
});

export const ReplyResult = Type.Object({ patchId: Type.Integer(), text: Type.String() });

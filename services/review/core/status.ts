// The status of a review comment as a state machine: named states, one
// transition table saying which moves the ledger may make on its own (auto)
// and which only a person may make (manual), and a typed error for anything
// else. Every accepted move becomes a StatusEvent with its evidence, so the
// history shows both automatic and manual decisions. Pure.
import { COMMENT_STATUSES, type CommentStatus, type Evidence, type StatusEvent } from './types.js';

export type Mover = 'auto' | 'manual';

interface Transition {
  from: CommentStatus;
  to: CommentStatus;
  by: readonly Mover[];
  /** what makes the move */
  why: string;
}

const BOTH = ['auto', 'manual'] as const;
const MANUAL = ['manual'] as const;

/** The transition table. A person may also make any auto move by hand. */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'open', to: 'answered', by: BOTH, why: 'someone other than the commenter replied to it' },
  { from: 'answered', to: 'acknowledged', by: BOTH, why: 'the commenter accepted the answer' },
  { from: 'answered', to: 'disputed', by: BOTH, why: 'the commenter pressed the point again' },
  { from: 'disputed', to: 'acknowledged', by: BOTH, why: 'the commenter accepted a later answer' },
  { from: 'disputed', to: 'answered', by: BOTH, why: 'the point was answered again' },
  { from: 'acknowledged', to: 'disputed', by: BOTH, why: 'the commenter raised it again' },
  { from: 'open', to: 'addressed', by: BOTH, why: 'a later version changed the anchored lines or dropped the patch' },
  { from: 'answered', to: 'addressed', by: BOTH, why: 'a later version changed the anchored lines or dropped the patch' },
  { from: 'acknowledged', to: 'addressed', by: BOTH, why: 'a later version changed the anchored lines or dropped the patch' },
  { from: 'disputed', to: 'addressed', by: BOTH, why: 'a later version changed the anchored lines or dropped the patch' },
  ...(['open', 'answered', 'acknowledged', 'disputed', 'addressed'] as const).map((from) => ({
    from,
    to: 'dismissed' as const,
    by: MANUAL,
    why: 'a maintainer dismissed it',
  })),
  ...(['answered', 'acknowledged', 'disputed', 'addressed', 'dismissed'] as const).map((from) => ({
    from,
    to: 'open' as const,
    by: MANUAL,
    why: 'a person reopened it',
  })),
  { from: 'open', to: 'acknowledged', by: MANUAL, why: 'a person marked it settled' },
  { from: 'open', to: 'disputed', by: MANUAL, why: 'a person marked it contested' },
  { from: 'dismissed', to: 'addressed', by: MANUAL, why: 'a person marked it fixed' },
  { from: 'addressed', to: 'answered', by: MANUAL, why: 'a person corrected the status' },
  { from: 'addressed', to: 'disputed', by: MANUAL, why: 'a person corrected the status' },
  { from: 'addressed', to: 'acknowledged', by: MANUAL, why: 'a person corrected the status' },
  { from: 'dismissed', to: 'answered', by: MANUAL, why: 'a person corrected the status' },
  { from: 'dismissed', to: 'acknowledged', by: MANUAL, why: 'a person corrected the status' },
  { from: 'dismissed', to: 'disputed', by: MANUAL, why: 'a person corrected the status' },
];

/** Raised for a move the table does not allow. */
export class IllegalTransitionError extends Error {
  readonly code = 'PL_ERR_CONFLICT' as const;
  constructor(
    readonly from: CommentStatus,
    readonly to: CommentStatus,
    readonly by: Mover,
  ) {
    super(`comment status cannot go from ${from} to ${to} (${by})`);
    this.name = 'IllegalTransitionError';
  }
}

export function isStatus(s: string): s is CommentStatus {
  return (COMMENT_STATUSES as readonly string[]).includes(s);
}

export function canTransition(from: CommentStatus, to: CommentStatus, by: Mover): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.by.includes(by));
}

/** Make one move or throw IllegalTransitionError. */
export function transition(from: CommentStatus, to: CommentStatus, by: Mover, actor: string, evidence: Evidence): StatusEvent {
  if (!canTransition(from, to, by)) throw new IllegalTransitionError(from, to, by);
  return { from, to, actor, evidence: by === 'manual' ? { ...evidence, manual: true } : evidence };
}

/** The status a history leads to (the first event opens the comment). */
export function replay(events: readonly StatusEvent[]): CommentStatus {
  let s: CommentStatus = 'open';
  for (const e of events) s = e.to;
  return s;
}

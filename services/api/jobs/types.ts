// What a background job is: a name, the Event kinds that trigger it, an
// idempotent perform(payload) and its retry policy, declared here once and
// honoured by both runners (in-process for the embedded database, pg-boss on
// a Postgres server). Jobs may publish further jobs through ctx.queue.
import type { Db } from '../../db/adapters/client.js';

export interface RetryPolicy {
  /** attempts after the first */
  limit: number;
  /** seconds before the first retry */
  delaySeconds: number;
  /** double the delay on every further retry */
  backoff: boolean;
}

export interface JobQueue {
  publish(name: string, payload: Record<string, unknown>): Promise<void>;
}

export interface JobContext {
  db: Db;
  queue: JobQueue;
  log: (msg: string, extra?: Record<string, unknown>) => void;
}

export interface JobDef<P extends Record<string, unknown> = Record<string, unknown>> {
  name: string;
  /** Event kinds whose rows start this job (see commands/events.ts) */
  events: string[];
  /** the job's payload for such an Event row, or null to skip it */
  fromEvent(e: { kind: string; subjectType: string; subjectId: number | null; payload: unknown }): P | null;
  retry: RetryPolicy;
  /** must be safe to run twice with the same payload */
  perform(ctx: JobContext, payload: P): Promise<void>;
}

/** The delay before retry number `attempt` (1-based), in milliseconds. */
export function retryDelayMs(p: RetryPolicy, attempt: number): number {
  return p.delaySeconds * 1000 * (p.backoff ? 2 ** (attempt - 1) : 1);
}

export const seriesPayload = (e: { subjectType: string; subjectId: number | null }) =>
  e.subjectType === 'series' && e.subjectId ? { seriesId: e.subjectId } : null;

export function seriesIdOf(payload: Record<string, unknown>): number {
  const id = payload.seriesId;
  if (typeof id !== 'number' || !Number.isInteger(id)) throw new Error(`job payload has no seriesId: ${JSON.stringify(payload)}`);
  return id;
}

// Turns Event rows into jobs: every job declares the Event kinds it reacts
// to, and the pump reads new Event rows (after a cursor kept in IngestCursor
// under EVENT_CURSOR) and publishes the matching jobs. Jobs are idempotent,
// so a crash between publishing and saving the cursor only repeats work.
import type { Db } from '../../db/adapters/client.js';
import { JOBS } from './registry.js';
import type { JobDef, JobQueue } from './types.js';

export const EVENT_CURSOR = 'api:event-pump';

/** Publish the jobs for the Event rows written since the last call; returns how many. */
export async function pumpEvents(db: Db, queue: JobQueue, jobs: JobDef[] = JOBS, batch = 500): Promise<number> {
  const kinds = [...new Set(jobs.flatMap((j) => j.events))];
  const cur = await db.prisma.ingestCursor.findUnique({ where: { key: EVENT_CURSOR } });
  const after = cur ? Number(cur.value) : 0;
  const events = await db.prisma.event.findMany({ where: { id: { gt: after } }, orderBy: { id: 'asc' }, take: batch });
  let published = 0;
  for (const e of events) {
    if (!kinds.includes(e.kind)) continue;
    for (const j of jobs) {
      if (!j.events.includes(e.kind)) continue;
      const payload = j.fromEvent(e);
      if (payload) {
        await queue.publish(j.name, payload);
        published++;
      }
    }
  }
  const last = events[events.length - 1];
  if (last) {
    await db.prisma.ingestCursor.upsert({
      where: { key: EVENT_CURSOR },
      create: { key: EVENT_CURSOR, value: String(last.id) },
      update: { value: String(last.id) },
    });
  }
  return published;
}

/**
 * A pump bound to one database and queue whose runs never overlap: kick() after
 * a write (the API does so on every write response), and start() to also poll
 * every `ms` for Event rows other processes wrote (the worker does).
 */
export class EventPump {
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly queue: JobQueue,
    private readonly onError: (err: Error) => void = () => undefined,
  ) {}

  kick(): Promise<void> {
    this.chain = this.chain.then(() => (this.stopped ? undefined : pumpEvents(this.db, this.queue).then(() => undefined))).catch((err: Error) => this.onError(err));
    return this.chain;
  }

  start(ms = 1000): void {
    const tick = () => {
      void this.kick().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, ms);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.chain;
  }
}

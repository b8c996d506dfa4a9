// The server-mode job runner: pg-boss queues on the Postgres server, one per
// job definition, with the definition's retry policy, so several `patchlens
// worker` processes on several machines share the work. `PgBossQueue` only
// publishes (the API uses it); `startWorker` also works the queues.
import PgBoss from 'pg-boss';
import type { Db } from '../../db/adapters/client.js';
import { JOBS } from './registry.js';
import type { JobDef, JobQueue } from './types.js';

export const PG_BOSS_SCHEMA = 'pgboss';

export class PgBossQueue implements JobQueue {
  readonly boss: PgBoss;
  private started = false;

  constructor(connectionString: string, private readonly jobs: JobDef[] = JOBS) {
    this.boss = new PgBoss({ connectionString, schema: PG_BOSS_SCHEMA, max: 4 });
    this.boss.on('error', () => undefined);
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    for (const j of this.jobs) {
      await this.boss.createQueue(j.name, {
        name: j.name,
        retryLimit: j.retry.limit,
        retryDelay: j.retry.delaySeconds,
        retryBackoff: j.retry.backoff,
      });
    }
    this.started = true;
  }

  async publish(name: string, payload: Record<string, unknown>): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`unknown job ${name}`);
    await this.start();
    // one pending job per (name, payload): re-publishing the same work while it waits is a no-op
    await this.boss.send(name, payload, {
      retryLimit: job.retry.limit,
      retryDelay: job.retry.delaySeconds,
      retryBackoff: job.retry.backoff,
      singletonKey: JSON.stringify(payload),
    });
  }

  async stop(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: true, timeout: 10_000 });
    this.started = false;
  }
}

/** Work every queue of this process's job definitions until stop() is called. */
export async function startWorker(db: Db, queue: PgBossQueue, log: (msg: string, extra?: Record<string, unknown>) => void) {
  await queue.start();
  for (const j of JOBS) {
    await queue.boss.work<Record<string, unknown>>(j.name, async (jobs) => {
      for (const job of jobs) {
        log('job start', { job: j.name, id: job.id, payload: job.data });
        await j.perform({ db, queue, log }, job.data);
      }
    });
  }
}

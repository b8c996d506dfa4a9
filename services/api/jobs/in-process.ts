// The embedded-mode job runner: the same job definitions as the pg-boss
// worker, run in this process one at a time, with the declared retry and
// backoff. Used by `patchlens serve`/`main` on PGlite (where pg-boss cannot
// run) and by tests. `idle()` resolves when nothing is queued or running.
import type { Db } from '../../db/adapters/client.js';
import { JOBS } from './registry.js';
import { invalidateReads } from '../services/micro-cache.js';
import { retryDelayMs, type JobDef, type JobQueue } from './types.js';

interface Item {
  job: JobDef;
  payload: Record<string, unknown>;
  attempt: number;
}

export interface JobFailure {
  job: string;
  payload: Record<string, unknown>;
  error: string;
}

export class InProcessRunner implements JobQueue {
  private queue: Item[] = [];
  private running = false;
  private timers = new Set<NodeJS.Timeout>();
  private waiters: (() => void)[] = [];
  private stopped = false;
  readonly failures: JobFailure[] = [];

  constructor(
    private readonly db: Db,
    private readonly log: (msg: string, extra?: Record<string, unknown>) => void = () => undefined,
    private readonly jobs: JobDef[] = JOBS,
    /** scale retry delays (tests use 0) */
    private readonly delayScale = 1,
  ) {}

  async publish(name: string, payload: Record<string, unknown>): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`unknown job ${name}`);
    if (this.stopped) return;
    this.queue.push({ job, payload, attempt: 0 });
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let item = this.queue.shift(); item && !this.stopped; item = this.queue.shift()) await this.runOne(item);
    } finally {
      this.running = false;
      this.wake();
    }
  }

  private async runOne(item: Item): Promise<void> {
    try {
      await item.job.perform({ db: this.db, queue: this, log: this.log }, item.payload);
      invalidateReads(this.db);
    } catch (err) {
      const message = (err as Error).message;
      if (item.attempt < item.job.retry.limit && !this.stopped) {
        const t = setTimeout(() => {
          this.timers.delete(t);
          this.queue.push({ ...item, attempt: item.attempt + 1 });
          void this.pump();
        }, retryDelayMs(item.job.retry, item.attempt + 1) * this.delayScale);
        this.timers.add(t);
        this.log('job failed, will retry', { job: item.job.name, attempt: item.attempt + 1, error: message });
      } else {
        this.failures.push({ job: item.job.name, payload: item.payload, error: message });
        this.log('job failed', { job: item.job.name, payload: item.payload, error: message });
      }
    }
  }

  private wake(): void {
    if (this.running || this.queue.length || this.timers.size) return;
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when every queued job (and its retries) has finished. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.wake();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.queue = [];
    this.wake();
  }
}

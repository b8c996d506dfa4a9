// `patchlens worker`: works the pg-boss queues on the Postgres server
// (ingest, apply, analyze, ledger, supersede, sweep), turns new Event rows
// into jobs, and sweeps for series that need work every --sweep seconds. Run
// several, on several machines. The embedded database has no worker: there
// `patchlens serve`/`main` run the same jobs in-process.
import type { Command } from 'commander';
import { openDb } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { PgBossQueue, startWorker } from '../../api/jobs/pg-boss.js';
import { EventPump } from '../../api/jobs/event-pump.js';

interface WorkerFlags {
  ingest: string[];
  list?: string;
  sweep: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function register(program: Command): void {
  program
    .command('worker')
    .description('run background jobs from the Postgres job queue (pg-boss)')
    .option('--ingest <source>', 'queue an ingest of this source first (repeatable)', collect, [])
    .option('--list <listid>', 'list for ingested mails that name none')
    .option('--sweep <seconds>', 'look for series needing apply/analyze this often (0 = never)', '60')
    .action(async (flags: WorkerFlags) => {
      const url = process.env.DATABASE_URL;
      if (!url) throw new PatchlensError('PL_ERR_BAD_INPUT', { field: 'DATABASE_URL', reason: 'the worker needs a Postgres server; on the embedded database `patchlens serve` runs the jobs itself' });
      const db = await openDb();
      const log = (msg: string, extra?: Record<string, unknown>) => process.stdout.write(`${new Date().toISOString()} ${msg}${extra ? ` ${JSON.stringify(extra)}` : ''}\n`);
      const queue = new PgBossQueue(url);
      await startWorker(db, queue, log);
      const pump = new EventPump(db, queue, (err) => log('event pump failed', { error: err.message }));
      pump.start(1000);
      for (const source of flags.ingest) await queue.publish('ingest', { source, ...(flags.list ? { listHint: flags.list } : {}) });
      const every = Number(flags.sweep);
      const sweep = every > 0 ? setInterval(() => void queue.publish('sweep', {}).catch(() => undefined), every * 1000) : null;
      if (every > 0) await queue.publish('sweep', {});
      log('worker started', { db: db.where });
      const stop = async () => {
        if (sweep) clearInterval(sweep);
        await pump.stop();
        await queue.stop();
        await db.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      await new Promise<void>(() => undefined);
    });
}

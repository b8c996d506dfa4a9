// Runs the app on a port: listen, print where, and close gracefully on
// SIGINT/SIGTERM (stop taking connections, finish requests, stop the job
// runner, close the database). Used by `patchlens serve` and `patchlens main`.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/adapters/client.js';
import { buildApp } from './app.js';
import { InProcessRunner } from './jobs/in-process.js';
import { PgBossQueue } from './jobs/pg-boss.js';
import type { JobQueue } from './jobs/types.js';

export interface ServeOptions {
  db: Db;
  host?: string;
  port?: number;
  /** log requests with pino (default true) */
  log?: boolean;
  /** handle SIGINT/SIGTERM (default true; tests pass false) */
  signals?: boolean;
}

export interface Running {
  app: FastifyInstance;
  url: string;
  queue: JobQueue & { stop(): Promise<void> };
  close(): Promise<void>;
}

/** The job queue for this database: pg-boss on a Postgres server, in-process on PGlite. */
export function queueFor(db: Db, log: (msg: string, extra?: Record<string, unknown>) => void): JobQueue & { stop(): Promise<void> } {
  const url = process.env.DATABASE_URL;
  if (db.kind === 'postgres' && url) return new PgBossQueue(url);
  return new InProcessRunner(db, log);
}

export async function startServer(o: ServeOptions): Promise<Running> {
  const logger = o.log === false ? false : { level: process.env.LOG_LEVEL ?? 'info' };
  let app: FastifyInstance | null = null;
  const queue = queueFor(o.db, (msg, extra) => app?.log.info(extra ?? {}, msg));
  app = await buildApp({ db: o.db, queue, logger });
  const address = await app.listen({ host: o.host ?? '127.0.0.1', port: o.port ?? 8080 });
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      await app.close();
      await queue.stop();
    })();
    return closing;
  };
  if (o.signals !== false) {
    const onSignal = (sig: string) => {
      app.log.info({ sig }, 'shutting down');
      void close().then(() => process.exit(0));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { app, url: address.replace('[::1]', 'localhost'), queue, close };
}

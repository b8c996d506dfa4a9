// Builds the API on an isolated test database without a port (inject), and
// closes both after the test. Jobs run in-process with no retry delay.
import type { FastifyInstance } from 'fastify';
import { afterEach, vi } from 'vitest';
import { buildApp } from '../../services/api/app.js';
import { InProcessRunner } from '../../services/api/jobs/in-process.js';
import type { Db } from '../../services/db/adapters/client.js';
import { testDb } from '../helpers/db.js';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  runner: InProcessRunner;
}

// the machine is shared: a fresh database under load can take longer than the default minute
vi.setConfig({ testTimeout: 180_000 });

const open: TestApp[] = [];

afterEach(async () => {
  for (const t of open.splice(0)) {
    await t.app.close();
    await t.runner.stop();
    await t.db.close();
  }
});

export async function build(): Promise<TestApp> {
  const db = await testDb();
  const runner = new InProcessRunner(db, () => undefined, undefined, 0);
  const app = await buildApp({ db, queue: runner, web: true });
  const t = { app, db, runner };
  open.push(t);
  return t;
}

export const auth = (token: string) => ({ authorization: `Bearer ${token}` });

// Test databases: an isolated database per call. With DATABASE_URL set (as
// .ci/run does for its second pass) each call gets a fresh schema on the real
// server, dropped afterwards; otherwise an in-memory PGlite loaded from a
// migrated template (made once per set of migrations and kept in the OS temp
// folder, because a fresh PGlite takes seconds to initialise).
import { randomBytes, createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDb, type Db } from '../../services/db/adapters/client.js';
import { migrate, readMigrations } from '../../services/db/adapters/migrate.js';

export async function testDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDb({ pglite: await pgliteFromTemplate(), databaseUrl: '' });
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const db = await openDb({ databaseUrl: url, schema, poolSize: 4 });
  return {
    ...db,
    close: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
}

async function pgliteFromTemplate(): Promise<PGlite> {
  const migrations = await readMigrations();
  const key = createHash('sha256').update(migrations.map((m) => m.checksum).join(',')).digest('hex').slice(0, 16);
  const file = path.join(os.tmpdir(), `patchlens-pglite-template-${key}.tar`);
  if (existsSync(file)) {
    const lite = new PGlite({ loadDataDir: new Blob([readFileSync(file)]) });
    await lite.waitReady;
    return lite;
  }
  const lite = new PGlite();
  await lite.waitReady;
  await migrate({ exec: async (s) => void (await lite.exec(s)), query: async <T>(s: string, p?: unknown[]) => (await lite.query<T>(s, p)).rows });
  const blob = await lite.dumpDataDir('none');
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  renameSync(tmp, file);
  return lite;
}

/** Which back end this test run uses, for test names. */
export function backendName(): string {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

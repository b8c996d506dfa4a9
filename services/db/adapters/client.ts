// Opens the database: a Postgres server when DATABASE_URL is set, otherwise
// embedded PGlite in a data directory (default ./.data). Both run the same
// migrations and are used through the same generated Prisma client.
// Every other stage gets its PrismaClient from here and nowhere else.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../../../generated/prisma/client.js';
import { migrate, type SqlRunner } from './migrate.js';

export { PrismaClient };
export type { Prisma } from '../../../generated/prisma/client.js';

export interface Db {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  /** where the data lives, for messages (no password) */
  where: string;
  /** raw SQL for the few things Prisma cannot express (search, bulk upserts) */
  sql: SqlRunner;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… ; defaults to process.env.DATABASE_URL */
  databaseUrl?: string;
  /** PGlite data directory; defaults to PATCHLENS_DATA_DIR or ./.data; 'memory://' for a throwaway */
  dataDir?: string;
  /** Postgres schema to use (tests use one schema each); default public */
  schema?: string;
  /** apply migrations first (default true) */
  migrate?: boolean;
  /** pool size for the server back end */
  poolSize?: number;
  /** an already-created PGlite instance to use (tests load a migrated template) */
  pglite?: PGlite;
}

const MIGRATION_LOCK = 727_073_691; // advisory lock key: one migrator at a time per server

export async function openDb(opts: OpenOptions = {}): Promise<Db> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  return url ? openPostgres(url, opts) : openPglite(opts);
}

async function openPglite(opts: OpenOptions): Promise<Db> {
  const dir = opts.pglite ? 'memory://' : (opts.dataDir ?? process.env.PATCHLENS_DATA_DIR ?? './.data');
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const lite = opts.pglite ?? new PGlite(dir.startsWith('memory://') ? undefined : path.resolve(dir));
  await lite.waitReady;
  const sql: SqlRunner = {
    exec: async (s) => {
      await lite.exec(s);
    },
    query: async <T>(s: string, params?: unknown[]) => (await lite.query<T>(s, params as unknown[])).rows,
  };
  if (opts.migrate !== false) await migrate(sql);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  return {
    prisma,
    kind: 'pglite',
    where: dir.startsWith('memory://') ? 'memory' : path.resolve(dir),
    sql,
    close: async () => {
      await prisma.$disconnect();
      await lite.close();
    },
  };
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Db> {
  const schema = opts.schema;
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '')}"` } : {}),
  });
  pool.on('error', () => {
    /* idle client errors surface on the next query; do not crash the process */
  });
  const sql: SqlRunner = {
    exec: async (s) => {
      await pool.query(s);
    },
    query: async <T>(s: string, params?: unknown[]) => (await pool.query(s, params)).rows as T[],
  };
  if (opts.migrate !== false) {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      const one: SqlRunner = {
        exec: async (s) => {
          await client.query(s);
        },
        query: async <T>(s: string, params?: unknown[]) => (await client.query(s, params)).rows as T[],
      };
      await migrate(one);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, schema ? { schema } : undefined) });
  const u = new URL(url);
  return {
    prisma,
    kind: 'postgres',
    where: `${u.hostname}:${u.port || 5432}${u.pathname}${schema ? ` (schema ${schema})` : ''}`,
    sql,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

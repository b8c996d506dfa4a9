// Applies prisma/migrations/*/migration.sql in order and records them in
// Prisma's own `_prisma_migrations` table, so the database looks exactly as
// if `prisma migrate deploy` had run. Used by both back ends on every start.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { planMigrations, type AppliedMigration, type MigrationFile } from '../core/migrations.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));

/** The few operations the runner needs; both PGlite and pg provide them. */
export interface SqlRunner {
  /** run one or more statements, no parameters */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: MigrationFile[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const sql = await readFile(path.join(dir, e.name, 'migration.sql'), 'utf8');
    files.push({ name: e.name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Bring the database up to date. Each migration runs in its own transaction
 * together with its bookkeeping row, so a crash leaves either all or none of it.
 * Callers that may race (several processes on one server) pass a runner that
 * holds an advisory lock around this call.
 */
export async function migrate(db: SqlRunner, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec(CREATE_TABLE);
  const rows = await db.query<{ migration_name: string; checksum: string; finished_at: unknown }>(
    'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
  );
  const applied: AppliedMigration[] = rows.map((r) => ({ name: r.migration_name, checksum: r.checksum, finished: r.finished_at != null }));
  const plan = planMigrations(await readMigrations(dir), applied);
  if (!plan.ok) throw new Error(`${plan.code}: ${plan.reason}`);
  for (const m of plan.pending) {
    const id = randomUUID();
    await db.exec('BEGIN');
    try {
      await db.exec(m.sql);
      await db.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)',
        [id, m.checksum, m.name],
      );
      await db.exec('COMMIT');
    } catch (err) {
      await db.exec('ROLLBACK');
      throw new Error(`PL_ERR_MIGRATION_FAILED: migration ${m.name} failed: ${(err as Error).message}`);
    }
  }
  return plan.pending.map((m) => m.name);
}

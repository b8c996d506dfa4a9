// Pure logic of the migration runner: which migration folders still need to
// run, given what the database has recorded. No I/O here; the adapter reads
// the folders and talks to the database.

export interface MigrationFile {
  /** folder name, e.g. 20261125000000_init */
  name: string;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  name: string;
  checksum: string;
  finished: boolean;
}

export type MigrationPlan =
  | { ok: true; pending: MigrationFile[] }
  | { ok: false; code: 'PL_ERR_MIGRATION_CHANGED' | 'PL_ERR_MIGRATION_FAILED' | 'PL_ERR_MIGRATION_UNKNOWN'; reason: string };

/** Decide what to run. Applied migrations must be a prefix of the files, unchanged. */
export function planMigrations(files: MigrationFile[], applied: AppliedMigration[]): MigrationPlan {
  const byName = new Map(applied.map((m) => [m.name, m]));
  const known = new Set(files.map((f) => f.name));
  for (const a of applied) {
    if (!known.has(a.name)) {
      return { ok: false, code: 'PL_ERR_MIGRATION_UNKNOWN', reason: `database has migration ${a.name} that this build does not know (newer build?)` };
    }
    if (!a.finished) {
      return { ok: false, code: 'PL_ERR_MIGRATION_FAILED', reason: `migration ${a.name} started but did not finish; fix the database by hand` };
    }
  }
  const pending: MigrationFile[] = [];
  for (const f of [...files].sort((x, y) => x.name.localeCompare(y.name))) {
    const a = byName.get(f.name);
    if (!a) {
      pending.push(f);
      continue;
    }
    if (a.checksum !== f.checksum) {
      return { ok: false, code: 'PL_ERR_MIGRATION_CHANGED', reason: `migration ${f.name} was edited after it was applied (checksum differs)` };
    }
  }
  return { ok: true, pending };
}

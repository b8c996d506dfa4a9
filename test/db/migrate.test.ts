import { describe, expect, it } from 'vitest';
import { planMigrations } from '../../services/db/core/migrations.js';
import { testDb } from '../helpers/db.js';
import { migrate } from '../../services/db/adapters/migrate.js';

describe('planMigrations', () => {
  const f = (name: string, checksum = 'c' + name) => ({ name, sql: '', checksum });
  it('runs what is not applied, in name order', () => {
    const plan = planMigrations([f('2_b'), f('1_a')], [{ name: '1_a', checksum: 'c1_a', finished: true }]);
    expect(plan).toEqual({ ok: true, pending: [f('2_b')] });
  });
  it('refuses an edited migration', () => {
    const plan = planMigrations([f('1_a')], [{ name: '1_a', checksum: 'other', finished: true }]);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.code).toBe('PL_ERR_MIGRATION_CHANGED');
  });
  it('refuses a half-applied migration and an unknown one', () => {
    expect(planMigrations([f('1_a')], [{ name: '1_a', checksum: 'c1_a', finished: false }]).ok).toBe(false);
    expect(planMigrations([], [{ name: '9_z', checksum: 'x', finished: true }]).ok).toBe(false);
  });
});

describe('database back end', () => {
  it('applies migrations once and works through Prisma', async () => {
    const db = await testDb();
    try {
      expect(await migrate(db.sql)).toEqual([]); // already applied by openDb
      const list = await db.prisma.mailingList.create({ data: { listId: 'linux-cxl.vger.kernel.org', name: 'linux-cxl' } });
      const found = await db.prisma.mailingList.findUnique({ where: { listId: 'linux-cxl.vger.kernel.org' } });
      expect(found?.id).toBe(list.id);
      const rows = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM "_prisma_migrations"');
      expect(rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});

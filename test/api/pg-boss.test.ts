import { describe, expect, it } from 'vitest';
import { PgBossQueue, startWorker } from '../../services/api/jobs/pg-boss.js';
import { EventPump } from '../../services/api/jobs/event-pump.js';
import { testDb } from '../helpers/db.js';
import { makeList, makeSeries } from './factories.js';

// pg-boss needs a Postgres server; the embedded database runs the same jobs in-process (writes.test.ts)
describe.skipIf(!process.env.DATABASE_URL)('pg-boss worker (postgres)', () => {
  it('turns a series.link Event into a supersede job that a worker runs', async () => {
    const db = await testDb();
    const queue = new PgBossQueue(process.env.DATABASE_URL as string);
    try {
      const l = await makeList(db);
      const v1 = await makeSeries(db, { listId: l.id, patches: 1 });
      const v2 = await makeSeries(db, { listId: l.id, patches: 1, version: 2 });
      await db.prisma.series.update({ where: { id: v2.id }, data: { previousId: v1.id } });
      await db.prisma.event.create({ data: { kind: 'series.link', actor: 'test', subjectType: 'series', subjectId: v2.id, payload: {} } });
      await startWorker(db, queue, () => undefined);
      const pump = new EventPump(db, queue);
      await pump.kick();
      const deadline = Date.now() + 30_000;
      let state = '';
      while (Date.now() < deadline) {
        state = (await db.prisma.series.findUniqueOrThrow({ where: { id: v1.id } })).state;
        if (state === 'Superseded') break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(state).toBe('Superseded');
      await pump.stop();
    } finally {
      await queue.stop();
      await db.close();
    }
  });
});

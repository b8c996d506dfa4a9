// The store on the real corpus, on the back end of this run (PGlite, or the
// Postgres server when DATABASE_URL is set): zero errors, the series the
// corpus notes describe, idempotent re-ingest, and rows that do not depend on
// arrival order or chunk size.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backendName, testDb } from '../../helpers/db.js';
import type { Db } from '../../../services/db/adapters/client.js';
import { ingestMails } from '../../../services/ingest/adapters/store.js';
import { listSeriesIds, resolveSeriesId, seriesJson, seriesJsonMany } from '../../../services/ingest/adapters/series-view.js';
import type { RawMail } from '../../../services/ingest/core/types.js';
import { asStream, CORPUS, FIXTURES, rawMails } from '../helpers.js';
import { counts, snapshot } from './snapshot.js';

const FILES = ['cxl-region-attach-rfc', 'linux-cxl-mbox-event-debug-v1', 'linux-cxl-mbox-event-debug-v2', 'linux-cxl-type2-v22'].map((f) => path.join(CORPUS, `${f}.mbox`));
const corpus = (): RawMail[] => FILES.flatMap(rawMails);

let open: Db[] = [];
afterEach(async () => {
  await Promise.all(open.map((d) => d.close()));
  open = [];
});
async function db(): Promise<Db> {
  const d = await testDb();
  open.push(d);
  return d;
}

describe(`ingest store (${backendName()})`, () => {
  it('ingests the corpus with zero errors and finds the series the notes describe', async () => {
    const d = await db();
    const s = await ingestMails(d, asStream(corpus()));
    expect(s).toEqual({ messages: 69, stored: 69, duplicates: 0, errors: [] });
    const all = await seriesJsonMany(d, await listSeriesIds(d));
    expect(all).toHaveLength(4);
    const seed = await seriesJson(d, (await resolveSeriesId(d, '20260403210050.1058650-3-dan.j.williams@intel.com'))!);
    expect(seed).toMatchObject({ title: 'cxl: Region attach for accelerators', version: 1, rfc: true, total: 4, received: 4, complete: true, missing: [], replies: 9, baseCommit: 'ccabeb15ced4c06eeff7e35d6a54e7835d3d160a' });
    expect(seed!.cover).toMatchObject({ messageId: '20260403210050.1058650-1-dan.j.williams@intel.com', subject: '[RFC PATCH 0/4] cxl: Region attach for accelerators' });
    expect(seed!.patches.map((p) => p.index)).toEqual([1, 2, 3, 4]);
    expect(seed!.patches[3]!.files).toEqual(['include/cxl/cxl.h', 'drivers/cxl/core/region.c']);

    const v1 = (await resolveSeriesId(d, '<20230731-cxl-fix-clear-event-debug-print-v1-1-42c068f500d1@intel.com>'))!;
    const v2 = await seriesJson(d, (await resolveSeriesId(d, '20230731-cxl-fix-clear-event-debug-print-v2-0-9bdd08d386e9@intel.com'))!);
    expect(v2!.previous).toBe(v1);
    expect((await seriesJson(d, v1))!.next).toBe(v2!.id);
    expect(v2!.patches[0]!.trailers).toEqual([
      'Signed-off-by: Ira Weiny <ira.weiny@intel.com>',
      'Reviewed-by: Dave Jiang <dave.jiang@intel.com>',
      'Reviewed-by: Alison Schofield <alison.schofield@intel.com>',
      'Reviewed-by: Jonathan Cameron <Jonathan.Cameron@huawei.com>',
    ]);

    const t2 = await seriesJson(d, (await resolveSeriesId(d, 'https://lore.kernel.org/linux-cxl/20251205115248.772945-1-alejandro.lucero-palau@amd.com/'))!);
    expect(t2).toMatchObject({ version: 22, total: 25, received: 25, complete: true, replies: 10 });
    expect(t2!.cover).not.toBeNull();
    const inPatch = t2!.patches.reduce((n, p) => n + p.trailers.filter((t) => !t.startsWith('Signed-off-by') && !t.startsWith('Co-developed-by')).length, 0);
    expect(inPatch).toBeGreaterThan(40);
    expect(t2!.patches[3]!.trailers).toEqual([
      'Signed-off-by: Alejandro Lucero <alucerop@amd.com>',
      'Reviewed-by: Jonathan Cameron <Jonathan.Cameron@huawei.com>',
      'Reviewed-by: Dave Jiang <dave.jiang@intel.com>',
      'Reviewed-by: Alison Schofield <alison.schofield@intel.com>',
      'Reviewed-by: Ben Cheatham <benjamin.cheatham@amd.com>',
    ]);
  });

  it('re-ingesting changes no rows', async () => {
    const d = await db();
    await ingestMails(d, asStream(corpus()));
    const before = await snapshot(d);
    const again = await ingestMails(d, asStream(corpus()));
    expect(again).toEqual({ messages: 69, stored: 0, duplicates: 69, errors: [] });
    expect(await snapshot(d)).toEqual(before);
  });

  it('the rows do not depend on arrival order or chunk size', async () => {
    const a = await db();
    const b = await db();
    const mails = [...corpus(), ...rawMails(path.join(FIXTURES, 'unthreaded.mbox')), ...rawMails(path.join(FIXTURES, 'out-of-order.mbox'))];
    await ingestMails(a, asStream(mails), { chunkSize: 250 });
    await ingestMails(b, asStream([...mails].reverse()), { chunkSize: 7 });
    expect(await snapshot(b, { threadKeys: false })).toEqual(await snapshot(a, { threadKeys: false }));
  });

  it('records rejected messages and goes on', async () => {
    const d = await db();
    const bad: RawMail = { raw: Buffer.alloc(0), source: 'test.mbox', position: 'message 2' };
    const good = rawMails(path.join(FIXTURES, 'chained-no-cover.mbox'));
    const s = await ingestMails(d, asStream([good[0]!, bad, ...good.slice(1)]));
    expect(s.stored).toBe(3);
    expect(s.errors).toEqual([{ source: 'test.mbox', position: 'message 2', messageId: null, reason: expect.stringContaining('no headers') }]);
    expect((await counts(d)).IngestError).toBe(1);
  });

  it('--list overrides List-Id; mails without one go to "unknown"', async () => {
    const d = await db();
    await ingestMails(d, asStream(rawMails(path.join(CORPUS, 'cxl-region-attach-rfc.mbox'))));
    await ingestMails(d, asStream(rawMails(path.join(CORPUS, 'cxl-region-attach-rfc.mbox'))), { list: 'linux-cxl.vger.kernel.org' });
    const lists = await d.sql.query<{ listId: string; n: number }>(`SELECT l."listId", count(m.id)::int AS n FROM "MailingList" l JOIN "Message" m ON m."listId" = l.id GROUP BY 1 ORDER BY 1`);
    expect(lists).toEqual([{ listId: 'linux-cxl.vger.kernel.org', n: 14 }, { listId: 'unknown', n: 14 }]);
  });

  it('a cover arriving after its patches keeps the same series row (re-keyed)', async () => {
    const d = await db();
    const mails = rawMails(path.join(FIXTURES, 'out-of-order.mbox'));
    await ingestMails(d, asStream(mails.slice(0, 3)));
    const before = await resolveSeriesId(d, 'ooo-1@example.org');
    await ingestMails(d, asStream(mails.slice(3)));
    const s = await seriesJson(d, (await resolveSeriesId(d, 'ooo-0@example.org'))!);
    expect(s!.id).toBe(before);
    expect(s!.cover?.messageId).toBe('ooo-0@example.org');
    expect(s!.patches[1]!.trailers).toContain('Reviewed-by: Rita Reviewer <rita@example.net>');
  });
});

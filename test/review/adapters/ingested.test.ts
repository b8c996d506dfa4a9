// With the real ingester: ingest the seed mbox, then the review ledger comes
// out of the stored messages, and `series show --json` carries the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../services/db/adapters/client.js';
import { ingestMails } from '../../../services/ingest/adapters/store.js';
import { resolveSource } from '../../../services/ingest/adapters/sources/index.js';
import { resolveSeriesId, seriesJson } from '../../../services/ingest/adapters/series-view.js';
import { ledgerForSeries } from '../../../services/review/adapters/ledger.js';
import { syncSeriesLedger } from '../../../services/review/adapters/store.js';
import { backendName, testDb } from '../../helpers/db.js';

let db: Db;
let seriesId: number;

beforeAll(async () => {
  db = await testDb();
  const source = await resolveSource('test/fixtures/corpus/cxl-region-attach-rfc.mbox');
  await ingestMails(db, source.mails());
  seriesId = (await resolveSeriesId(db, '20260403210050.1058650-1-dan.j.williams@intel.com')) as number;
});
afterAll(async () => db?.close());

describe(`review on ingested mail (${backendName()})`, () => {
  it('series show --json has the comments per patch and for the cover, without an explicit sync', async () => {
    const s = await seriesJson(db, seriesId);
    expect(s?.cover?.comments).toEqual([]);
    const p4 = s?.patches.find((p) => p.index === 4);
    const nit = p4?.comments.find((c) => c.text.startsWith('Nit: s/accelertor/'));
    expect(nit).toMatchObject({ author: { name: 'Lukas Wunner', email: 'lukas@wunner.de' }, messageId: '20260412085700.1-x-lukas@wunner.de', anchor: null, status: 'open', answeredBy: [] });
    const detach = p4?.comments.find((c) => /where does the core detach/.test(c.text));
    expect(detach).toMatchObject({ status: 'answered', answeredBy: ['20260411230234.1-x-dan.j.williams@intel.com'] });
    const lock = p4?.comments.find((c) => /set the region lock bit here/.test(c.text.replace(/\s+/g, ' ')));
    expect(lock?.status).toBe('acknowledged');
    expect(lock?.anchor?.file).toBe('drivers/cxl/core/region.c');
    const p1 = s?.patches.find((p) => p.index === 1);
    expect(p1?.comments.find((c) => /Isn't the memdev already cleaned up/.test(c.text.replace(/\s+/g, ' ')))?.status).toBe('answered');
  });

  it('gives the same ledger as the corpus reading, and a sync after the view changes nothing', async () => {
    const l = await ledgerForSeries(db, seriesId);
    expect(l.counts).toMatchObject({ acknowledged: 1, disputed: 2, addressed: 0, dismissed: 0 });
    const last = l.comments.filter((c) => c.messageId === '20260414154100.1-x-alucerop@amd.com');
    expect(last.length).toBeGreaterThanOrEqual(2);
    expect(last.every((c) => c.status === 'open')).toBe(true);
    expect(await syncSeriesLedger(db, seriesId)).toMatchObject({ created: 0, events: 0, answers: 0 });
  });
});

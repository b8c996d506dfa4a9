// The ledger store on a real database (PGlite, or Postgres with DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../services/db/adapters/client.js';
import { syncSeriesLedger } from '../../../services/review/adapters/store.js';
import { ledgerForSeries, setCommentStatus, commentsForSeriesView } from '../../../services/review/adapters/ledger.js';
import { backendName, testDb } from '../../helpers/db.js';
import { readMbox, type ParsedMail } from '../helpers/thread.js';
import { storeThread, type StoredSeries } from '../helpers/store-thread.js';

let db: Db;
let mails: ParsedMail[];
let s: StoredSeries;

beforeAll(async () => {
  db = await testDb();
  mails = await readMbox('test/fixtures/corpus/cxl-region-attach-rfc.mbox');
  s = await storeThread(db, mails);
});
afterAll(async () => db?.close());

const byText = async (re: RegExp) => {
  const l = await ledgerForSeries(db, s.seriesId);
  const c = l.comments.find((x) => re.test(x.text.replace(/\s+/g, ' ')));
  if (!c) throw new Error(`no comment ${re}`);
  return c;
};

describe(`review ledger store (${backendName()})`, () => {
  it('syncs the seed thread into the ledger as a person reads it', async () => {
    const sum = await syncSeriesLedger(db, s.seriesId);
    expect(sum.created).toBe(sum.comments);
    const l = await ledgerForSeries(db, s.seriesId);
    expect(l.counts).toMatchObject({ acknowledged: 1, disputed: 2, addressed: 0, dismissed: 0 });
    const detach = await byText(/where does the core detach the accelerator driver\?/);
    expect(detach.status).toBe('answered');
    expect(detach.answeredBy).toEqual(['20260411230234.1-x-dan.j.williams@intel.com']);
    expect(detach.answers[0]?.byAuthor).toBe(true);
    expect(detach.patchIndex).toBe(4);
    const lock = await byText(/set the region lock bit here/);
    expect(lock.history.map((h) => h.to)).toEqual(['open', 'answered', 'acknowledged']);
    expect(lock.anchor?.file).toBe('drivers/cxl/core/region.c');
    expect((await byText(/Isn't the memdev already cleaned up/)).history[1]?.evidence.stance).toBe('agrees');
    expect((await byText(/cxl_region_is_private\(\)"; it/)).status).toBe('disputed');
    expect((await byText(/That will make a kernel warn at least/)).status).toBe('open');
    const nit = await byText(/^Nit: s\/accelertor/);
    expect(nit.status).toBe('open');
    expect(nit.messageId).toBe('20260412085700.1-x-lukas@wunner.de');
    const followUps = l.comments.filter((c) => c.parentId === lock.id || c.parentId === detach.id);
    expect(followUps.every((c) => c.parentId !== null)).toBe(true);
  });

  it('is idempotent', async () => {
    const before = await ledgerForSeries(db, s.seriesId);
    const again = await syncSeriesLedger(db, s.seriesId);
    expect(again).toMatchObject({ created: 0, events: 0, answers: 0 });
    const after = await ledgerForSeries(db, s.seriesId);
    expect(after.comments.map((c) => [c.id, c.status, c.history.length])).toEqual(before.comments.map((c) => [c.id, c.status, c.history.length]));
  });

  it('sets a status by hand, keeps both in the history, and a re-sync does not undo it', async () => {
    const nit = await byText(/^Nit: s\/accelertor/);
    await expect(setCommentStatus(db, nit.id, 'dismissed', 'maintainer@example.org', null)).rejects.toMatchObject({ code: 'PL_ERR_BAD_INPUT' });
    await expect(setCommentStatus(db, nit.id, 'sideways', 'm', 'x')).rejects.toMatchObject({ code: 'PL_ERR_BAD_INPUT' });
    await expect(setCommentStatus(db, 999_999, 'open', 'm', 'x')).rejects.toMatchObject({ code: 'PL_ERR_NOT_FOUND' });
    const lock = await byText(/set the region lock bit here/);
    const set = await setCommentStatus(db, lock.id, 'dismissed', 'Dave Jiang <dave.jiang@intel.com>', 'two lock sources, not a bug');
    expect(set.status).toBe('dismissed');
    expect(set.history.map((h) => [h.to, h.evidence.manual ?? false])).toEqual([['open', false], ['answered', false], ['acknowledged', false], ['dismissed', true]]);
    await syncSeriesLedger(db, s.seriesId);
    expect((await byText(/set the region lock bit here/)).status).toBe('dismissed');
    const audit = await db.prisma.event.findMany({ where: { kind: 'comment.status', subjectId: lock.id } });
    expect(audit).toHaveLength(1);
  });

  it('survives two syncs of the same series at once', async () => {
    const list = await db.prisma.mailingList.create({ data: { listId: 'copy.example.org', name: 'copy' } });
    const copy = await storeThread(db, mails, { listId: list.id, key: 'copy' });
    const [a, b] = await Promise.all([syncSeriesLedger(db, copy.seriesId), syncSeriesLedger(db, copy.seriesId)]);
    expect(a.comments).toBe(b.comments);
    const l = await ledgerForSeries(db, copy.seriesId);
    expect(l.comments).toHaveLength(a.comments);
    expect(l.counts).toMatchObject({ acknowledged: 1, disputed: 2 });
    expect(l.comments.every((c) => c.history.filter((h) => h.to === 'open').length === 1)).toBe(true);
  });

  it('lists comments per patch and for the cover for series show', async () => {
    const v = await commentsForSeriesView(db, s.seriesId);
    const p4 = v.byPatch.get(s.patchIds.get(4) as number) ?? [];
    expect(p4.length).toBeGreaterThan(5);
    expect(Object.keys(p4[0] ?? {}).sort()).toEqual(['anchor', 'answeredBy', 'author', 'id', 'messageId', 'status', 'text']);
    expect(v.cover).toEqual([]);
  });
});

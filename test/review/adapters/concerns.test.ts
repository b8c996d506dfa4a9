// Rule-engine concerns in the ledger: posted as a reply, answered through
// it, dismissed with a reason, addressed when the next version no longer has
// them; human comments addressed when v2 changes their lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../services/db/adapters/client.js';
import { renderReplyForPatch } from '../../../services/review/adapters/reply.js';
import { syncSeriesLedger } from '../../../services/review/adapters/store.js';
import { ledgerForSeries, setCommentStatus } from '../../../services/review/adapters/ledger.js';
import { backendName, testDb } from '../../helpers/db.js';
import { readMbox, type ParsedMail } from '../helpers/thread.js';
import { storeThread, type StoredSeries } from '../helpers/store-thread.js';

let db: Db;
let mails: ParsedMail[];
let v1: StoredSeries;
const reviewer = { name: 'Patch Lens', email: 'review@patchlens.example' };
const UAF = 'devres-uaf:drivers/cxl/core/region.c:cxl_endpoint_region_autoremove';
const LOCK = 'lock-order:drivers/cxl/core/region.c:cxl_memdev_attach_region';

async function analyze(s: StoredSeries, fps: string[]): Promise<void> {
  const run = await db.prisma.analysisRun.create({ data: { seriesId: s.seriesId, stats: {} } });
  for (const fp of fps) {
    await db.prisma.concern.create({
      data: {
        runId: run.id,
        seriesId: s.seriesId,
        patchId: s.patchIds.get(4) as number,
        rule: fp.split(':')[0] as string,
        severity: 'high',
        file: 'drivers/cxl/core/region.c',
        startLine: fp === UAF ? 4319 : 4290,
        endLine: fp === UAF ? 4320 : 4292,
        summary: fp === UAF ? 'the endpoint autoremove can run after the region was freed' : 'the region rwsem is held across a devres release',
        explanation: 'Removal of cxl_acpi unregisters the region first; the endpoint action then uses it.',
        trace: { steps: [{ actor: 'acpi', action: 'unbind', detail: 'unregister_region(X), X freed' }, { actor: 'endpoint', action: 'release', detail: 'autoremove(X) reads X->cxlrd' }] },
        origin: 'new',
        fingerprint: fp,
      },
    });
  }
}

const concernComment = async (seriesId: number, fp: string) => {
  const l = await ledgerForSeries(db, seriesId);
  const c = l.comments.find((x) => x.concernId !== null && x.text.startsWith(fp === UAF ? 'the endpoint autoremove' : 'the region rwsem'));
  if (!c) throw new Error(`no concern comment for ${fp}`);
  return c;
};

beforeAll(async () => {
  process.env.PATCHLENS_REVIEWER = 'Patch Lens <review@patchlens.example>';
  db = await testDb();
  mails = await readMbox('test/fixtures/corpus/cxl-region-attach-rfc.mbox');
  v1 = await storeThread(db, mails);
  await analyze(v1, [UAF, LOCK]);
});
afterAll(async () => {
  delete process.env.PATCHLENS_REVIEWER;
  await db?.close();
});

describe(`concerns in the ledger (${backendName()})`, () => {
  let posted = '';

  it('renders one reply for the patch with its open concerns and records its Message-ID', async () => {
    const r = await renderReplyForPatch(db, v1.patchIds.get(4) as number, { reviewer, record: true, now: new Date('2026-04-05T08:00:00Z') });
    expect(r.concerns).toBe(2);
    expect(r.text).toMatch(/^From: Patch Lens <review@patchlens\.example>$/m);
    expect(r.text).toMatch(/^In-Reply-To: <20260403210050\.1058650-5-dan\.j\.williams@intel\.com>$/m);
    expect(r.text).toMatch(/ {2}1\. acpi\.unbind: unregister_region\(X\), X freed/);
    expect(r.commentIds).toHaveLength(2);
    posted = r.messageId;
    const c = await concernComment(v1.seriesId, UAF);
    expect(c.author).toEqual({ name: 'patchlens', email: reviewer.email });
    expect(c.status).toBe('open');
    expect(c.anchor).toEqual({ file: 'drivers/cxl/core/region.c', lines: [4319, 4320] });
  });

  it('a read renders without writing anything', async () => {
    const before = await db.prisma.event.count();
    const r = await renderReplyForPatch(db, v1.patchIds.get(4) as number, { reviewer });
    expect(r.concerns).toBe(2);
    expect(await db.prisma.event.count()).toBe(before);
  });

  it('is answered when the author replies to the posted mail', async () => {
    const p4 = mails.find((m) => m.subject.startsWith('[RFC PATCH 4/4]')) as ParsedMail;
    const answer: ParsedMail = {
      ...p4,
      messageId: 'answer-1@intel.com',
      subject: `Re: ${p4.subject}`,
      date: new Date('2026-04-06T08:00:00Z'),
      inReplyTo: posted,
      references: [...p4.references, p4.messageId, posted],
      body: `Patch Lens wrote:\n> the endpoint autoremove can run after the region was freed\n> (drivers/cxl/core/region.c:4319-4320)\n\nGood catch, the region needs a reference held by the endpoint action.\n`,
    };
    const echo = { ...answer, messageId: posted, from: reviewer, inReplyTo: p4.messageId, body: 'the endpoint autoremove can run after the region was freed' };
    await storeThread(db, [echo, answer], { key: 'other', listId: v1.listId }).catch(() => undefined);
    // attach the answer (and the list's copy of our own mail) to v1, as the ingester would
    for (const id of [posted, 'answer-1@intel.com']) {
      const row = await db.prisma.message.findFirstOrThrow({ where: { messageId: id } });
      await db.prisma.reply.update({ where: { messageRowId: row.id }, data: { seriesId: v1.seriesId, patchId: v1.patchIds.get(4) as number } });
    }
    await syncSeriesLedger(db, v1.seriesId);
    const c = await concernComment(v1.seriesId, UAF);
    expect(c.status).toBe('answered');
    expect(c.answers).toEqual([{ messageId: 'answer-1@intel.com', byAuthor: true, byCommenter: false }]);
    expect(c.history[1]?.evidence.stance).toBe('agrees');
    // our own mail coming back from the list is not read as a person's comment
    const l = await ledgerForSeries(db, v1.seriesId);
    expect(l.comments.filter((x) => x.author.email === reviewer.email && x.concernId === null)).toEqual([]);
    const lock = await concernComment(v1.seriesId, LOCK);
    expect(lock.status, JSON.stringify(lock.history)).toBe('open');
  });

  it('is dismissed by a maintainer with a reason, and is not offered again', async () => {
    const c = await concernComment(v1.seriesId, LOCK);
    const d = await setCommentStatus(db, c.id, 'dismissed', 'Dave Jiang <dave.jiang@intel.com>', 'rwsem is read-held; release takes it for write only on -ENOMEM');
    expect(d.history.at(-1)).toMatchObject({ to: 'dismissed', evidence: { manual: true, note: expect.stringMatching(/read-held/) } });
    const r = await renderReplyForPatch(db, v1.patchIds.get(4) as number, { reviewer });
    expect(r.concerns).toBe(0);
    expect(r.text).toBe('');
  });

  it('is addressed when v2 no longer has the concern; human comments when v2 changes their lines', async () => {
    const v2mails = mails
      .filter((m) => /^\[RFC PATCH [1-4]\/4\]/.test(m.subject))
      .map((m) => ({ ...m, messageId: `v2-${m.messageId}`, subject: m.subject.replace('RFC PATCH', 'RFC PATCH v2'), references: [], inReplyTo: null }))
      .map((m) => (m.subject.includes(' 1/4]') ? { ...m, body: m.body.replace(/\+\tvoid \*group;\n\+\n\+\tgroup = devres_open_group\(cxlds->dev, NULL, GFP_KERNEL\);\n\+\tif \(!group\)\n\+\t\treturn ERR_PTR\(-ENOMEM\);\n/, '') } : m));
    const v2 = await storeThread(db, v2mails, { key: 'v2', version: 2, previousId: v1.seriesId, listId: v1.listId });
    await analyze(v2, []);
    const sum = await syncSeriesLedger(db, v2.seriesId);
    expect(sum.addressed).toBeGreaterThan(0);
    const uaf = await concernComment(v1.seriesId, UAF);
    expect(uaf.status).toBe('addressed');
    expect(uaf.history.at(-1)?.evidence.note).toMatch(/^v2: the analysis no longer reports/);
    expect((await concernComment(v1.seriesId, LOCK)).status).toBe('dismissed');
    const l = await ledgerForSeries(db, v1.seriesId);
    const devres = l.comments.find((c) => /What is this devres group doing\?/.test(c.text));
    expect(devres?.status).toBe('addressed');
    expect(devres?.history.at(-1)?.evidence.note).toMatch(/^v2: drivers\/cxl\/mem\.c:\d+-\d+ changed/);
    // patch 4 did not change: its comments stay where they were
    const rename = l.comments.find((c) => /cxl_region_is_private\(\)"; it/.test(c.text.replace(/\s+/g, ' ')));
    expect(rename?.status).toBe('disputed');
    expect((await syncSeriesLedger(db, v2.seriesId)).addressed).toBe(0);
  });
});

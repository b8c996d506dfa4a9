import { describe, expect, it } from 'vitest';
import { build } from './helper.js';
import { makeApplyRun, makeComment, makeConcern, makeList, makePerson, makeSeries, makeTrailer } from './factories.js';
import { backendName } from '../helpers/db.js';

describe(`series reads (${backendName()})`, () => {
  it('lists the queue with aggregates and a version chain', async () => {
    const { app, db } = await build();
    const list = await makeList(db, 'linux-cxl.vger.kernel.org');
    const author = await makePerson(db, 'Dan Williams', 'dan.j.williams@intel.com');
    const v1 = await makeSeries(db, { listId: list.id, title: 'cxl: attach', submitterId: author.id, date: new Date('2026-04-01T00:00:00Z') });
    const v2 = await makeSeries(db, { listId: list.id, title: 'cxl: attach', version: 2, previousId: v1.id, submitterId: author.id, date: new Date('2026-04-05T00:00:00Z') });
    await makeTrailer(db, v2.id, 'Reviewed-by');
    await makeTrailer(db, v2.id, 'Reviewed-by');
    await makeTrailer(db, v2.id, 'Acked-by');
    const [p1] = await db.prisma.patch.findMany({ where: { seriesId: v2.id }, orderBy: { index: 'asc' } });
    await makeApplyRun(db, v2.id, 'fails', p1!.id);
    const c1 = await makeConcern(db, v2.id, p1!.id);
    await makeComment(db, v2.id, { concernId: c1.id, status: 'open' });

    const res = await app.inject({ method: 'GET', url: '/api/series' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((s: { id: number }) => s.id)).toEqual([v2.id, v1.id]);
    const row = body.items[0];
    expect(row).toMatchObject({
      title: 'cxl: attach',
      version: 2,
      list: 'linux-cxl.vger.kernel.org',
      author: { name: 'Dan Williams', email: 'dan.j.williams@intel.com' },
      trailers: { reviewed: 2, acked: 1, tested: 0 },
      apply: { verdict: 'fails', firstFailing: 1 },
      concerns: { open: 1, answered: 0 },
      received: 2,
      total: 2,
    });
    expect(row.versions).toEqual([{ id: v1.id, version: 1 }, { id: v2.id, version: 2 }]);
    expect(body.items[1].versions).toEqual(row.versions);
  });

  it('filters and pages with a cursor', async () => {
    const { app, db } = await build();
    const a = await makeList(db, 'a.vger.kernel.org');
    const b = await makeList(db, 'b.vger.kernel.org');
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await makeSeries(db, { listId: a.id, patches: 1, date: new Date(Date.UTC(2026, 0, 1 + i)) })).id);
    await makeSeries(db, { listId: b.id, patches: 1, state: 'Accepted' });
    const page1 = (await app.inject({ url: '/api/series?list=a.vger.kernel.org&limit=2' })).json();
    expect(page1.items.map((s: { id: number }) => s.id)).toEqual([ids[4], ids[3]]);
    const page2 = (await app.inject({ url: `/api/series?list=a.vger.kernel.org&limit=2&cursor=${page1.nextCursor}` })).json();
    expect(page2.items.map((s: { id: number }) => s.id)).toEqual([ids[2], ids[1]]);
    const page3 = (await app.inject({ url: `/api/series?list=a.vger.kernel.org&limit=2&cursor=${page2.nextCursor}` })).json();
    expect(page3.items.map((s: { id: number }) => s.id)).toEqual([ids[0]]);
    expect(page3.nextCursor).toBeNull();
    const asc = (await app.inject({ url: '/api/series?list=a.vger.kernel.org&sort=date&limit=3' })).json();
    expect(asc.items.map((s: { id: number }) => s.id)).toEqual(ids.slice(0, 3));
    const accepted = (await app.inject({ url: '/api/series?state=Accepted,Rejected' })).json();
    expect(accepted.items).toHaveLength(1);
    expect(accepted.items[0].list).toBe('b.vger.kernel.org');
    const since = (await app.inject({ url: '/api/series?list=a.vger.kernel.org&since=2026-01-04T00:00:00Z' })).json();
    expect(since.items).toHaveLength(2);
  });

  it('filters by author, delegate, version, concerns and verdict', async () => {
    const { app, db } = await build();
    const l = await makeList(db);
    const dan = await makePerson(db, 'Dan', 'dan@example.org');
    const s1 = await makeSeries(db, { listId: l.id, submitterId: dan.id, patches: 1 });
    const s2 = await makeSeries(db, { listId: l.id, version: 3, patches: 1 });
    await db.prisma.series.update({ where: { id: s2.id }, data: { delegateId: dan.id } });
    const [p] = await db.prisma.patch.findMany({ where: { seriesId: s1.id } });
    await makeConcern(db, s1.id, p!.id);
    await makeApplyRun(db, s2.id, 'clean');
    const ids = async (q: string) => (await app.inject({ url: `/api/series?${q}` })).json().items.map((s: { id: number }) => s.id);
    expect(await ids('author=dan@example.org')).toEqual([s1.id]);
    expect(await ids(`author=${dan.id}`)).toEqual([s1.id]);
    expect(await ids('delegate=dan@example.org')).toEqual([s2.id]);
    expect(await ids('delegate=none')).toEqual([s1.id]);
    expect(await ids('version=3')).toEqual([s2.id]);
    expect(await ids('concerns=open')).toEqual([s1.id]);
    expect(await ids('concerns=none')).toEqual([s2.id]);
    expect(await ids('verdict=clean')).toEqual([s2.id]);
    expect(await ids('verdict=none')).toEqual([s1.id]);
  });

  it('rejects bad filters naming the field', async () => {
    const { app } = await build();
    const bad = await app.inject({ url: '/api/series?state=Bogus' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'PL_ERR_BAD_INPUT' });
    expect(bad.json().message).toMatch(/^state/);
    const cur = await app.inject({ url: '/api/series?cursor=nope' });
    expect(cur.statusCode).toBe(400);
    expect(cur.json().message).toMatch(/^cursor/);
    const lim = await app.inject({ url: '/api/series?limit=1000' });
    expect(lim.statusCode).toBe(400);
    expect(lim.json().message).toMatch(/^limit/);
  });

  it('returns the series detail with patches, apply per hunk, concerns and ledger', async () => {
    const { app, db } = await build();
    const l = await makeList(db);
    const v1 = await makeSeries(db, { listId: l.id, patches: 2 });
    const s = await makeSeries(db, { listId: l.id, patches: 2, version: 2, previousId: v1.id });
    const patches = await db.prisma.patch.findMany({ where: { seriesId: s.id }, orderBy: { index: 'asc' } });
    await makeApplyRun(db, s.id, 'fails', patches[1]!.id);
    const concern = await makeConcern(db, s.id, patches[1]!.id, { startLine: 13, endLine: 14 });
    await makeComment(db, s.id, { patchId: patches[0]!.id, text: 'nit: spelling', status: 'answered' });
    await makeTrailer(db, s.id, 'Tested-by', patches[0]!.id);
    const res = await app.inject({ url: `/api/series/${s.id}` });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.cover.body).toContain('Cover letter');
    expect(d.patches).toHaveLength(2);
    expect(d.patches[0].trailers).toEqual([expect.objectContaining({ kind: 'Tested-by' })]);
    expect(d.patches[1].apply).toMatchObject({ status: 'conflict', hunks: [{ status: 'conflict', hunk: 1 }] });
    expect(d.patches[0].hunks[0]).toMatchObject({ newStart: 10, newLines: 8 });
    expect(d.concerns).toEqual([expect.objectContaining({ id: concern.id, patchId: patches[1]!.id, startLine: 13, endLine: 14, status: 'open' })]);
    expect(d.concerns[0].trace.actors).toEqual(['cxl_acpi', 'cxl_port', 'cxl_region']);
    expect(d.concerns[0].trace.steps[1]).toMatchObject({ from: 'cxl_port', to: 'cxl_region', violating: true });
    expect(d.ledger).toEqual([expect.objectContaining({ text: 'nit: spelling', status: 'answered' })]);
    expect(d.versions.map((v: { id: number }) => v.id)).toEqual([v1.id, s.id]);
    expect(d.apply).toMatchObject({ verdict: 'fails', firstFailing: 2 });
    expect(Object.keys(d)).not.toContain('key');
  });

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    const { app } = await build();
    const nf = await app.inject({ url: '/api/series/999999' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json()).toEqual({ statusCode: 404, code: 'PL_ERR_NOT_FOUND', error: 'Not Found', message: 'series 999999 not found' });
    expect((await app.inject({ url: '/api/patches/424242' })).statusCode).toBe(404);
    const bad = await app.inject({ url: '/api/series/abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^id/);
  });
});

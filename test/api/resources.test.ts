import { describe, expect, it } from 'vitest';
import { build } from './helper.js';
import { makeList, makeMessage, makePerson, makeSeries } from './factories.js';
import { backendName } from '../helpers/db.js';

describe(`resources (${backendName()})`, () => {
  it('serves health, metrics and the OpenAPI document', async () => {
    const { app } = await build();
    expect((await app.inject({ url: '/healthz' })).json()).toMatchObject({ ok: true });
    await app.inject({ url: '/api/lists' });
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('patchlens_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('route="/api/lists"');
    const spec = (await app.inject({ url: '/docs/json' })).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/series', '/api/series/{id}', '/api/series/{id}/state', '/api/search']));
    expect(spec.paths['/api/series/{id}/state'].post.requestBody).toBeDefined();
    expect(spec.paths['/api/series'].get.responses['200']).toBeDefined();
    expect((await app.inject({ url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('lists lists and shows a person', async () => {
    const { app, db } = await build();
    const l = await makeList(db, 'linux-cxl.vger.kernel.org');
    const p = await makePerson(db, 'Dan Williams', 'dan.j.williams@intel.com');
    await makeSeries(db, { listId: l.id, submitterId: p.id, patches: 1 });
    expect((await app.inject({ url: '/api/lists' })).json().items).toEqual([
      { id: l.id, listId: 'linux-cxl.vger.kernel.org', name: 'linux-cxl', series: 1, open: 1 },
    ]);
    const person = (await app.inject({ url: `/api/people/${p.id}` })).json();
    expect(person).toMatchObject({ name: 'Dan Williams', addresses: ['dan.j.williams@intel.com'] });
    expect(person.series).toHaveLength(1);
    expect((await app.inject({ url: '/api/people/99999' })).statusCode).toBe(404);
  });

  it('finds messages by full-text search and names their series', async () => {
    const { app, db } = await build();
    const l = await makeList(db);
    const s = await makeSeries(db, { listId: l.id, patches: 1, title: 'cxl: region attach' });
    const thread = await db.prisma.series.findUniqueOrThrow({ where: { id: s.id } });
    await makeMessage(db, { listId: l.id, threadId: thread.threadId!, subject: 'Re: [PATCH 1/1] cxl: change 1', body: 'The autoremove action dereferences a freed region.\n' });
    await makeMessage(db, { listId: l.id, subject: 'unrelated', body: 'nothing to see\n' });
    const res = (await app.inject({ url: '/api/search?q=freed%20regions' })).json();
    expect(res.items).toHaveLength(1);
    expect(res.items[0]).toMatchObject({ subject: 'Re: [PATCH 1/1] cxl: change 1', seriesId: s.id });
    expect(res.items[0].snippet).toContain('«freed»');
    const q = (await app.inject({ url: '/api/series?q=autoremove' })).json();
    expect(q.items.map((x: { id: number }) => x.id)).toEqual([s.id]);
    const empty = await app.inject({ url: '/api/search' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/^q: /);
  });

  it('serves a message as JSON and raw mbox, by row id or Message-ID', async () => {
    const { app, db } = await build();
    const l = await makeList(db);
    const m = await makeMessage(db, { listId: l.id, subject: 'hello', body: 'From the start\n>From quoted\n', raw: 'Subject: hello\n\nFrom the start\n>From quoted\n' });
    const json = (await app.inject({ url: `/api/messages/${encodeURIComponent(`<${m.messageId}>`)}` })).json();
    expect(json).toMatchObject({ id: m.id, subject: 'hello', list: l.listId });
    const raw = await app.inject({ url: `/api/messages/${m.id}/raw` });
    expect(raw.headers['content-type']).toContain('application/mbox');
    expect(raw.body).toBe('From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: hello\n\n>From the start\n>>From quoted\n\n');
    expect((await app.inject({ url: '/api/messages/nobody@nowhere' })).statusCode).toBe(404);
  });

  it('downloads patch and series mboxes in patch order', async () => {
    const { app, db } = await build();
    const l = await makeList(db);
    const s = await makeSeries(db, { listId: l.id, patches: 3 });
    const patches = await db.prisma.patch.findMany({ where: { seriesId: s.id }, orderBy: { index: 'asc' } });
    const one = await app.inject({ url: `/api/patches/${patches[0]!.id}/mbox` });
    expect(one.statusCode).toBe(200);
    expect(one.body.startsWith('From mboxrd@z')).toBe(true);
    expect(one.body).toContain('[PATCH 1/3]');
    const all = await app.inject({ url: `/api/series/${s.id}/mbox` });
    expect(all.headers['content-disposition']).toContain(`series-${s.id}-v1.mbox`);
    const order = ['[PATCH 1/3]', '[PATCH 2/3]', '[PATCH 3/3]'].map((x) => all.body.indexOf(x));
    expect(order.every((x, i) => x >= 0 && (i === 0 || x > order[i - 1]!))).toBe(true);
    expect((await app.inject({ url: '/api/series/777777/mbox' })).statusCode).toBe(404);
  });

  it('range-diffs two versions', async () => {
    const { app, db } = await build();
    const l = await makeList(db);
    const v1 = await makeSeries(db, { listId: l.id, patches: 2 });
    const v2 = await makeSeries(db, { listId: l.id, patches: 2, version: 2, previousId: v1.id, diff: '--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n' });
    const res = (await app.inject({ url: `/api/range-diff?from=${v1.id}&to=${v2.id}` })).json();
    expect(res.pairs).toHaveLength(2);
    expect(res.pairs[0]).toMatchObject({ fromIndex: 1, toIndex: 1, status: '!' });
    expect(res.pairs[0].diff).toContain('++new');
    expect(res.pairs[0].diff).toContain('-+\t\treturn rc;');
  });
});

describe(`review reply (${backendName()})`, () => {
  it('renders the review reply of a patch through the review stage, 404 for an unknown patch', async () => {
    const { app, db } = await build();
    const l = await makeList(db);
    const s = await makeSeries(db, { listId: l.id, patches: 1 });
    const [p] = await db.prisma.patch.findMany({ where: { seriesId: s.id } });
    const none = await app.inject({ url: `/api/patches/${p!.id}/reply` });
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ patchId: p!.id, text: '' });
    expect((await app.inject({ url: '/api/patches/999999/reply' })).statusCode).toBe(404);
  });
});

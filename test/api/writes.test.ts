import { describe, expect, it } from 'vitest';
import { auth, build } from './helper.js';
import { makeComment, makeConcern, makeList, makePerson, makeSeries, makeToken } from './factories.js';
import { revokeToken } from '../../services/api/auth/tokens.js';
import { backendName } from '../helpers/db.js';

describe(`writes (${backendName()})`, () => {
  it('sets a state with a maintainer token and records who and when', async () => {
    const { app, db } = await build();
    const l = await makeList(db, 'linux-cxl.vger.kernel.org');
    const s = await makeSeries(db, { listId: l.id });
    const token = await makeToken(db, [l.id], 'Dave Jiang', 'dave.jiang@intel.com');
    const res = await app.inject({ method: 'POST', url: `/api/series/${s.id}/state`, headers: auth(token), payload: { state: 'Under Review', patches: true } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: s.id, state: 'Under Review' });
    expect((await db.prisma.series.findUniqueOrThrow({ where: { id: s.id } })).state).toBe('Under Review');
    expect((await db.prisma.patch.findMany({ where: { seriesId: s.id } })).every((p) => p.state === 'Under Review')).toBe(true);
    const events = (await app.inject({ url: `/api/events?subjectType=series&subjectId=${s.id}` })).json();
    expect(events.items).toEqual([
      expect.objectContaining({ kind: 'series.state', actor: 'Dave Jiang <dave.jiang@intel.com>', payload: expect.objectContaining({ from: 'New', to: 'Under Review' }) }),
    ]);
    expect(Date.parse(events.items[0].createdAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers 401 without a token, 403 for another list, 400 naming the field, 404 for unknown ids', async () => {
    const { app, db } = await build();
    const mine = await makeList(db);
    const other = await makeList(db);
    const s = await makeSeries(db, { listId: other.id });
    const token = await makeToken(db, [mine.id]);
    const url = `/api/series/${s.id}/state`;
    const none = await app.inject({ method: 'POST', url, payload: { state: 'Accepted' } });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('PL_ERR_UNAUTHORIZED');
    const wrongToken = await app.inject({ method: 'POST', url, headers: auth('plk_nope'), payload: { state: 'Accepted' } });
    expect(wrongToken.statusCode).toBe(401);
    const forbidden = await app.inject({ method: 'POST', url, headers: auth(token), payload: { state: 'Accepted' } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('PL_ERR_FORBIDDEN');
    const bad = await app.inject({ method: 'POST', url, headers: auth(token), payload: { state: 'Merged' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^state: /);
    const missing = await app.inject({ method: 'POST', url, headers: auth(token), payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toMatch(/^state: /);
    const nf = await app.inject({ method: 'POST', url: '/api/series/987654/state', headers: auth(token), payload: { state: 'Accepted' } });
    expect(nf.statusCode).toBe(404);
    expect((await db.prisma.series.findUniqueOrThrow({ where: { id: s.id } })).state).toBe('New');
    expect(await db.prisma.event.count({ where: { kind: 'series.state' } })).toBe(0);
  });

  it('refuses a revoked token', async () => {
    const { app, db } = await build();
    const l = await makeList(db);
    const s = await makeSeries(db, { listId: l.id });
    const token = await makeToken(db, [l.id]);
    const t = await db.prisma.apiToken.findFirstOrThrow();
    await revokeToken(db, t.id);
    const res = await app.inject({ method: 'POST', url: `/api/series/${s.id}/state`, headers: auth(token), payload: { state: 'Accepted' } });
    expect(res.statusCode).toBe(401);
    expect(t.tokenHash).not.toContain(token.slice(4));
  });

  it('bulk-sets states all or nothing', async () => {
    const { app, db } = await build();
    const l = await makeList(db);
    const other = await makeList(db);
    const a = await makeSeries(db, { listId: l.id, patches: 1 });
    const b = await makeSeries(db, { listId: l.id, patches: 1 });
    const c = await makeSeries(db, { listId: other.id, patches: 1 });
    const token = await makeToken(db, [l.id]);
    const ok = await app.inject({ method: 'POST', url: '/api/series/state', headers: auth(token), payload: { ids: [a.id, b.id], state: 'Deferred' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().updated.map((x: { state: string }) => x.state)).toEqual(['Deferred', 'Deferred']);
    const mixed = await app.inject({ method: 'POST', url: '/api/series/state', headers: auth(token), payload: { ids: [a.id, c.id], state: 'Accepted' } });
    expect(mixed.statusCode).toBe(403);
    expect((await db.prisma.series.findUniqueOrThrow({ where: { id: a.id } })).state).toBe('Deferred');
    const empty = await app.inject({ method: 'POST', url: '/api/series/state', headers: auth(token), payload: { ids: [], state: 'Accepted' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/^ids: /);
  });

  it('delegates, links and unlinks versions; a link supersedes the older version through the job', async () => {
    const { app, db, runner } = await build();
    const l = await makeList(db);
    const dave = await makePerson(db, 'Dave', 'dave@example.org');
    const v1 = await makeSeries(db, { listId: l.id, patches: 1 });
    const v2 = await makeSeries(db, { listId: l.id, patches: 1, version: 2 });
    const token = await makeToken(db, [l.id]);
    const del = await app.inject({ method: 'POST', url: `/api/series/${v2.id}/delegate`, headers: auth(token), payload: { delegate: 'dave@example.org' } });
    expect(del.json().delegate).toEqual({ id: dave.id, name: 'Dave', email: 'dave@example.org' });
    const unknown = await app.inject({ method: 'POST', url: `/api/series/${v2.id}/delegate`, headers: auth(token), payload: { delegate: 'who@example.org' } });
    expect(unknown.statusCode).toBe(404);
    const self = await app.inject({ method: 'POST', url: `/api/series/${v2.id}/link`, headers: auth(token), payload: { previousId: v2.id } });
    expect(self.statusCode).toBe(400);
    expect(self.json().message).toMatch(/^previousId: /);
    const link = await app.inject({ method: 'POST', url: `/api/series/${v2.id}/link`, headers: auth(token), payload: { previousId: v1.id } });
    expect(link.json()).toMatchObject({ id: v2.id, previousId: v1.id });
    const cycle = await app.inject({ method: 'POST', url: `/api/series/${v1.id}/link`, headers: auth(token), payload: { previousId: v2.id } });
    expect(cycle.statusCode).toBe(409);
    await app.pump?.kick();
    await runner.idle();
    expect((await db.prisma.series.findUniqueOrThrow({ where: { id: v1.id } })).state).toBe('Superseded');
    const ev = await db.prisma.event.findFirstOrThrow({ where: { subjectId: v1.id, kind: 'series.state' } });
    expect(ev.actor).toBe('patchlens');
    const unlink = await app.inject({ method: 'DELETE', url: `/api/series/${v2.id}/link`, headers: auth(token) });
    expect(unlink.json().previousId).toBeNull();
    const kinds = (await db.prisma.event.findMany({ where: { subjectId: v2.id, subjectType: 'series' }, orderBy: { id: 'asc' } })).map((e) => [e.kind, e.actor]);
    expect(kinds).toEqual([
      ['series.delegate', 'maint <maint@example.org>'],
      ['series.link', 'maint <maint@example.org>'],
      ['series.unlink', 'maint <maint@example.org>'],
    ]);
    expect(runner.failures).toEqual([]);
  });

  it('sets comment and concern status with a CommentEvent and an Event', async () => {
    const { app, db } = await build();
    const l = await makeList(db);
    const s = await makeSeries(db, { listId: l.id, patches: 1 });
    const [p] = await db.prisma.patch.findMany({ where: { seriesId: s.id } });
    const c = await makeComment(db, s.id, { patchId: p!.id });
    const concern = await makeConcern(db, s.id, p!.id);
    const token = await makeToken(db, [l.id]);
    const r1 = await app.inject({ method: 'POST', url: `/api/comments/${c.id}/status`, headers: auth(token), payload: { status: 'addressed', reason: 'fixed in v2' } });
    expect(r1.json()).toEqual({ id: c.id, status: 'addressed' });
    const ce = await db.prisma.commentEvent.findFirstOrThrow({ where: { commentId: c.id } });
    expect(ce).toMatchObject({ fromStatus: 'open', toStatus: 'addressed', evidence: { note: 'fixed in v2', manual: true } });
    const concernComment = await makeComment(db, s.id, { patchId: p!.id, concernId: concern.id });
    const noReason = await app.inject({ method: 'POST', url: `/api/concerns/${concern.id}/status`, headers: auth(token), payload: { status: 'dismissed' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toMatch(/^reason: /);
    const r2 = await app.inject({ method: 'POST', url: `/api/concerns/${concern.id}/status`, headers: auth(token), payload: { status: 'dismissed', reason: 'false positive' } });
    expect(r2.json()).toMatchObject({ concernId: concern.id, commentId: concernComment.id, status: 'dismissed' });
    const detail = (await app.inject({ url: `/api/series/${s.id}` })).json();
    expect(detail.concerns[0].status).toBe('answered');
    const q = (await app.inject({ url: '/api/series' })).json();
    expect(q.items[0].concerns).toEqual({ open: 0, answered: 1 });
    const bad = await app.inject({ method: 'POST', url: `/api/comments/${c.id}/status`, headers: auth(token), payload: { status: 'done' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^status: /);
    expect(await db.prisma.event.count({ where: { kind: 'comment.status' } })).toBe(2);
  });

  it('triggers apply: the request is an Event and the apply job stores a run', async () => {
    const { app, db, runner } = await build();
    const l = await makeList(db);
    const s = await makeSeries(db, { listId: l.id, patches: 1 });
    const token = await makeToken(db, [l.id]);
    const res = await app.inject({ method: 'POST', url: `/api/series/${s.id}/apply`, headers: auth(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ seriesId: s.id, stage: 'apply' });
    await app.pump?.kick();
    await runner.idle();
    expect(runner.failures).toEqual([]);
    const run = await db.prisma.applyRun.findFirstOrThrow({ where: { seriesId: s.id } });
    expect(run.verdict).toBe('no-tree');
    const q = (await app.inject({ url: `/api/series?verdict=no-tree` })).json();
    expect(q.items.map((x: { id: number }) => x.id)).toEqual([s.id]);
  });
});

describe(`queue micro-cache (${backendName()})`, () => {
  it('serves a repeated queue read from the cache, and a write through the API clears it', async () => {
    const { app, db } = await build();
    const l = await makeList(db);
    const s = await makeSeries(db, { listId: l.id, patches: 1 });
    const token = await makeToken(db, [l.id]);
    const state = async () => (await app.inject({ url: '/api/series' })).json().items[0].state;
    expect(await state()).toBe('New');
    // a change behind the API's back is not seen within the cache window…
    await db.prisma.series.update({ where: { id: s.id }, data: { state: 'RFC' } });
    expect(await state()).toBe('New');
    // …but any write through the API clears it
    await app.inject({ method: 'POST', url: `/api/series/${s.id}/state`, headers: auth(token), payload: { state: 'Accepted' } });
    expect(await state()).toBe('Accepted');
  });
});

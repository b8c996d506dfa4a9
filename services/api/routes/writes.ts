// Write routes: state, delegate, version links, comment/concern status and
// the apply/analyze triggers. Every one requires a token (requireToken → 401)
// and calls one command, which checks the list (403) and writes an Event.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/adapters/client.js';
import { IdParams, writeErrorResponses } from '../schemas/common.js';
import { BulkResult, BulkStateBody, LinkBody, SeriesState, SetDelegateBody, SetStateBody } from '../schemas/series.js';
import { CommentStatusBody, CommentStatusResult, ConcernStatusResult, PatchStateBody, PatchStateResult, TriggerResult } from '../schemas/writes.js';
import { presentSeriesState } from '../presenters/series.js';
import { actorOf, requireToken } from '../plugins/auth.js';
import { setPatchState, setSeriesState, setSeriesStates } from '../commands/series-state.js';
import { setDelegate } from '../commands/series-delegate.js';
import { linkVersion, unlinkVersion } from '../commands/series-link.js';
import { setCommentStatus, setConcernStatus } from '../commands/comment-status.js';
import { requestStage } from '../commands/trigger.js';

export const writeRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.addHook('preHandler', requireToken(db));
  const ok = <T>(body: T) => ({ tags: ['writes'], security: [{ bearer: [] }], response: { 200: body, ...writeErrorResponses } });

  app.post('/api/series/:id/state', { schema: { ...ok(SeriesState), summary: 'set the state of a series', params: IdParams, body: SetStateBody } }, async (req) =>
    presentSeriesState(await setSeriesState(db, actorOf(req), req.params.id, req.body.state, { patches: req.body.patches })),
  );

  app.post('/api/series/state', { schema: { ...ok(BulkResult), summary: 'set the state of several series', body: BulkStateBody } }, async (req) => ({
    updated: (await setSeriesStates(db, actorOf(req), req.body.ids, req.body.state)).map(presentSeriesState),
  }));

  app.post('/api/series/:id/delegate', { schema: { ...ok(SeriesState), summary: 'delegate a series', params: IdParams, body: SetDelegateBody } }, async (req) =>
    presentSeriesState(await setDelegate(db, actorOf(req), req.params.id, req.body.delegate)),
  );

  app.post('/api/series/:id/link', { schema: { ...ok(SeriesState), summary: 'link to the previous version', params: IdParams, body: LinkBody } }, async (req) =>
    presentSeriesState(await linkVersion(db, actorOf(req), req.params.id, req.body.previousId)),
  );

  app.delete('/api/series/:id/link', { schema: { ...ok(SeriesState), summary: 'unlink from the previous version', params: IdParams } }, async (req) =>
    presentSeriesState(await unlinkVersion(db, actorOf(req), req.params.id)),
  );

  app.post('/api/series/:id/apply', { schema: { ...ok(TriggerResult), summary: 'check the series against its tree again', params: IdParams } }, async (req) => {
    const r = await requestStage(db, actorOf(req), req.params.id, 'apply');
    return { ...r, queuedAt: r.queuedAt.toISOString() };
  });

  app.post('/api/series/:id/analyze', { schema: { ...ok(TriggerResult), summary: 'analyze the series again', params: IdParams } }, async (req) => {
    const r = await requestStage(db, actorOf(req), req.params.id, 'analyze');
    return { ...r, queuedAt: r.queuedAt.toISOString() };
  });

  app.post('/api/patches/:id/state', { schema: { ...ok(PatchStateResult), summary: 'set the state of a patch', params: IdParams, body: PatchStateBody } }, async (req) => {
    const p = await setPatchState(db, actorOf(req), req.params.id, req.body.state);
    return { id: p.id, state: p.state };
  });

  app.post('/api/comments/:id/status', { schema: { ...ok(CommentStatusResult), summary: 'set a ledger comment status', params: IdParams, body: CommentStatusBody } }, async (req) => {
    const c = await setCommentStatus(db, actorOf(req), req.params.id, req.body.status, req.body.reason ?? null);
    return { id: c.id, status: c.status };
  });

  app.post('/api/concerns/:id/status', { schema: { ...ok(ConcernStatusResult), summary: 'set a concern status', params: IdParams, body: CommentStatusBody } }, async (req) =>
    setConcernStatus(db, actorOf(req), req.params.id, req.body.status, req.body.reason ?? null),
  );
};

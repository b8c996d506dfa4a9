// Read routes of series and patches: the triage queue, the series page, one
// patch, mbox downloads and the range-diff between two versions. Each is a
// schema, one service call and one presenter.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/adapters/client.js';
import { errorResponses, IdParams, Type } from '../schemas/common.js';
import { Patch, QueuePage, QueueQuery, RangeDiff, RangeDiffQuery, SeriesDetail } from '../schemas/series.js';
import { presentPatch, presentQueueItem, presentSeriesDetail } from '../presenters/series.js';
import { listSeriesCached } from '../services/queue.js';
import { patchDetail, seriesDetail } from '../services/series-detail.js';
import { patchMbox, seriesMbox } from '../services/mbox.js';
import { seriesRangeDiff } from '../services/reads.js';

const MboxResponse = { 200: Type.String({ description: 'application/mbox (mboxrd)' }), ...errorResponses };

export const seriesRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  // the body is presented and serialized once per cache window (JSON.stringify of the
  // presenter's exact fields), so it is sent as a string; the schema still documents it
  app.get('/api/series', { schema: { tags: ['series'], summary: 'the triage queue', querystring: QueueQuery, response: { 200: QueuePage, 400: errorResponses[400] } } }, async (req, reply) => {
    const { sort, limit, cursor, state, ...filter } = req.query;
    const body = await listSeriesCached(db, { ...filter, state: state?.split(',') }, { sort, limit, cursor }, (page) => ({
      items: page.items.map(presentQueueItem),
      nextCursor: page.nextCursor,
    }));
    // a string with a JSON content type is sent as is (fastify does not serialize it again)
    return reply.type('application/json; charset=utf-8').send(body as unknown as QueuePage);
  });

  app.get('/api/series/:id', { schema: { tags: ['series'], summary: 'one series with patches, apply results, concerns and ledger', params: IdParams, response: { 200: SeriesDetail, ...errorResponses } } }, async (req) =>
    presentSeriesDetail(await seriesDetail(db, req.params.id)),
  );

  app.get('/api/series/:id/mbox', { schema: { tags: ['series'], summary: 'the series as a git-am-ready mbox', params: IdParams, response: MboxResponse } }, async (req, reply) => {
    const mbox = await seriesMbox(db, req.params.id);
    return reply.type('application/mbox').header('content-disposition', `attachment; filename="${mbox.filename}"`).send(mbox.body);
  });

  app.get('/api/range-diff', { schema: { tags: ['series'], summary: 'range-diff between two versions', querystring: RangeDiffQuery, response: { 200: RangeDiff, ...errorResponses } } }, async (req) =>
    seriesRangeDiff(db, req.query.from, req.query.to),
  );

  app.get('/api/patches/:id', { schema: { tags: ['patches'], summary: 'one patch', params: IdParams, response: { 200: Patch, ...errorResponses } } }, async (req) => {
    const d = await patchDetail(db, req.params.id);
    return presentPatch(d.patch, d.apply);
  });

  app.get('/api/patches/:id/mbox', { schema: { tags: ['patches'], summary: 'one patch as mbox', params: IdParams, response: MboxResponse } }, async (req, reply) => {
    const mbox = await patchMbox(db, req.params.id);
    return reply.type('application/mbox').header('content-disposition', `attachment; filename="${mbox.filename}"`).send(mbox.body);
  });
};

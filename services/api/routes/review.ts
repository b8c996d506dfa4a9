// Read route of the review stage: the kernel-style reply patchlens would send
// for a patch (its open concerns, quoted at their lines), rendered by the
// review stage's renderReplyForPatch. Public, like every read: it sends nothing.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/adapters/client.js';
import { errorResponses, IdParams } from '../schemas/common.js';
import { ReplyResult } from '../schemas/writes.js';
import { renderReply } from '../jobs/stage-calls.js';

export const replyRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get('/api/patches/:id/reply', { schema: { tags: ['patches'], summary: 'the review reply for a patch, as text', params: IdParams, response: { 200: ReplyResult, ...errorResponses } } }, async (req) => ({
    patchId: req.params.id,
    text: await renderReply(db, req.params.id),
  }));
};

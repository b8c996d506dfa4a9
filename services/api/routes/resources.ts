// Read routes of the smaller resources: lists, people, messages (JSON and
// raw mbox), the event log and full-text search.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/adapters/client.js';
import { errorResponses, IdParams, Type } from '../schemas/common.js';
import { ListPage } from '../schemas/lists.js';
import { Person } from '../schemas/people.js';
import { Message, MessageParams, SearchQuery, SearchResult } from '../schemas/messages.js';
import { EventPage, EventQuery } from '../schemas/events.js';
import { presentEvent, presentList, presentMessage, presentPersonDetail, presentSearchHit } from '../presenters/resources.js';
import { getMessage, getMessageRaw, getPerson, listEvents, listLists } from '../services/reads.js';
import { searchMessages } from '../services/search.js';
import { mboxrdEntry } from '../services/mbox.js';

export const resourceRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get('/api/lists', { schema: { tags: ['lists'], summary: 'mailing lists', response: { 200: ListPage } } }, async () => ({
    items: (await listLists(db)).map(presentList),
  }));

  app.get('/api/people/:id', { schema: { tags: ['people'], summary: 'a person', params: IdParams, response: { 200: Person, ...errorResponses } } }, async (req) =>
    presentPersonDetail(await getPerson(db, req.params.id)),
  );

  app.get('/api/messages/:id', { schema: { tags: ['messages'], summary: 'a message by row id or Message-ID', params: MessageParams, response: { 200: Message, ...errorResponses } } }, async (req) =>
    presentMessage(await getMessage(db, req.params.id)),
  );

  app.get('/api/messages/:id/raw', { schema: { tags: ['messages'], summary: 'a message as received, in an mbox', params: MessageParams, response: { 200: Type.String(), ...errorResponses } } }, async (req, reply) => {
    const { message, raw } = await getMessageRaw(db, req.params.id);
    return reply.type('application/mbox').header('content-disposition', `inline; filename="message-${message.id}.mbox"`).send(mboxrdEntry(raw));
  });

  app.get('/api/events', { schema: { tags: ['events'], summary: 'the audit trail, newest first', querystring: EventQuery, response: { 200: EventPage, 400: errorResponses[400] } } }, async (req) => {
    const page = await listEvents(db, req.query);
    return { items: page.events.map(presentEvent), nextBefore: page.nextBefore };
  });

  app.get('/api/search', { schema: { tags: ['search'], summary: 'full-text search over subjects and bodies', querystring: SearchQuery, response: { 200: SearchResult, 400: errorResponses[400] } } }, async (req) => ({
    items: (await searchMessages(db, req.query.q, req.query)).map(presentSearchHit),
  }));
};

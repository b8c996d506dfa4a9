// The patchlens HTTP app, built as a plugin-style factory: schemas and
// OpenAPI (/docs), error catalogue mapping, metrics, health, the JSON API,
// and the dashboard. It never listens; server.ts does, and tests use inject().
// After every successful write the event pump is kicked, so jobs subscribed to
// the new Event rows run (in-process, or on the pg-boss workers).
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Db } from '../db/adapters/client.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerMetrics } from './plugins/metrics.js';
import { seriesRoutes } from './routes/series.js';
import { writeRoutes } from './routes/writes.js';
import { resourceRoutes } from './routes/resources.js';
import { replyRoutes } from './routes/review.js';
import { webRoutes } from './web.js';
import { Type } from './schemas/common.js';
import { EventPump } from './jobs/event-pump.js';
import { configureReadCache, invalidateReads } from './services/micro-cache.js';
import type { JobQueue } from './jobs/types.js';

export interface AppOptions {
  db: Db;
  /** where jobs go; without one, Event rows wait for a worker's pump */
  queue?: JobQueue;
  logger?: FastifyServerOptions['logger'];
  /** serve the dashboard (default true) */
  web?: boolean;
  /** micro-cache window of the queue in ms (default PATCHLENS_QUEUE_CACHE_MS or 1000; 0 = off) */
  readCacheMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    pump: EventPump | null;
  }
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, ajv: { customOptions: { coerceTypes: true, removeAdditional: false, useDefaults: true } } }).withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandling(app);
  if (opts.readCacheMs !== undefined) configureReadCache(opts.db, opts.readCacheMs);
  const pump = opts.queue ? new EventPump(opts.db, opts.queue, (err) => app.log.error({ err }, 'event pump failed')) : null;
  app.decorate('pump', pump);
  // a write through this process: cached reads are stale, and jobs may be waiting on its Event rows
  app.addHook('onSend', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 300) invalidateReads(opts.db);
  });
  app.addHook('onResponse', async (req, reply) => {
    if (pump && req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 300) void pump.kick();
  });
  app.addHook('onClose', async () => {
    await pump?.stop();
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'patchlens API', version: '1', description: 'Patch triage for Linux kernel maintainers. Reads are public; writes need `Authorization: Bearer <token>`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  registerMetrics(app);
  app.get('/healthz', { schema: { tags: ['ops'], response: { 200: Type.Object({ ok: Type.Boolean(), db: Type.String() }) } } }, async () => {
    await opts.db.sql.query('SELECT 1');
    return { ok: true, db: opts.db.kind };
  });
  await app.register(seriesRoutes, { db: opts.db });
  await app.register(resourceRoutes, { db: opts.db });
  await app.register(replyRoutes, { db: opts.db });
  await app.register(writeRoutes, { db: opts.db });
  if (opts.web !== false) await app.register(webRoutes);
  return app;
}

// API benchmark. Run with:  npx tsx bench/api/run.ts  [--seconds 10] [--connections 50] [--keep]
// (--keep leaves the bench schema in place, and a later run reuses its data)
//
// Loads 100,000 series and 1,000,000 messages (bench/api/load.ts) into a
// dedicated schema on the Postgres server at DATABASE_URL (dropped at the
// end), or into an in-memory PGlite without one, then runs autocannon with 50
// connections against: a trivial fastify route (the machine's ceiling, same
// process and conditions), the triage queue (/api/series, first page and a
// filtered page deep in the keyset), and the series detail (/api/series/:id,
// random ids). Prints p50/p99 latency and requests/s, and checks the target:
// queue at least 1/5 of the ceiling and p99 under 50 ms.
import Fastify from 'fastify';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDb, type Db } from '../../services/db/adapters/client.js';
import { buildApp } from '../../services/api/app.js';
import { configureReadCache } from '../../services/api/services/micro-cache.js';
import { loadBenchData, MESSAGES, SERIES } from './load.js';

interface Figures {
  name: string;
  p50: number;
  p99: number;
  rps: number;
  non2xx: number;
  errors: number;
}

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 50);
const log = (line: string) => process.stdout.write(`${line}\n`);

async function cannon(name: string, url: string, paths: () => string): Promise<Figures> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths() }) }],
  });
  return { name, p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, non2xx: r.non2xx, errors: r.errors };
}

const KEEP = process.argv.includes('--keep');

async function openBenchDb(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    log('no DATABASE_URL: using an in-memory PGlite (single connection; expect lower figures)');
    return { db: await openDb({ dataDir: 'memory://', databaseUrl: '' }), drop: async () => undefined };
  }
  const schema = KEEP ? 'bench_api_kept' : `bench_api_${process.pid}`;
  const db = await openDb({ databaseUrl: url, schema, poolSize: 24 });
  return {
    db,
    drop: async () => {
      if (KEEP) return;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
}

async function ceilingServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  app.get('/ping', async () => ({ ok: true }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}

function report(all: Figures[]): boolean {
  const ceiling = all[0] as Figures;
  log('\nendpoint                               p50 ms   p99 ms      req/s   of ceiling   non-2xx');
  for (const f of all) {
    log(`${f.name.padEnd(38)} ${String(f.p50).padStart(6)} ${String(f.p99).padStart(8)} ${f.rps.toFixed(0).padStart(10)} ${((f.rps / ceiling.rps) * 100).toFixed(1).padStart(10)} % ${String(f.non2xx + f.errors).padStart(8)}`);
  }
  const queue = all.filter((f) => f.name.startsWith('queue'));
  log('(queue rows are served through a 1 s micro-cache with single-flight, cleared by writes; the "uncached" rows run the query every time)');
  const ok = queue.every((f) => f.rps >= ceiling.rps / 5 && f.p99 < 50 && f.non2xx === 0 && f.errors === 0);
  log(`\ntarget (queue >= 1/5 of ceiling, p99 < 50 ms): ${ok ? 'met' : 'NOT met'}`);
  return ok;
}

async function main(): Promise<void> {
  const { db, drop } = await openBenchDb();
  try {
    const [have] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM "Series"');
    if ((have?.n ?? 0) === 0) {
      log(`loading ${SERIES.toLocaleString()} series and ${MESSAGES.toLocaleString()} messages into ${db.where}`);
      await loadBenchData(db.sql, log);
    } else log(`reusing the data in ${db.where}`);
    const [counts] = await db.sql.query<{ series: number; messages: number }>('SELECT (SELECT count(*) FROM "Series")::int AS series, (SELECT count(*) FROM "Message")::int AS messages');
    log(`loaded: ${counts?.series} series, ${counts?.messages} messages`);
    const app = await buildApp({ db, web: false });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const ceiling = await ceilingServer();
    // a cursor deep in the keyset: the page after series 50,000
    const deep = (await app.inject({ url: '/api/series?limit=1&cursor=' + Buffer.from(JSON.stringify([new Date(Date.UTC(2024, 0, 1) + 50_000 * 300_000).toISOString(), 50_000])).toString('base64url') })).json() as { nextCursor: string };
    const rand = () => 1 + Math.floor(Math.random() * SERIES);
    const all: Figures[] = [];
    all.push(await cannon('ceiling: trivial fastify route', ceiling.url, () => '/ping'));
    const filtered = () => `/api/series?list=bench2.vger.kernel.org&state=New,Under%20Review&cursor=${deep.nextCursor}`;
    all.push(await cannon('queue: /api/series (first page, 50)', url, () => '/api/series'));
    all.push(await cannon('queue: list+state filter, deep cursor', url, filtered));
    // the same endpoints with the micro-cache off: every request runs the keyset query
    configureReadCache(db, 0);
    all.push(await cannon('uncached queue: first page', url, () => '/api/series'));
    all.push(await cannon('uncached queue: filter, deep cursor', url, filtered));
    all.push(await cannon('series detail: /api/series/:id', url, () => `/api/series/${rand()}`));
    report(all);
    await ceiling.close();
    await app.close();
  } finally {
    await db.close();
    await drop();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

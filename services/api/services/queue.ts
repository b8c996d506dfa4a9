// The triage queue: series filtered, sorted and paged with a keyset cursor,
// each with the aggregates a maintainer scans (trailer counts, latest apply
// verdict, open/answered concerns, version chain). Raw SQL on purpose: one
// round trip for the page and one for the version chains, served by the
// expression indexes of migration 20261125050000_api_queue_indexes.
// Called by routes/series.ts and the dashboard; it does not format anything.
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { cacheFor } from './micro-cache.js';

export interface QueueFilter {
  list?: string;
  state?: string[];
  /** person id, or an email address */
  author?: string;
  /** person id, an email address, or 'none' */
  delegate?: string;
  version?: number;
  /** 'open' = has open concerns; 'none' = has none open */
  concerns?: 'open' | 'none';
  /** latest apply verdict, or 'none' for never applied */
  verdict?: string;
  /** ISO dates: COALESCE(date, createdAt) >= since, < until */
  since?: string;
  until?: string;
  /** full-text search over the messages of the series' thread */
  q?: string;
}

export type QueueSort = '-date' | 'date';

export interface QueueRow {
  id: number;
  title: string;
  version: number;
  rfc: boolean;
  state: string;
  list: string;
  received: number;
  total: number;
  complete: boolean;
  date: string;
  previousId: number | null;
  author: { id: number; name: string; email: string } | null;
  delegate: { id: number; name: string; email: string } | null;
  trailers: { reviewed: number; acked: number; tested: number };
  apply: { verdict: string; firstFailing: number | null } | null;
  concerns: { open: number; answered: number };
  versions: { id: number; version: number }[];
}

export interface QueuePage {
  items: QueueRow[];
  nextCursor: string | null;
}

const SORT_EXPR = 'COALESCE(s."date", s."createdAt")';
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** Concerns of the series' latest analysis run that no ledger comment has moved off "open". */
const OPEN_CONCERNS = `(SELECT count(*)::int FROM "Concern" c
  WHERE c."runId" = (SELECT r.id FROM "AnalysisRun" r WHERE r."seriesId" = s.id ORDER BY r."createdAt" DESC, r.id DESC LIMIT 1)
    AND NOT EXISTS (SELECT 1 FROM "Comment" cm WHERE cm."concernId" = c.id AND cm.status <> 'open'))`;
const LATEST_VERDICT = `(SELECT a.verdict FROM "ApplyRun" a WHERE a."seriesId" = s.id ORDER BY a."createdAt" DESC, a.id DESC LIMIT 1)`;

export function encodeCursor(date: string, id: number): string {
  return Buffer.from(JSON.stringify([date, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, number] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'string' && Number.isInteger(v[1]) && !Number.isNaN(Date.parse(v[0]))) {
      return [v[0], v[1] as number];
    }
  } catch {
    /* fall through */
  }
  throw new PatchlensError('PL_ERR_BAD_INPUT', { field: 'cursor', reason: 'not a cursor this API produced' });
}

/** Person filters accept an id or an address; builds the SQL and pushes the parameter. */
function personClause(column: string, value: string, params: unknown[]): string {
  if (value === 'none') return `${column} IS NULL`;
  if (/^\d+$/.test(value)) {
    params.push(Number(value));
    return `${column} = $${params.length}`;
  }
  params.push(value.toLowerCase());
  return `${column} IN (SELECT pa."personId" FROM "PersonAddress" pa WHERE pa.email = $${params.length})`;
}

function dateParam(field: string, value: string, params: unknown[]): string {
  if (Number.isNaN(Date.parse(value))) throw new PatchlensError('PL_ERR_BAD_INPUT', { field, reason: 'not a date' });
  params.push(new Date(value).toISOString());
  return `$${params.length}::timestamp`;
}

/** WHERE clauses for a filter; parameters are appended to `params`. */
export function whereClauses(f: QueueFilter, params: unknown[]): string[] {
  const w: string[] = [];
  const push = (v: unknown) => (params.push(v), `$${params.length}`);
  if (f.list) w.push(`s."listId" = (SELECT l.id FROM "MailingList" l WHERE l."listId" = ${push(f.list)})`);
  if (f.state?.length) w.push(`s.state = ANY(${push(f.state)}::text[])`);
  if (f.author) w.push(personClause('s."submitterId"', f.author, params));
  if (f.delegate) w.push(personClause('s."delegateId"', f.delegate, params));
  if (f.version !== undefined) w.push(`s.version = ${push(f.version)}`);
  if (f.concerns === 'open') w.push(`${OPEN_CONCERNS} > 0`);
  if (f.concerns === 'none') w.push(`${OPEN_CONCERNS} = 0`);
  if (f.verdict === 'none') w.push(`${LATEST_VERDICT} IS NULL`);
  else if (f.verdict) w.push(`${LATEST_VERDICT} = ${push(f.verdict)}`);
  if (f.since) w.push(`${SORT_EXPR} >= ${dateParam('since', f.since, params)}`);
  if (f.until) w.push(`${SORT_EXPR} < ${dateParam('until', f.until, params)}`);
  if (f.q) {
    w.push(`s."threadId" IN (SELECT m."threadId" FROM "Message" m
      WHERE to_tsvector('english', m."subject" || ' ' || m."body") @@ websearch_to_tsquery('english', ${push(f.q)}))`);
  }
  return w;
}

interface PageRow {
  id: number;
  title: string;
  version: number;
  rfc: boolean;
  state: string;
  list: string;
  received: number;
  total: number;
  complete: boolean;
  sortdate: string;
  previousId: number | null;
  author: QueueRow['author'];
  delegate: QueueRow['delegate'];
  reviewed: number;
  acked: number;
  tested: number;
  verdict: string | null;
  firstFailing: number | null;
  concernsAll: number;
  concernsOpen: number;
}

const personJson = (col: string) => `(SELECT json_build_object('id', p.id, 'name', p.name, 'email',
    COALESCE((SELECT pa.email FROM "PersonAddress" pa WHERE pa."personId" = p.id ORDER BY pa.id LIMIT 1), ''))
  FROM "Person" p WHERE p.id = ${col})`;

function pageSql(where: string[], sort: QueueSort, limitParam: string): string {
  const dir = sort === 'date' ? 'ASC' : 'DESC';
  return `WITH page AS (
    SELECT s.* FROM "Series" s
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${SORT_EXPR} ${dir}, s.id ${dir}
    LIMIT ${limitParam})
  SELECT s.id, s.title, s.version, s.rfc, s.state, s.received, s.total, s.complete, s."previousId",
    to_char(${SORT_EXPR}, ${ISO}) AS sortdate,
    (SELECT l."listId" FROM "MailingList" l WHERE l.id = s."listId") AS list,
    ${personJson('s."submitterId"')} AS author,
    ${personJson('s."delegateId"')} AS delegate,
    t.reviewed, t.acked, t.tested, ar.verdict, ar."firstFailing",
    cc."concernsAll", cc."concernsOpen"
  FROM page s
  LEFT JOIN LATERAL (SELECT
      count(*) FILTER (WHERE lower(tr.kind) LIKE 'review%')::int AS reviewed,
      count(*) FILTER (WHERE lower(tr.kind) LIKE 'ack%')::int AS acked,
      count(*) FILTER (WHERE lower(tr.kind) LIKE 'test%')::int AS tested
    FROM "Trailer" tr WHERE tr."seriesId" = s.id) t ON true
  LEFT JOIN LATERAL (SELECT a.verdict, a."firstFailing" FROM "ApplyRun" a WHERE a."seriesId" = s.id
    ORDER BY a."createdAt" DESC, a.id DESC LIMIT 1) ar ON true
  LEFT JOIN LATERAL (SELECT count(*)::int AS "concernsAll",
      count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "Comment" cm WHERE cm."concernId" = c.id AND cm.status <> 'open'))::int AS "concernsOpen"
    FROM "Concern" c
    WHERE c."runId" = (SELECT r.id FROM "AnalysisRun" r WHERE r."seriesId" = s.id ORDER BY r."createdAt" DESC, r.id DESC LIMIT 1)) cc ON true
  ORDER BY ${SORT_EXPR} ${dir}, s.id ${dir}`;
}

/** Every version reachable from the given series, both ways along previousId. */
async function versionChains(db: Db, ids: number[]): Promise<Map<number, { id: number; version: number }[]>> {
  const out = new Map<number, { id: number; version: number }[]>();
  if (!ids.length) return out;
  const rows = await db.sql.query<{ root: number; id: number; version: number }>(
    `WITH RECURSIVE back(root, id, prev, version, depth) AS (
       SELECT s.id, s.id, s."previousId", s.version, 0 FROM "Series" s WHERE s.id = ANY($1::int[])
       UNION ALL SELECT b.root, p.id, p."previousId", p.version, b.depth + 1
         FROM back b JOIN "Series" p ON p.id = b.prev WHERE b.depth < 50),
     fwd(root, id, version, depth) AS (
       SELECT s.id, s.id, s.version, 0 FROM "Series" s WHERE s.id = ANY($1::int[])
       UNION ALL SELECT f.root, n.id, n.version, f.depth + 1
         FROM fwd f JOIN "Series" n ON n."previousId" = f.id WHERE f.depth < 50)
     SELECT DISTINCT root, id, version FROM (SELECT root, id, version FROM back UNION SELECT root, id, version FROM fwd) x
     ORDER BY root, version, id`,
    [ids],
  );
  for (const r of rows) {
    const list = out.get(r.root) ?? [];
    list.push({ id: r.id, version: r.version });
    out.set(r.root, list);
  }
  return out;
}

function toRow(r: PageRow, versions: { id: number; version: number }[] | undefined): QueueRow {
  return {
    id: r.id,
    title: r.title,
    version: r.version,
    rfc: r.rfc,
    state: r.state,
    list: r.list,
    received: r.received,
    total: r.total,
    complete: r.complete,
    date: r.sortdate,
    previousId: r.previousId,
    author: r.author,
    delegate: r.delegate,
    trailers: { reviewed: r.reviewed, acked: r.acked, tested: r.tested },
    apply: r.verdict ? { verdict: r.verdict, firstFailing: r.firstFailing } : null,
    concerns: { open: r.concernsOpen, answered: r.concernsAll - r.concernsOpen },
    versions: versions ?? [{ id: r.id, version: r.version }],
  };
}

/** One page of the queue. `cursor` continues after the last row of the previous page. */
export async function listSeries(
  db: Db,
  filter: QueueFilter,
  opts: { sort?: QueueSort; limit?: number; cursor?: string } = {},
): Promise<QueuePage> {
  const sort = opts.sort ?? '-date';
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const params: unknown[] = [];
  const where = whereClauses(filter, params);
  if (opts.cursor) {
    const [date, id] = decodeCursor(opts.cursor);
    params.push(date, id);
    const cmp = sort === 'date' ? '>' : '<';
    where.push(`(${SORT_EXPR}, s.id) ${cmp} ($${params.length - 1}::timestamp, $${params.length}::int)`);
  }
  params.push(limit + 1);
  const rows = await db.sql.query<PageRow>(pageSql(where, sort, `$${params.length}`), params);
  const page = rows.slice(0, limit);
  const chains = await versionChains(db, page.map((r) => r.id));
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toRow(r, chains.get(r.id))),
    nextCursor: rows.length > limit && last ? encodeCursor(last.sortdate, last.id) : null,
  };
}

/**
 * The queue page as the route sends it: presented and serialized once, then
 * served from the micro-cache (services/micro-cache.ts) to every identical
 * request in the window. `present` is the route's presenter.
 */
export function listSeriesCached<T>(
  db: Db,
  filter: QueueFilter,
  opts: { sort?: QueueSort; limit?: number; cursor?: string },
  present: (page: QueuePage) => T,
): Promise<string> {
  const key = JSON.stringify(['queue', filter, opts.sort ?? '-date', opts.limit ?? 50, opts.cursor ?? '']);
  return cacheFor<string>(db).get(key, async () => JSON.stringify(present(await listSeries(db, filter, opts))));
}

// Full-text search over message subjects and bodies with Postgres text
// search (the GIN index "Message_search_idx" of the init migration; the
// expression here must stay identical to the index's for it to be used).
// Works the same on PGlite. Each hit names the series it belongs to, if any.
import type { Db } from '../../db/adapters/client.js';

export interface SearchHit {
  id: number;
  messageId: string;
  subject: string;
  fromName: string;
  fromEmail: string;
  date: string | null;
  kind: string;
  seriesId: number | null;
  snippet: string;
  rank: number;
}

export async function searchMessages(db: Db, q: string, opts: { list?: string; limit?: number; offset?: number } = {}): Promise<SearchHit[]> {
  const params: unknown[] = [q, Math.min(Math.max(opts.limit ?? 20, 1), 100), Math.max(opts.offset ?? 0, 0)];
  const listClause = opts.list ? `AND m."listId" = (SELECT id FROM "MailingList" WHERE "listId" = $${params.push(opts.list)})` : '';
  return db.sql.query<SearchHit>(
    `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS tsq),
     hits AS (
       SELECT m.id, ts_rank(to_tsvector('english', m."subject" || ' ' || m."body"), q.tsq) AS rank
       FROM "Message" m, q
       WHERE to_tsvector('english', m."subject" || ' ' || m."body") @@ q.tsq ${listClause}
       ORDER BY rank DESC, m.id DESC LIMIT $2 OFFSET $3)
     SELECT m.id, m."messageId", m.subject, m."fromName", m."fromEmail", m.kind,
       to_char(m.date, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS date,
       COALESCE(p."seriesId", r."seriesId", (SELECT s.id FROM "Series" s WHERE s."coverId" = m.id LIMIT 1),
         (SELECT s.id FROM "Series" s WHERE s."threadId" = m."threadId" ORDER BY s.id LIMIT 1)) AS "seriesId",
       ts_headline('english', m.body, q.tsq, 'StartSel=«,StopSel=»,MaxWords=24,MinWords=8,MaxFragments=1') AS snippet,
       hits.rank::float8 AS rank
     FROM hits JOIN "Message" m ON m.id = hits.id CROSS JOIN q
     LEFT JOIN "Patch" p ON p."messageRowId" = m.id
     LEFT JOIN "Reply" r ON r."messageRowId" = m.id
     ORDER BY hits.rank DESC, m.id DESC`,
    params,
  );
}

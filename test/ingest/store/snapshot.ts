// A canonical, id-free picture of everything the ingester writes, so two
// databases can be compared row for row: rows are named by natural keys
// (Message-IDs, series keys) instead of serial ids, and sorted.
import type { Db } from '../../../services/db/adapters/client.js';

async function rows(db: Db, sql: string): Promise<string[]> {
  const r = await db.sql.query<Record<string, unknown>>(sql);
  return r.map((x) => JSON.stringify(x)).sort();
}

export interface Snapshot {
  lists: string[];
  people: string[];
  messages: string[];
  raw: string[];
  threads: string[];
  series: string[];
  patches: string[];
  replies: string[];
  trailers: string[];
  errors: string[];
}

/** Everything but serial ids and timestamps. `threadKeys` false leaves out thread root names (order-dependent for unthreaded parts). */
export async function snapshot(db: Db, opts: { threadKeys?: boolean } = {}): Promise<Snapshot> {
  const threadRoot = opts.threadKeys === false ? `(SELECT min(m2."messageId") FROM "Message" m2 WHERE m2."threadId" = m."threadId")` : `t."rootMessageId"`;
  return {
    lists: await rows(db, `SELECT "listId", name FROM "MailingList"`),
    people: await rows(db, `SELECT a.email, p.name FROM "PersonAddress" a JOIN "Person" p ON p.id = a."personId"`),
    messages: await rows(db, `SELECT l."listId", m."messageId", m."messageIdDerived", m.date, m."dateRaw", m."fromName", m."fromEmail", a.email AS author, m.subject, m."inReplyTo", m."references", m.headers, md5(m.body) AS body, m."rawSize", m."contentHash", m."attachedPatch", m.kind, ${threadRoot} AS thread
      FROM "Message" m JOIN "MailingList" l ON l.id = m."listId" LEFT JOIN "Thread" t ON t.id = m."threadId" LEFT JOIN "PersonAddress" a ON a."personId" = m."authorId" AND a.email = m."fromEmail"`),
    raw: await rows(db, `SELECT m."messageId", md5(r.raw) AS raw FROM "MessageRaw" r JOIN "Message" m ON m.id = r."messageRowId"`),
    threads: await rows(db, `SELECT "messageCount", "lastDate", subject${opts.threadKeys === false ? '' : ', "rootMessageId"'} FROM "Thread"`),
    series: await rows(db, `SELECT s.key, s.title, s.version, s.rfc, s.prefixes, s.total, s.received, s.complete, s.missing, c."messageId" AS cover, s.date, s."baseCommit", s."changeId", s."dependsOnRefs", s."supersedesRefs", p.key AS previous, s."previousLink", s.state
      FROM "Series" s LEFT JOIN "Message" c ON c.id = s."coverId" LEFT JOIN "Series" p ON p.id = s."previousId"`),
    patches: await rows(db, `SELECT m."messageId", s.key, p.index, p.subject, md5(p."commitMessage") AS msg, md5(p.diff) AS diff, p.files, p.hunks, p.additions, p.deletions
      FROM "Patch" p JOIN "Message" m ON m.id = p."messageRowId" JOIN "Series" s ON s.id = p."seriesId"`),
    replies: await rows(db, `SELECT m."messageId", r."parentMessageId", s.key, pm."messageId" AS patch, r."onCover"
      FROM "Reply" r JOIN "Message" m ON m.id = r."messageRowId" LEFT JOIN "Series" s ON s.id = r."seriesId" LEFT JOIN "Patch" p ON p.id = r."patchId" LEFT JOIN "Message" pm ON pm.id = p."messageRowId"`),
    trailers: await rows(db, `SELECT t.kind, t.name, t.email, m."messageId" AS source, s.key, pm."messageId" AS patch, t."inPatch", t.mismatch, t.position
      FROM "Trailer" t JOIN "Message" m ON m.id = t."sourceMessageId" JOIN "Series" s ON s.id = t."seriesId" LEFT JOIN "Patch" p ON p.id = t."patchId" LEFT JOIN "Message" pm ON pm.id = p."messageRowId"`),
    errors: await rows(db, `SELECT source, position, "messageId", reason FROM "IngestError"`),
  };
}

/** Row counts of the ingest tables. */
export async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['Message', 'MessageRaw', 'Thread', 'Series', 'Patch', 'Reply', 'Trailer', 'Person', 'PersonAddress', 'IngestError']) {
    const r = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`);
    out[t] = r[0]?.n ?? 0;
  }
  return out;
}

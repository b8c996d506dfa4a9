// Writes one chunk of parsed messages: lists, people (by address), messages
// with their raw bytes, and the thread each joins. A message already stored on
// its list is a duplicate and changes nothing. Runs inside the chunk's
// transaction (see store.ts), one statement per table for the whole chunk.
// Series, patches, replies and trailers are derived afterwards from what is
// stored (store-series.ts), never here.
import { declaredRoot } from '../core/threading.js';
import { parseSubject } from '../core/subject.js';
import type { ParsedMessage } from '../core/types.js';
import { q, x, type Tx } from './sql.js';

/** A parsed message and the list it goes to. */
export interface ChunkMessage {
  msg: ParsedMessage;
  list: string;
  raw: Buffer;
}

export interface ChunkResult {
  stored: number;
  duplicates: number;
  /** thread row ids that gained messages (their series must be recomputed) */
  threadIds: number[];
  /** message row ids stored by this chunk */
  storedRowIds: number[];
}

const UNTHREADED_WINDOW_MS = 3_600_000;

/** Ensure list rows exist; listId text → row id. */
async function listRows(tx: Tx, lists: string[]): Promise<Map<string, number>> {
  await x(tx, `INSERT INTO "MailingList"("listId", "name") SELECT v, split_part(v, '.', 1) FROM jsonb_array_elements_text($1::jsonb) v ON CONFLICT ("listId") DO NOTHING`, lists);
  const rows = await q<{ id: number; listId: string }>(tx, `SELECT id, "listId" FROM "MailingList" WHERE "listId" IN (SELECT jsonb_array_elements_text($1::jsonb))`, lists);
  return new Map(rows.map((r) => [r.listId, r.id]));
}

/** Ensure a person per address; address → person id. */
export async function personRows(tx: Tx, people: { email: string; name: string }[]): Promise<Map<string, number>> {
  const byEmail = new Map<string, string>();
  for (const p of people) {
    const had = byEmail.get(p.email);
    if (p.email && (had === undefined || p.name.length > had.length || (p.name.length === had.length && p.name < had))) byEmail.set(p.email, p.name);
  }
  const emails = [...byEmail.keys()];
  if (emails.length === 0) return new Map();
  const known = await q<{ email: string; personId: number }>(tx, `SELECT email, "personId" FROM "PersonAddress" WHERE email IN (SELECT jsonb_array_elements_text($1::jsonb))`, emails);
  // the name kept for an address must not depend on arrival order: the longest, then the smallest
  await x(
    tx,
    `UPDATE "Person" p SET name = r.name FROM "PersonAddress" a, jsonb_to_recordset($1::jsonb) AS r(email text, name text)
     WHERE a.email = r.email AND p.id = a."personId" AND (length(r.name) > length(p.name) OR (length(r.name) = length(p.name) AND r.name < p.name))`,
    [...byEmail].filter(([e]) => known.some((k) => k.email === e)).map(([email, name]) => ({ email, name })),
  );
  const have = new Set(known.map((k) => k.email));
  const fresh = emails.filter((e) => !have.has(e)).map((e) => ({ email: e, name: byEmail.get(e) ?? '' }));
  if (fresh.length) {
    await x(
      tx,
      `WITH n AS (SELECT r.email, r.name, nextval(pg_get_serial_sequence('"Person"', 'id'))::int AS id FROM jsonb_to_recordset($1::jsonb) AS r(email text, name text)),
       p AS (INSERT INTO "Person"(id, name) SELECT id, name FROM n)
       INSERT INTO "PersonAddress"(email, "personId") SELECT email, id FROM n ON CONFLICT (email) DO NOTHING`,
      fresh,
    );
    known.push(...(await q<{ email: string; personId: number }>(tx, `SELECT email, "personId" FROM "PersonAddress" WHERE email IN (SELECT jsonb_array_elements_text($1::jsonb))`, fresh.map((f) => f.email))));
  }
  return new Map(known.map((k) => [k.email, k.personId]));
}

/**
 * Thread key as the message itself declares it, except for patch mails sent
 * without any In-Reply-To/References: those are grouped by sender, version
 * and total (and time, see unthreadedThread).
 */
function ownRoot(msg: ParsedMessage): { root: string; unthreaded: string | null } {
  if (msg.inReplyTo.length === 0 && msg.references.length === 0) {
    const s = parseSubject(msg.subject);
    if (!s.isReply && (s.isPatch || s.rfc) && s.index !== null && (s.total ?? 0) > 1) {
      return { root: msg.messageId, unthreaded: `unthreaded:${msg.from.email}:${s.versionText ?? 'v1'}:${s.total}:` };
    }
  }
  return { root: declaredRoot(msg), unthreaded: null };
}

interface ThreadPlan {
  /** thread key (rootMessageId) per new message */
  keyOf: Map<string, string>;
}

/** Pick the thread key of every new message of one list. */
async function planThreads(tx: Tx, listRow: number, msgs: ParsedMessage[]): Promise<ThreadPlan> {
  const inChunk = new Map(msgs.map((m) => [m.messageId, m]));
  const roots = new Map(msgs.map((m) => [m.messageId, ownRoot(m)]));
  const wanted = [...new Set([...roots.values()].map((r) => r.root))];
  const stored = await q<{ messageId: string; root: string }>(
    tx,
    `SELECT m."messageId", t."rootMessageId" AS root FROM "Message" m JOIN "Thread" t ON t.id = m."threadId" WHERE m."listId" = ($1::jsonb #>> '{}')::int AND m."messageId" IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    listRow,
    wanted,
  );
  const storedRoot = new Map(stored.map((s) => [s.messageId, s.root]));
  const keyOf = new Map<string, string>();
  const unthreadedKeys = await unthreadedThreads(tx, listRow, msgs, roots);
  for (const m of msgs) {
    let cur = m.messageId;
    const seen = new Set<string>();
    let key: string | null = null;
    while (key === null) {
      seen.add(cur);
      const r = roots.get(cur);
      if (r?.unthreaded) key = unthreadedKeys.get(cur) ?? cur;
      else if (r && r.root !== cur && !seen.has(r.root) && inChunk.has(r.root)) cur = r.root;
      else if (r && r.root !== cur) key = storedRoot.get(r.root) ?? r.root;
      else key = storedRoot.get(cur) ?? cur;
    }
    keyOf.set(m.messageId, key);
  }
  return { keyOf };
}

/** Unthreaded patch mails join a thread of the same sender/version/total within an hour. */
async function unthreadedThreads(tx: Tx, listRow: number, msgs: ParsedMessage[], roots: Map<string, { unthreaded: string | null }>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const loose = msgs.filter((m) => roots.get(m.messageId)?.unthreaded).sort((a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0));
  if (loose.length === 0) return out;
  const prefixes = [...new Set(loose.map((m) => roots.get(m.messageId)?.unthreaded ?? ''))];
  const existing = await q<{ rootMessageId: string; lastDate: string | null }>(
    tx,
    `SELECT "rootMessageId", "lastDate" FROM "Thread" WHERE "listId" = ($1::jsonb #>> '{}')::int AND split_part("rootMessageId", ':', 1) = 'unthreaded' AND substring("rootMessageId" from '^(.*:)[^:]*$') IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    listRow,
    prefixes,
  );
  const threads = existing.map((e) => ({ key: e.rootMessageId, t: Number(e.rootMessageId.split(':').pop()), last: e.lastDate ? new Date(e.lastDate).getTime() : 0 }));
  for (const m of loose) {
    const prefix = roots.get(m.messageId)?.unthreaded ?? '';
    const t = m.date?.getTime() ?? 0;
    const hit = threads.find((th) => th.key.startsWith(prefix) && th.key.slice(prefix.length).match(/^\d+$/) && (Math.abs(th.t - t) <= UNTHREADED_WINDOW_MS || Math.abs(th.last - t) <= UNTHREADED_WINDOW_MS));
    if (hit) {
      hit.last = Math.max(hit.last, t);
      out.set(m.messageId, hit.key);
    } else {
      const key = `${prefix}${t}`;
      threads.push({ key, t, last: t });
      out.set(m.messageId, key);
    }
  }
  return out;
}

/** Thread rows for keys, created when missing; key → id. */
async function threadRows(tx: Tx, listRow: number, keys: { key: string; subject: string }[]): Promise<Map<string, number>> {
  await x(
    tx,
    `INSERT INTO "Thread"("listId", "rootMessageId", "subject") SELECT ($1::jsonb #>> '{}')::int, r.key, r.subject FROM jsonb_to_recordset($2::jsonb) AS r(key text, subject text) ON CONFLICT ("listId", "rootMessageId") DO NOTHING`,
    listRow,
    keys,
  );
  const rows = await q<{ id: number; rootMessageId: string }>(
    tx,
    `SELECT id, "rootMessageId" FROM "Thread" WHERE "listId" = ($1::jsonb #>> '{}')::int AND "rootMessageId" IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    listRow,
    keys.map((k) => k.key),
  );
  return new Map(rows.map((r) => [r.rootMessageId, r.id]));
}

/**
 * A message that arrives after replies which named it as their thread root
 * (their References were cut short) pulls that thread into its own.
 */
async function mergeThreads(tx: Tx, listRow: number, moves: { src: string; dst: number }[]): Promise<number[]> {
  if (moves.length === 0) return [];
  const rows = await q<{ id: number; dst: number }>(
    tx,
    `SELECT t.id, r.dst FROM "Thread" t JOIN jsonb_to_recordset($2::jsonb) AS r(src text, dst int) ON t."rootMessageId" = r.src WHERE t."listId" = ($1::jsonb #>> '{}')::int AND t.id <> r.dst`,
    listRow,
    moves,
  );
  if (rows.length === 0) return [];
  await x(tx, `UPDATE "Message" m SET "threadId" = r.dst FROM jsonb_to_recordset($1::jsonb) AS r(id int, dst int) WHERE m."threadId" = r.id`, rows);
  await x(tx, `UPDATE "Series" s SET "threadId" = r.dst FROM jsonb_to_recordset($1::jsonb) AS r(id int, dst int) WHERE s."threadId" = r.id`, rows);
  await x(tx, `DELETE FROM "Thread" WHERE id IN (SELECT (v #>> '{}')::int FROM jsonb_array_elements($1::jsonb) v)`, rows.map((r) => r.id));
  return rows.map((r) => r.dst);
}

function messageRow(m: ChunkMessage, listRow: number, threadId: number, authorId: number | null) {
  const msg = m.msg;
  return {
    l: listRow, mid: msg.messageId, derived: msg.messageIdDerived, date: msg.date ? msg.date.toISOString() : null, dateRaw: msg.dateRaw,
    fromName: msg.from.name, fromEmail: msg.from.email, authorId, subject: msg.subject, irt: msg.inReplyTo, refs: msg.references,
    headers: msg.headers, body: msg.body, rawSize: msg.rawSize, hash: msg.contentHash, att: msg.attachedPatch ?? null, threadId,
  };
}

/** Store the new messages of one list; returns stored row ids and touched threads. */
export async function storeListMessages(tx: Tx, listRow: number, chunk: ChunkMessage[], people: Map<string, number>): Promise<{ rowIds: number[]; threadIds: number[] }> {
  const plan = await planThreads(tx, listRow, chunk.map((c) => c.msg));
  const keys = [...new Set(plan.keyOf.values())].map((key) => ({ key, subject: chunk.find((c) => plan.keyOf.get(c.msg.messageId) === key)?.msg.subject ?? '' }));
  const threads = await threadRows(tx, listRow, keys);
  const rows = chunk.map((c) => messageRow(c, listRow, threads.get(plan.keyOf.get(c.msg.messageId) ?? '') ?? 0, people.get(c.msg.from.email) ?? null));
  const inserted = await q<{ id: number; messageId: string; threadId: number }>(
    tx,
    `INSERT INTO "Message"("listId", "messageId", "messageIdDerived", "date", "dateRaw", "fromName", "fromEmail", "authorId", "subject", "inReplyTo", "references", "headers", "body", "rawSize", "contentHash", "attachedPatch", "threadId")
     SELECT r.l, r.mid, r.derived, r.date, r."dateRaw", r."fromName", r."fromEmail", r."authorId", r.subject, r.irt, r.refs, r.headers, r.body, r."rawSize", r.hash, r.att, r."threadId"
     FROM jsonb_to_recordset($1::jsonb) AS r(l int, mid text, derived bool, date timestamp(3), "dateRaw" text, "fromName" text, "fromEmail" text, "authorId" int, subject text, irt text[], refs text[], headers jsonb, body text, "rawSize" int, hash text, att text, "threadId" int)
     ON CONFLICT ("listId", "messageId") DO NOTHING RETURNING id, "messageId", "threadId"`,
    rows,
  );
  const rawOf = new Map(chunk.map((c) => [c.msg.messageId, c.raw]));
  await x(
    tx,
    `INSERT INTO "MessageRaw"("messageRowId", raw) SELECT r.id, decode(r.raw, 'base64') FROM jsonb_to_recordset($1::jsonb) AS r(id int, raw text) ON CONFLICT DO NOTHING`,
    inserted.map((i) => ({ id: i.id, raw: (rawOf.get(i.messageId) ?? Buffer.alloc(0)).toString('base64') })),
  );
  const merged = await mergeThreads(tx, listRow, inserted.map((i) => ({ src: i.messageId, dst: i.threadId })));
  const threadIds = [...new Set([...inserted.map((i) => i.threadId), ...merged])];
  await refreshThreads(tx, threadIds);
  return { rowIds: inserted.map((i) => i.id), threadIds };
}

/** Message count, last date and subject (of the earliest message) of threads. */
export async function refreshThreads(tx: Tx, threadIds: number[]): Promise<void> {
  if (threadIds.length === 0) return;
  await x(
    tx,
    `UPDATE "Thread" t SET "messageCount" = s.c, "lastDate" = s.d, subject = s.subject
     FROM (SELECT m."threadId", count(*)::int AS c, max(m.date) AS d,
             (array_agg(m.subject ORDER BY m.date ASC NULLS LAST, m."messageId"))[1] AS subject
           FROM "Message" m WHERE m."threadId" IN (SELECT (v #>> '{}')::int FROM jsonb_array_elements($1::jsonb) v) GROUP BY m."threadId") s
     WHERE t.id = s."threadId" AND (t."messageCount", t."lastDate", t.subject) IS DISTINCT FROM (s.c, s.d, s.subject)`,
    threadIds,
  );
}

/** Store a chunk: split by list, skip what is stored, write the rest. */
export async function storeChunk(tx: Tx, chunk: ChunkMessage[]): Promise<ChunkResult> {
  const lists = await listRows(tx, [...new Set(chunk.map((c) => c.list))]);
  const seen = new Set<string>();
  const unique: ChunkMessage[] = [];
  for (const c of chunk) {
    const k = `${c.list}\u0000${c.msg.messageId}`;
    if (!seen.has(k)) unique.push(c);
    seen.add(k);
  }
  const existing = await q<{ l: number; mid: string }>(
    tx,
    `SELECT m."listId" AS l, m."messageId" AS mid FROM "Message" m JOIN jsonb_to_recordset($1::jsonb) AS r(l int, mid text) ON m."listId" = r.l AND m."messageId" = r.mid`,
    unique.map((c) => ({ l: lists.get(c.list), mid: c.msg.messageId })),
  );
  const stored = new Set(existing.map((e) => `${e.l}\u0000${e.mid}`));
  const fresh = unique.filter((c) => !stored.has(`${lists.get(c.list)}\u0000${c.msg.messageId}`));
  const people = await personRows(tx, fresh.map((c) => c.msg.from));
  const result: ChunkResult = { stored: 0, duplicates: chunk.length, threadIds: [], storedRowIds: [] };
  for (const [list, row] of lists) {
    const mine = fresh.filter((c) => c.list === list);
    if (mine.length === 0) continue;
    const r = await storeListMessages(tx, row, mine, people);
    result.storedRowIds.push(...r.rowIds);
    result.threadIds.push(...r.threadIds);
  }
  result.stored = result.storedRowIds.length;
  result.duplicates = chunk.length - result.stored;
  return result;
}

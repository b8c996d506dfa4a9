// Recomputes what threads mean after new messages arrived: loads the
// messages of the affected threads back, runs the pure series assembly on
// them, and brings Series rows in line (upsert by list+key, re-key a series
// whose cover arrived late, delete series that no longer exist). Patches,
// replies and trailers follow in store-parts.ts, version links in
// store-versions.ts. Deterministic: the rows depend only on what is stored,
// never on arrival order or chunk boundaries.
import { assembleSeries, type Assembly } from '../core/series.js';
import { patchOf, type DiffInfo } from '../core/diff.js';
import type { MailItem, SeriesDraft } from '../core/types.js';
import { q, x, type Tx } from './sql.js';
import { syncParts } from './store-parts.js';
import { relinkVersions } from './store-versions.js';

/** A message as loaded back for recomputation. */
export interface StoredMail extends MailItem {
  /** the patch the mail carries, read once */
  patch: DiffInfo | null;
  rowId: number;
  threadId: number;
  listId: number;
  authorId: number | null;
}

interface MailRow {
  id: number;
  messageId: string;
  date: Date | string | null;
  fromName: string;
  fromEmail: string;
  subject: string;
  inReplyTo: string[] | null;
  references: string[] | null;
  body: string;
  attachedPatch: string | null;
  threadId: number;
  listId: number;
  authorId: number | null;
}

/** The int list passed as $1. */
const ID_LIST = `(SELECT (v #>> '{}')::int FROM jsonb_array_elements($1::jsonb) v)`;

/** The messages of some threads, as MailItems. */
export async function loadThreadMails(tx: Tx, threadIds: number[]): Promise<StoredMail[]> {
  const rows = await q<MailRow>(
    tx,
    `SELECT id, "messageId", date, "fromName", "fromEmail", subject, "inReplyTo", "references", body, "attachedPatch", "threadId", "listId", "authorId"
     FROM "Message" WHERE "threadId" IN ${ID_LIST} ORDER BY id`,
    threadIds,
  );
  return rows.map((r) => {
    const patch = patchOf(r.body, r.attachedPatch);
    return {
      patch, commitMessage: patch?.commitMessage ?? null, rowId: r.id, threadId: r.threadId, listId: r.listId, authorId: r.authorId, messageId: r.messageId,
      date: r.date === null ? null : new Date(r.date), from: { name: r.fromName, email: r.fromEmail }, subject: r.subject,
      inReplyTo: r.inReplyTo ?? [], references: r.references ?? [], body: r.body, attachedPatch: r.attachedPatch, diff: patch?.diff ?? null,
    };
  });
}

/** One thread's assembly together with its mails. */
export interface ThreadAssembly {
  threadId: number;
  listId: number;
  mails: Map<string, StoredMail>;
  assembly: Assembly;
}

interface ExistingSeries {
  id: number;
  key: string;
  listId: number;
  coverId: number | null;
  rows: number[] | null;
}

/** Match drafts to existing rows; re-key rows whose identity moved (cover arrived late); delete the rest. */
async function reconcileKeys(tx: Tx, threads: ThreadAssembly[]): Promise<void> {
  const existing = await q<ExistingSeries>(
    tx,
    `SELECT s.id, s.key, s."listId", s."coverId", array_remove(array_agg(p."messageRowId"), NULL) AS rows
     FROM "Series" s LEFT JOIN "Patch" p ON p."seriesId" = s.id WHERE s."threadId" IN ${ID_LIST} GROUP BY s.id ORDER BY s.id`,
    threads.map((t) => t.threadId),
  );
  const drafts = threads.flatMap((t) => t.assembly.series.map((d) => ({ d, t })));
  const byKey = new Map(existing.map((e) => [`${e.listId}\u0000${e.key}`, e]));
  const used = new Set<number>();
  const rekey: { id: number; key: string }[] = [];
  for (const { d, t } of drafts) {
    const hit = byKey.get(`${t.listId}\u0000${d.key}`);
    if (hit) used.add(hit.id);
  }
  for (const { d, t } of drafts) {
    if (byKey.has(`${t.listId}\u0000${d.key}`)) continue;
    const rowsOfDraft = new Set([d.coverMessageId, ...d.patches.map((p) => p.messageId)].map((m) => (m ? t.mails.get(m)?.rowId : undefined)).filter((n): n is number => n !== undefined));
    const old = existing.find((e) => !used.has(e.id) && e.listId === t.listId && ((e.coverId !== null && rowsOfDraft.has(e.coverId)) || (e.rows ?? []).some((r) => rowsOfDraft.has(r))));
    if (old) {
      used.add(old.id);
      rekey.push({ id: old.id, key: d.key });
    }
  }
  const stale = existing.filter((e) => !used.has(e.id)).map((e) => e.id);
  if (stale.length) await x(tx, `DELETE FROM "Series" WHERE id IN ${ID_LIST}`, stale);
  if (rekey.length) await x(tx, `UPDATE "Series" s SET key = r.key, "updatedAt" = now() FROM jsonb_to_recordset($1::jsonb) AS r(id int, key text) WHERE s.id = r.id`, rekey);
}

function seriesRow(d: SeriesDraft, t: ThreadAssembly) {
  const head = t.mails.get(d.coverMessageId ?? d.patches[0]?.messageId ?? d.key);
  return {
    key: d.key, l: t.listId, threadId: t.threadId, title: d.title, version: d.version, rfc: d.rfc, prefixes: d.prefixes, total: d.total,
    received: d.patches.length, complete: d.complete, missing: d.missing, coverId: d.coverMessageId ? (t.mails.get(d.coverMessageId)?.rowId ?? null) : null,
    submitterId: head?.authorId ?? null, date: d.date ? d.date.toISOString() : null, baseCommit: d.baseCommit, changeId: d.changeId,
    deps: d.dependsOnRefs, sup: d.supersedes,
  };
}

const SERIES_COLS = `"threadId", title, version, rfc, prefixes, total, received, complete, missing, "coverId", "submitterId", date, "baseCommit", "changeId", "dependsOnRefs", "supersedesRefs"`;

/** Upsert the series rows of the drafts; returns (list, key) → id. */
async function upsertSeries(tx: Tx, threads: ThreadAssembly[]): Promise<Map<string, number>> {
  const rows = threads.flatMap((t) => t.assembly.series.map((d) => seriesRow(d, t)));
  if (rows.length === 0) return new Map();
  await x(
    tx,
    `INSERT INTO "Series"(key, "listId", ${SERIES_COLS}, "updatedAt")
     SELECT r.key, r.l, r."threadId", r.title, r.version, r.rfc, r.prefixes, r.total, r.received, r.complete, r.missing, r."coverId", r."submitterId", r.date, r."baseCommit", r."changeId", r.deps, r.sup, now()
     FROM jsonb_to_recordset($1::jsonb) AS r(key text, l int, "threadId" int, title text, version int, rfc bool, prefixes text[], total int, received int, complete bool, missing int[], "coverId" int, "submitterId" int, date timestamp(3), "baseCommit" text, "changeId" text, deps text[], sup text[])
     ON CONFLICT ("listId", key) DO UPDATE SET (${SERIES_COLS}, "updatedAt") = (EXCLUDED."threadId", EXCLUDED.title, EXCLUDED.version, EXCLUDED.rfc, EXCLUDED.prefixes, EXCLUDED.total, EXCLUDED.received, EXCLUDED.complete, EXCLUDED.missing, EXCLUDED."coverId", EXCLUDED."submitterId", EXCLUDED.date, EXCLUDED."baseCommit", EXCLUDED."changeId", EXCLUDED."dependsOnRefs", EXCLUDED."supersedesRefs", now())
     WHERE (${SERIES_COLS.split(', ').map((c) => `"Series".${c}`).join(', ')}) IS DISTINCT FROM (${SERIES_COLS.split(', ').map((c) => `EXCLUDED.${c}`).join(', ')})`,
    rows,
  );
  const got = await q<{ id: number; key: string; listId: number }>(
    tx,
    `SELECT s.id, s.key, s."listId" FROM "Series" s JOIN jsonb_to_recordset($1::jsonb) AS r(key text, l int) ON s."listId" = r.l AND s.key = r.key`,
    rows.map((r) => ({ key: r.key, l: r.l })),
  );
  return new Map(got.map((g) => [`${g.listId}\u0000${g.key}`, g.id]));
}

/** Recompute series, patches, replies, trailers and version links of threads. */
export async function recomputeThreads(tx: Tx, threadIds: number[]): Promise<number[]> {
  const unique = [...new Set(threadIds)].sort((a, b) => a - b);
  if (unique.length === 0) return [];
  const mails = await loadThreadMails(tx, unique);
  const byThread = new Map<number, StoredMail[]>();
  for (const m of mails) byThread.set(m.threadId, [...(byThread.get(m.threadId) ?? []), m]);
  const threads: ThreadAssembly[] = [];
  for (const [threadId, list] of byThread) {
    threads.push({ threadId, listId: list[0]?.listId ?? 0, mails: new Map(list.map((m) => [m.messageId, m])), assembly: assembleSeries(list) });
  }
  await reconcileKeys(tx, threads);
  const seriesIds = await upsertSeries(tx, threads);
  await syncParts(tx, threads, seriesIds, unique);
  const affected = [...new Set(seriesIds.values())];
  await relinkVersions(tx, affected);
  return affected;
}

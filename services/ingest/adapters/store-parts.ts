// Brings Patch, Reply and Trailer rows and Message.kind in line with the
// assembled series of some threads (called by store-series.ts inside the
// chunk's transaction). Rows are upserted by their natural key and only
// rewritten when something differs, so recomputing an unchanged thread
// changes nothing.
import { trailerKey, type CollectedTrailer } from '../core/trailers.js';
import { collectSeriesTrailers } from '../core/series-trailers.js';
import { q, x, type Tx } from './sql.js';
import type { ThreadAssembly } from './store-series.js';

const ID_LIST = `(SELECT (v #>> '{}')::int FROM jsonb_array_elements($1::jsonb) v)`;

interface PatchRow {
  seriesId: number;
  index: number;
  rowId: number;
  subject: string;
  authorId: number | null;
  commitMessage: string;
  diff: string;
  files: string[];
  hunks: unknown;
  additions: number;
  deletions: number;
}

function patchRows(threads: ThreadAssembly[], seriesIds: Map<string, number>): PatchRow[] {
  const out: PatchRow[] = [];
  for (const t of threads) {
    for (const d of t.assembly.series) {
      const seriesId = seriesIds.get(`${t.listId}\u0000${d.key}`);
      if (seriesId === undefined) continue;
      for (const p of d.patches) {
        const m = t.mails.get(p.messageId);
        if (!m) continue;
        const info = m.patch;
        out.push({
          seriesId, index: p.index, rowId: m.rowId, subject: titleOf(m.subject), authorId: m.authorId,
          commitMessage: info?.commitMessage ?? m.body, diff: info?.diff ?? '', files: info?.files ?? [], hunks: info?.hunks ?? [],
          additions: info?.additions ?? 0, deletions: info?.deletions ?? 0,
        });
      }
    }
  }
  return out;
}

function titleOf(subject: string): string {
  return subject.replace(/\s+/g, ' ').replace(/^(?:\s*(?:re|fwd?)\s*:\s*|\s*\[[^\]]*\]\s*)+/i, '').trim();
}

const PATCH_COLS = `"seriesId", index, subject, "authorId", "commitMessage", diff, files, hunks, additions, deletions`;

async function syncPatches(tx: Tx, rows: PatchRow[], seriesIds: number[]): Promise<Map<string, number>> {
  await x(
    tx,
    `DELETE FROM "Patch" WHERE "seriesId" IN ${ID_LIST} AND "messageRowId" NOT IN (SELECT (v #>> '{}')::int FROM jsonb_array_elements($2::jsonb) v)`,
    seriesIds,
    rows.map((r) => r.rowId),
  );
  if (rows.length) {
    await x(
      tx,
      `INSERT INTO "Patch"("messageRowId", ${PATCH_COLS})
       SELECT r."rowId", r."seriesId", r.index, r.subject, r."authorId", r."commitMessage", r.diff, r.files, r.hunks, r.additions, r.deletions
       FROM jsonb_to_recordset($1::jsonb) AS r("rowId" int, "seriesId" int, index int, subject text, "authorId" int, "commitMessage" text, diff text, files text[], hunks jsonb, additions int, deletions int)
       ON CONFLICT ("messageRowId") DO UPDATE SET (${PATCH_COLS}) = (${PATCH_COLS.split(', ').map((c) => `EXCLUDED.${c}`).join(', ')})
       WHERE (${PATCH_COLS.split(', ').map((c) => `"Patch".${c}`).join(', ')}) IS DISTINCT FROM (${PATCH_COLS.split(', ').map((c) => `EXCLUDED.${c}`).join(', ')})`,
      rows,
    );
  }
  const got = await q<{ id: number; seriesId: number; index: number }>(tx, `SELECT id, "seriesId", index FROM "Patch" WHERE "seriesId" IN ${ID_LIST}`, seriesIds);
  return new Map(got.map((g) => [`${g.seriesId}:${g.index}`, g.id]));
}

interface ReplyRow {
  rowId: number;
  parent: string | null;
  seriesId: number | null;
  patchId: number | null;
  onCover: boolean;
}

async function syncReplies(tx: Tx, rows: ReplyRow[], threadIds: number[]): Promise<void> {
  await x(
    tx,
    `DELETE FROM "Reply" WHERE "messageRowId" IN (SELECT id FROM "Message" WHERE "threadId" IN ${ID_LIST}) AND "messageRowId" NOT IN (SELECT (v #>> '{}')::int FROM jsonb_array_elements($2::jsonb) v)`,
    threadIds,
    rows.map((r) => r.rowId),
  );
  if (rows.length === 0) return;
  await x(
    tx,
    `INSERT INTO "Reply"("messageRowId", "parentMessageId", "seriesId", "patchId", "onCover")
     SELECT r."rowId", r.parent, r."seriesId", r."patchId", r."onCover" FROM jsonb_to_recordset($1::jsonb) AS r("rowId" int, parent text, "seriesId" int, "patchId" int, "onCover" bool)
     ON CONFLICT ("messageRowId") DO UPDATE SET ("parentMessageId", "seriesId", "patchId", "onCover") = (EXCLUDED."parentMessageId", EXCLUDED."seriesId", EXCLUDED."patchId", EXCLUDED."onCover")
     WHERE ("Reply"."parentMessageId", "Reply"."seriesId", "Reply"."patchId", "Reply"."onCover") IS DISTINCT FROM (EXCLUDED."parentMessageId", EXCLUDED."seriesId", EXCLUDED."patchId", EXCLUDED."onCover")`,
    rows,
  );
}

interface TrailerRow {
  kind: string;
  name: string;
  email: string;
  src: number;
  seriesId: number;
  patchId: number | null;
  inPatch: boolean;
  mismatch: boolean;
  position: number;
}

function trailerRow(t: CollectedTrailer, src: number, seriesId: number, patchId: number | null, position: number): TrailerRow {
  return { kind: t.kind, name: t.name, email: t.email, src, seriesId, patchId, inPatch: t.inPatch, mismatch: t.mismatch, position };
}

/** Trailer rows of the patches themselves and of the replies to them or to the cover. */
function trailerRows(threads: ThreadAssembly[], seriesIds: Map<string, number>, patchIds: Map<string, number>): TrailerRow[] {
  const out: TrailerRow[] = [];
  const seen = new Set<string>();
  const push = (r: TrailerRow): void => {
    const k = `${r.src}|${r.seriesId}|${r.patchId}|${trailerKey(r)}`;
    if (!seen.has(k)) out.push(r);
    seen.add(k);
  };
  for (const t of threads) {
    for (const d of t.assembly.series) {
      const seriesId = seriesIds.get(`${t.listId}\u0000${d.key}`);
      if (seriesId === undefined) continue;
      const rowOf = (mid: string): number | undefined => t.mails.get(mid)?.rowId;
      const collected = collectSeriesTrailers(d, t.assembly.replies, t.mails);
      // position = order within the reply that gave it, whatever order replies were loaded in
      const used = new Map<string, number>();
      const next = (src: string, patchId: number | null): number => {
        const k = `${src}|${patchId}`;
        const n = used.get(k) ?? 0;
        used.set(k, n + 1);
        return n;
      };
      for (const p of d.patches) {
        const patchId = patchIds.get(`${seriesId}:${p.index}`) ?? null;
        (collected.own.get(p.messageId) ?? []).forEach((tr, i) => push(trailerRow(tr, rowOf(tr.sourceMessageId) ?? 0, seriesId, patchId, i)));
        for (const { trailer: tr } of collected.onPatch.get(p.messageId) ?? []) push(trailerRow(tr, rowOf(tr.sourceMessageId) ?? 0, seriesId, patchId, next(tr.sourceMessageId, patchId)));
      }
      for (const { trailer: tr } of collected.onCover) push(trailerRow(tr, rowOf(tr.sourceMessageId) ?? 0, seriesId, null, next(tr.sourceMessageId, null)));
    }
  }
  return out;
}

const TRAILER_MATCH = `t."sourceMessageId" = r.src AND t."seriesId" = r."seriesId" AND t."patchId" IS NOT DISTINCT FROM r."patchId" AND t.kind = r.kind AND t.email = r.email`;
const TRAILER_REC = `jsonb_to_recordset($2::jsonb) AS r(kind text, name text, email text, src int, "seriesId" int, "patchId" int, "inPatch" bool, mismatch bool, position int)`;

async function syncTrailers(tx: Tx, rows: TrailerRow[], seriesIds: number[]): Promise<void> {
  await x(
    tx,
    `DELETE FROM "Trailer" t WHERE t."seriesId" IN ${ID_LIST} AND NOT EXISTS (
       SELECT 1 FROM ${TRAILER_REC} WHERE ${TRAILER_MATCH} AND t.name = r.name AND t."inPatch" = r."inPatch" AND t.mismatch = r.mismatch AND t.position = r.position)`,
    seriesIds,
    rows,
  );
  if (rows.length === 0) return;
  await x(
    tx,
    `INSERT INTO "Trailer"(kind, name, email, "personId", "sourceMessageId", "seriesId", "patchId", "inPatch", mismatch, position)
     SELECT r.kind, r.name, r.email, (SELECT a."personId" FROM "PersonAddress" a WHERE a.email = lower(r.email)), r.src, r."seriesId", r."patchId", r."inPatch", r.mismatch, r.position
     FROM ${TRAILER_REC.replace('$2', '$1')} WHERE NOT EXISTS (SELECT 1 FROM "Trailer" t WHERE ${TRAILER_MATCH})`,
    rows,
  );
}

/** Message.kind of every mail in the threads: cover, patch, reply or other. */
async function syncKinds(tx: Tx, threads: ThreadAssembly[]): Promise<void> {
  const rows: { id: number; kind: string }[] = [];
  for (const t of threads) {
    const kind = new Map<string, string>();
    for (const d of t.assembly.series) {
      if (d.coverMessageId) kind.set(d.coverMessageId, 'cover');
      for (const p of d.patches) kind.set(p.messageId, 'patch');
      for (const e of d.extra) kind.set(e, 'patch');
    }
    for (const r of t.assembly.replies) if (r.parentMessageId !== null || r.seriesKey !== null) kind.set(r.messageId, 'reply');
    for (const m of t.mails.values()) rows.push({ id: m.rowId, kind: kind.get(m.messageId) ?? 'other' });
  }
  if (rows.length === 0) return;
  await x(tx, `UPDATE "Message" m SET kind = r.kind FROM jsonb_to_recordset($1::jsonb) AS r(id int, kind text) WHERE m.id = r.id AND m.kind <> r.kind`, rows);
}

/** Patches, replies, trailers and kinds for the assembled threads. */
export async function syncParts(tx: Tx, threads: ThreadAssembly[], seriesIds: Map<string, number>, threadIds: number[]): Promise<void> {
  const ids = [...new Set(seriesIds.values())];
  const patches = patchRows(threads, seriesIds);
  const patchIds = await syncPatches(tx, patches, ids);
  const replies: ReplyRow[] = [];
  for (const t of threads) {
    for (const r of t.assembly.replies) {
      const m = t.mails.get(r.messageId);
      const seriesId = r.seriesKey === null ? undefined : seriesIds.get(`${t.listId}\u0000${r.seriesKey}`);
      if (!m || seriesId === undefined) continue;
      replies.push({ rowId: m.rowId, parent: r.parentMessageId, seriesId, patchId: r.patchIndex === null ? null : (patchIds.get(`${seriesId}:${r.patchIndex}`) ?? null), onCover: r.onCover });
    }
  }
  await syncReplies(tx, replies, threadIds);
  await syncTrailers(tx, trailerRows(threads, seriesIds, patchIds), ids);
  await syncKinds(tx, threads);
}

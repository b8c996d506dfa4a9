// Keeps Series.previousId (vN+1 → vN) right after series changed: loads the
// series that could be versions of the changed ones (same submitter, title or
// change-id, named in a Supersedes/In-Reply-To reference, or naming them),
// runs the pure linker over that set and writes only the links that differ.
// A manual link (`series link/unlink`, previousLink = 'manual') is never
// overwritten.
import { linkVersions, normaliseChangeId, type VersionCandidate } from '../core/versions.js';
import { q, x, type Tx } from './sql.js';

interface CandidateRow {
  id: number;
  version: number;
  title: string;
  submitterId: number | null;
  date: Date | string | null;
  changeId: string | null;
  supersedesRefs: string[] | null;
  previousId: number | null;
  previousLink: string | null;
  messageIds: string[] | null;
  replyTo: string | null;
}

const AFFECTED = `(SELECT (v #>> '{}')::int FROM jsonb_array_elements($1::jsonb) v)`;

/** Series related to the affected ones by any version evidence, with what the linker needs. */
async function loadCandidates(tx: Tx, seriesIds: number[]): Promise<CandidateRow[]> {
  return q<CandidateRow>(
    tx,
    `WITH a AS (SELECT * FROM "Series" WHERE id IN ${AFFECTED}),
     ids AS (
       SELECT s.id, array_remove(array_agg(DISTINCT pm."messageId") || array_agg(DISTINCT cm."messageId"), NULL) AS mids
       FROM "Series" s LEFT JOIN "Patch" p ON p."seriesId" = s.id LEFT JOIN "Message" pm ON pm.id = p."messageRowId" LEFT JOIN "Message" cm ON cm.id = s."coverId"
       WHERE s."listId" IN (SELECT "listId" FROM a) GROUP BY s.id),
     c AS (
       SELECT s.id FROM "Series" s JOIN ids ON ids.id = s.id
       WHERE s."listId" IN (SELECT "listId" FROM a) AND (
         s.id IN (SELECT id FROM a)
         OR s."submitterId" IN (SELECT "submitterId" FROM a)
         OR lower(s.title) IN (SELECT lower(title) FROM a)
         OR regexp_replace(lower(s."changeId"), '-[0-9a-f]{12}$', '') IN (SELECT regexp_replace(lower("changeId"), '-[0-9a-f]{12}$', '') FROM a)
         OR s."previousId" IN (SELECT id FROM a)
         OR s.id IN (SELECT "previousId" FROM a)
         OR ids.mids && (SELECT coalesce(array_agg(r), '{}') FROM a, unnest(a."supersedesRefs") r)
         OR s."supersedesRefs" && (SELECT coalesce(array_agg(m), '{}') FROM ids JOIN a ON a.id = ids.id, unnest(ids.mids) m)))
     SELECT s.id, s.version, s.title, s."submitterId", s.date, s."changeId", s."supersedesRefs", s."previousId", s."previousLink", ids.mids AS "messageIds",
       (SELECT coalesce(h."inReplyTo"[1], h."references"[array_length(h."references", 1)]) FROM "Message" h
         WHERE h.id = coalesce(s."coverId", (SELECT p2."messageRowId" FROM "Patch" p2 WHERE p2."seriesId" = s.id ORDER BY p2.index LIMIT 1))) AS "replyTo"
     FROM "Series" s JOIN ids ON ids.id = s.id WHERE s.id IN (SELECT id FROM c) OR s.id IN (SELECT "previousId" FROM "Series" WHERE id IN (SELECT id FROM c))`,
    seriesIds,
  );
}

function candidate(r: CandidateRow): VersionCandidate {
  return {
    id: r.id, version: r.version, title: r.title, submitter: r.submitterId === null ? null : String(r.submitterId), date: r.date === null ? null : new Date(r.date),
    changeId: r.changeId ? normaliseChangeId(r.changeId) : null, messageIds: r.messageIds ?? [], replyTo: r.replyTo, supersedes: r.supersedesRefs ?? [],
    ...(r.previousLink === 'manual' ? { manual: { previous: r.previousId } } : {}),
  };
}

/** Recompute previous-version links around the given series. */
export async function relinkVersions(tx: Tx, seriesIds: number[]): Promise<void> {
  if (seriesIds.length === 0) return;
  const rows = await loadCandidates(tx, seriesIds);
  const links = linkVersions(rows.map(candidate));
  const changes: { id: number; prev: number | null; how: string | null }[] = [];
  for (const r of rows) {
    const l = links.get(r.id);
    if (!l || l.method === 'manual') continue;
    if (l.previous !== r.previousId || l.method !== r.previousLink) changes.push({ id: r.id, prev: l.previous, how: l.method });
  }
  if (changes.length === 0) return;
  await x(
    tx,
    `UPDATE "Series" s SET "previousId" = r.prev, "previousLink" = r.how, "updatedAt" = now() FROM jsonb_to_recordset($1::jsonb) AS r(id int, prev int, how text) WHERE s.id = r.id`,
    changes,
  );
}

// Keeps Series.previousId (vN+1 → vN) right after series changed: loads the
// series that could be versions of the changed ones (same submitter, title or
// change-id, named in a Supersedes/In-Reply-To reference, or naming them),
// runs the pure linker over that set and writes only the links that differ.
// A manual link (`series link/unlink`, previousLink = 'manual') is never
// overwritten.
import { findPrevious, normaliseChangeId, type VersionCandidate, type VersionLink } from '../core/versions.js';
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
     amids AS (SELECT m."messageId" FROM "Patch" p JOIN "Message" m ON m.id = p."messageRowId" WHERE p."seriesId" IN (SELECT id FROM a)
               UNION SELECT m."messageId" FROM a JOIN "Message" m ON m.id = a."coverId"),
     refs AS (SELECT DISTINCT unnest(a."supersedesRefs") AS r FROM a),
     c AS (
       SELECT s.id FROM "Series" s WHERE s."listId" IN (SELECT "listId" FROM a) AND (
         s.id IN (SELECT id FROM a)
         OR s."submitterId" IN (SELECT "submitterId" FROM a)
         OR lower(s.title) IN (SELECT lower(title) FROM a)
         OR (s."changeId" IS NOT NULL AND regexp_replace(lower(s."changeId"), '-[0-9a-f]{12}$', '') IN (SELECT regexp_replace(lower("changeId"), '-[0-9a-f]{12}$', '') FROM a WHERE "changeId" IS NOT NULL))
         OR s."previousId" IN (SELECT id FROM a)
         OR s.id IN (SELECT "previousId" FROM a)
         OR s."supersedesRefs" && (SELECT coalesce(array_agg("messageId"), '{}') FROM amids))
       UNION SELECT p."seriesId" FROM "Patch" p JOIN "Message" m ON m.id = p."messageRowId" WHERE m."messageId" IN (SELECT r FROM refs)
       UNION SELECT s.id FROM "Series" s JOIN "Message" m ON m.id = s."coverId" WHERE m."messageId" IN (SELECT r FROM refs)),
     c2 AS (SELECT id FROM c UNION SELECT "previousId" FROM "Series" WHERE id IN (SELECT id FROM c) AND "previousId" IS NOT NULL)
     SELECT s.id, s.version, s.title, s."submitterId", s.date, s."changeId", s."supersedesRefs", s."previousId", s."previousLink",
       array_remove(ARRAY(SELECT m."messageId" FROM "Patch" p JOIN "Message" m ON m.id = p."messageRowId" WHERE p."seriesId" = s.id)
         || (SELECT m."messageId" FROM "Message" m WHERE m.id = s."coverId"), NULL) AS "messageIds",
       (SELECT coalesce(h."inReplyTo"[1], h."references"[array_length(h."references", 1)]) FROM "Message" h
         WHERE h.id = coalesce(s."coverId", (SELECT p2."messageRowId" FROM "Patch" p2 WHERE p2."seriesId" = s.id ORDER BY p2.index LIMIT 1))) AS "replyTo"
     FROM "Series" s WHERE s.id IN (SELECT id FROM c2)`,
    seriesIds,
  );
}

function candidate(r: CandidateRow): VersionCandidate & { previousId: number | null } {
  return {
    previousId: r.previousId,
    id: r.id, version: r.version, title: r.title, submitter: r.submitterId === null ? null : String(r.submitterId), date: r.date === null ? null : new Date(r.date),
    changeId: r.changeId ? normaliseChangeId(r.changeId) : null, messageIds: r.messageIds ?? [], replyTo: r.replyTo, supersedes: r.supersedesRefs ?? [],
    ...(r.previousLink === 'manual' ? { manual: { previous: r.previousId } } : {}),
  };
}

/** Recompute previous-version links around the given series. */
export async function relinkVersions(tx: Tx, seriesIds: number[]): Promise<void> {
  if (seriesIds.length === 0) return;
  const rows = await loadCandidates(tx, seriesIds);
  const links = relink(rows.map(candidate), new Set(seriesIds));
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

/**
 * Links to recompute: every affected series against all candidates; any
 * other candidate only against its current previous and the affected ones
 * (nothing else changed for it), which keeps this linear in the candidates.
 */
function relink(all: VersionCandidate[], affected: Set<number>): Map<number, VersionLink> {
  const byId = new Map(all.map((c) => [c.id, c]));
  const changed = all.filter((c) => affected.has(c.id));
  const out = new Map<number, VersionLink>();
  for (const c of all) {
    if (affected.has(c.id)) out.set(c.id, findPrevious(c, all));
    else {
      const current = c.manual ? undefined : byId.get((c as VersionCandidate & { previousId?: number | null }).previousId ?? -1);
      out.set(c.id, findPrevious(c, current ? [current, ...changed] : changed));
    }
  }
  return out;
}

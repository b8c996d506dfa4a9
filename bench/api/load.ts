// Bulk data for the API benchmark: 100,000 series (3 patches each, version
// chains v1→v2→v3), 1,000,000 messages (covers, patches, replies), trailers,
// apply runs with per-patch results, concerns and ledger comments, all made
// with INSERT … SELECT generate_series in a handful of statements. Ids are
// predictable: series s has cover message s, patch messages 100000+3(s-1)+k
// and replies 400000+6(s-1)+1..6. Used by bench/api/run.ts only.
import type { SqlRunner } from '../../services/db/adapters/migrate.js';

export const SERIES = 100_000;
export const MESSAGES = 1_000_000;
const LISTS = 5;
const PEOPLE = 20_000;

const DIFF = `diff --git a/drivers/cxl/core/region.c b/drivers/cxl/core/region.c
index 1111111..2222222 100644
--- a/drivers/cxl/core/region.c
+++ b/drivers/cxl/core/region.c
@@ -10,6 +10,8 @@ static int attach(struct cxl_region *cxlr)
 	int rc;
 
 	rc = setup(cxlr);
+	if (rc)
+		return rc;
 	return 0;
 }
`;

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const DATE = (g: string) => `(TIMESTAMP '2024-01-01' + (${g}) * INTERVAL '5 minutes')`;
const FROM = (p: string) => `'Person ' || ${p}, 'p' || ${p} || '@example.org'`;

export const STATEMENTS: [string, string][] = [
  ['lists', `INSERT INTO "MailingList" ("listId", name) SELECT 'bench' || g || '.vger.kernel.org', 'bench' || g FROM generate_series(1, ${LISTS}) g`],
  ['people', `INSERT INTO "Person" (name) SELECT 'Person ' || g FROM generate_series(1, ${PEOPLE}) g`],
  ['addresses', `INSERT INTO "PersonAddress" (email, "personId") SELECT 'p' || g || '@example.org', g FROM generate_series(1, ${PEOPLE}) g`],
  ['threads', `INSERT INTO "Thread" ("listId", "rootMessageId", subject, "messageCount", "lastDate")
    SELECT 1 + g % ${LISTS}, 'c' || g || '@bench', 'bench series ' || g, 10, ${DATE('g')} FROM generate_series(1, ${SERIES}) g ORDER BY g`],
  ['cover messages', `INSERT INTO "Message" ("listId", "messageId", date, "fromName", "fromEmail", "authorId", subject, "inReplyTo", "references", headers, body, "rawSize", "contentHash", kind, "threadId")
    SELECT 1 + g % ${LISTS}, 'c' || g || '@bench', ${DATE('g')}, ${FROM(`(1 + g % ${PEOPLE})`)}, 1 + g % ${PEOPLE},
      '[PATCH 0/3] bench series ' || g, '{}', '{}', '{}', 'Cover letter of bench series ' || g || ': region attach and memdev lifetimes.', 300, md5('c' || g), 'cover', g
    FROM generate_series(1, ${SERIES}) g ORDER BY g`],
  ['patch messages', `INSERT INTO "Message" ("listId", "messageId", date, "fromName", "fromEmail", "authorId", subject, "inReplyTo", "references", headers, body, "rawSize", "contentHash", kind, "threadId")
    SELECT 1 + s % ${LISTS}, 'p' || g || '@bench', ${DATE('s')}, ${FROM(`(1 + s % ${PEOPLE})`)}, 1 + s % ${PEOPLE},
      '[PATCH ' || k || '/3] bench change ' || g, ARRAY['c' || s || '@bench'], ARRAY['c' || s || '@bench'], '{}', 'commit message ' || g || E'\\n---\\n' || ${q(DIFF)}, 900, md5('p' || g), 'patch', s
    FROM (SELECT g, (g - 1) / 3 + 1 AS s, (g - 1) % 3 + 1 AS k FROM generate_series(1, ${SERIES * 3}) g) x ORDER BY g`],
  ['reply messages', `INSERT INTO "Message" ("listId", "messageId", date, "fromName", "fromEmail", "authorId", subject, "inReplyTo", "references", headers, body, "rawSize", "contentHash", kind, "threadId")
    SELECT 1 + s % ${LISTS}, 'r' || g || '@bench', ${DATE('s')} + INTERVAL '1 day', ${FROM(`(1 + (s * 7 + g) % ${PEOPLE})`)}, 1 + (s * 7 + g) % ${PEOPLE},
      'Re: [PATCH 1/3] bench change ' || s, ARRAY['p' || s || '@bench'], ARRAY['c' || s || '@bench'], '{}', E'> quoted line\\nThis looks fine to me; one nit about the devres ordering.\\n', 400, md5('r' || g), 'reply', s
    FROM (SELECT g, (g - 1) / 6 + 1 AS s FROM generate_series(1, ${MESSAGES - SERIES * 4}) g) x ORDER BY g`],
  ['series', `INSERT INTO "Series" (key, "listId", "threadId", title, version, rfc, prefixes, total, received, complete, missing, "coverId", "submitterId", date, "dependsOnRefs", "previousId", "previousLink", state, "delegateId", "updatedAt")
    SELECT 'k' || g, 1 + g % ${LISTS}, g, 'bench series ' || g, (g - 1) % 3 + 1, false, '{PATCH}', 3, 3, true, '{}', g, 1 + g % ${PEOPLE}, ${DATE('g')}, '{}',
      CASE WHEN (g - 1) % 3 > 0 THEN g - 1 END, CASE WHEN (g - 1) % 3 > 0 THEN 'subject' END,
      (ARRAY['New','Under Review','Accepted','Changes Requested','Rejected','RFC','Not Applicable','Superseded','Deferred'])[1 + g % 9],
      CASE WHEN g % 7 = 0 THEN 1 + g % 50 END, now()
    FROM generate_series(1, ${SERIES}) g ORDER BY g`],
  ['patches', `INSERT INTO "Patch" ("seriesId", index, "messageRowId", subject, "authorId", "commitMessage", diff, files, hunks, additions, deletions)
    SELECT (g - 1) / 3 + 1, (g - 1) % 3 + 1, ${SERIES} + g, '[PATCH ' || ((g - 1) % 3 + 1) || '/3] bench change ' || g, 1 + ((g - 1) / 3 + 1) % ${PEOPLE},
      'commit message ' || g, ${q(DIFF)}, '{drivers/cxl/core/region.c}',
      '[{"file":"drivers/cxl/core/region.c","header":"static int attach(struct cxl_region *cxlr)","oldStart":10,"oldLines":6,"newStart":10,"newLines":8}]', 2, 0
    FROM generate_series(1, ${SERIES * 3}) g ORDER BY g`],
  ['replies', `INSERT INTO "Reply" ("messageRowId", "parentMessageId", "seriesId", "patchId")
    SELECT ${SERIES * 4} + g, 'p' || ((g - 1) / 6 + 1) || '@bench', (g - 1) / 6 + 1, ((g - 1) / 6) * 3 + 1 + g % 3 FROM generate_series(1, ${MESSAGES - SERIES * 4}) g`],
  ['trailers', `INSERT INTO "Trailer" (kind, name, email, "personId", "sourceMessageId", "seriesId", "patchId")
    SELECT (ARRAY['Reviewed-by','Acked-by','Tested-by'])[1 + g % 3], 'Person ' || (1 + g % ${PEOPLE}), 'p' || (1 + g % ${PEOPLE}) || '@example.org', 1 + g % ${PEOPLE},
      ${SERIES * 4} + g, (g - 1) / 6 + 1, ((g - 1) / 6) * 3 + 1 + g % 3 FROM generate_series(1, ${SERIES * 2}) g`],
  ['apply runs', `INSERT INTO "ApplyRun" ("seriesId", "baseMethod", verdict, "firstFailing", "blobChainBreaks")
    SELECT g, 'branch-head', (ARRAY['clean','fails','applies-with-offsets','no-tree'])[1 + g % 4], CASE WHEN g % 4 = 1 THEN 2 END, '[]' FROM generate_series(1, ${SERIES}) g ORDER BY g`],
  ['apply results', `INSERT INTO "PatchApplyResult" ("runId", "patchId", status, detail)
    SELECT (g - 1) / 3 + 1, g, CASE WHEN ((g - 1) / 3 + 1) % 4 = 1 AND (g - 1) % 3 = 1 THEN 'conflict' ELSE 'clean' END,
      '{"reason":"applies","hunks":[{"file":"drivers/cxl/core/region.c","hunk":1,"header":"@@ -10,6 +10,8 @@","status":"clean"}]}'
    FROM generate_series(1, ${SERIES * 3}) g`],
  ['analysis runs', `INSERT INTO "AnalysisRun" ("seriesId", stats) SELECT g * 10, '{}' FROM generate_series(1, ${SERIES / 10}) g ORDER BY g`],
  ['concerns', `INSERT INTO "Concern" ("runId", "seriesId", "patchId", rule, severity, file, "startLine", "endLine", "hunkIndex", summary, explanation, trace, origin, fingerprint)
    SELECT (g - 1) / 2 + 1, ((g - 1) / 2 + 1) * 10, (((g - 1) / 2 + 1) * 10 - 1) * 3 + 3, 'model.no-use-after-free', 'error', 'drivers/cxl/core/region.c', 12, 13, 0,
      'region used after unbind', 'explanation', '[{"event":"acpi.unbind(P)","effects":[],"faults":[]}]', 'new', 'fp' || g
    FROM generate_series(1, ${SERIES / 5}) g`],
  ['comments', `INSERT INTO "Comment" ("seriesId", "patchId", "messageRowId", "authorName", "authorEmail", text, status, fingerprint)
    SELECT g, (g - 1) * 3 + 1, ${SERIES * 4} + (g - 1) * 6 + 1, 'Person 1', 'p1@example.org', 'nit: devres ordering',
      (ARRAY['open','answered','addressed'])[1 + g % 3], 'bench-' || g FROM generate_series(1, ${SERIES}) g`],
];

/** Load everything; the full-text index is dropped first and rebuilt after (faster than maintaining it row by row). */
export async function loadBenchData(sql: SqlRunner, log: (line: string) => void): Promise<void> {
  await sql.exec('DROP INDEX IF EXISTS "Message_search_idx"');
  for (const [what, stmt] of STATEMENTS) {
    const t = Date.now();
    await sql.exec(stmt);
    log(`  ${what}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const t = Date.now();
  await sql.exec(`CREATE INDEX "Message_search_idx" ON "Message" USING GIN (to_tsvector('english', "subject" || ' ' || "body"))`);
  await sql.exec('ANALYZE');
  log(`  full-text index + ANALYZE: ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

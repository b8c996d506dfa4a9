// Fixtures of the browser test: a hostile mail (HTML and script in subject,
// body and diff) and the seed series' patch-4 concern. The concern comes from
// the rules stage (analyzeSeries) when it is there; until then a stand-in is
// stored at the lines of cxl_endpoint_region_autoremove, in the model's trace
// shape, so the page is still exercised end to end.
import type { Db } from '../../services/db/adapters/client.js';
import { runAnalyze } from '../../services/api/jobs/stage-calls.js';

export const XSS_MBOX = `From mallory@example.org Mon Apr  6 10:00:00 2026
From: Mallory <mallory@example.org>
To: linux-cxl@vger.kernel.org
Subject: [PATCH] cxl: <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script>
Date: Mon, 06 Apr 2026 10:00:00 +0000
Message-ID: <xss-1@example.org>
List-Id: <linux-cxl.vger.kernel.org>

<script>window.__xss=3</script> and <b>not bold</b>

Signed-off-by: Mallory <mallory@example.org>
---
 drivers/cxl/x.c | 1 +
 1 file changed, 1 insertion(+)

diff --git a/drivers/cxl/x.c b/drivers/cxl/x.c
index 1111111..2222222 100644
--- a/drivers/cxl/x.c
+++ b/drivers/cxl/x.c
@@ -1,3 +1,4 @@
 int a;
+/* <script>window.__xss=4</script> */
 int b;
 int c;
-- 
2.53.0

`;

/** Post-image line numbers of the lines of `fn`'s body in a unified diff (from its signature to the closing brace). */
export function functionLines(diff: string, fn: string): { file: string; start: number; end: number } | null {
  let file = '';
  let n = 0;
  let start = 0;
  for (const line of diff.split('\n')) {
    const f = /^\+\+\+ b\/(.*)$/.exec(line);
    if (f) file = f[1] ?? '';
    const hh = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(line);
    if (hh) {
      n = Number(hh[1]);
      continue;
    }
    if (line.startsWith('-') || !n) continue;
    if (!start && line.includes(`${fn}(`) && line.startsWith('+static')) start = n;
    else if (start && /^[+ ]}\s*$/.test(line)) return { file, start, end: n };
    n++;
  }
  return null;
}

export async function ensureConcernOnPatch4(db: Db, seriesId: number): Promise<void> {
  try {
    await runAnalyze(db, seriesId);
  } catch (err) {
    if (!/not available/.test((err as Error).message)) throw err;
  }
  const patch = await db.prisma.patch.findFirstOrThrow({ where: { seriesId, index: 4 } });
  if (await db.prisma.concern.count({ where: { patchId: patch.id } })) return;
  const at = functionLines(patch.diff, 'cxl_endpoint_region_autoremove');
  if (!at) throw new Error('patch 4 of the seed has no cxl_endpoint_region_autoremove');
  const run = await db.prisma.analysisRun.create({ data: { seriesId, stats: { standIn: true } } });
  await db.prisma.concern.create({
    data: {
      runId: run.id,
      seriesId,
      patchId: patch.id,
      rule: 'model.no-use-after-free',
      severity: 'error',
      file: at.file,
      startLine: at.start,
      endLine: at.end,
      summary: 'unbinding cxl_acpi frees the region before the endpoint autoremove reads it',
      explanation: 'stand-in concern of the browser test (the rules stage is not available in this checkout)',
      trace: [
        { event: 'acpi.unbind(P)', effects: [{ depth: 1, text: 'devres_release_all(P)', devres: { dev: 'P', list: [] } }, { depth: 2, text: 'unregister_region(X): X freed' }], faults: [] },
        { event: 'port.unbind(E)', effects: [{ depth: 1, text: 'cxl_endpoint_region_autoremove(X)' }], faults: [{ invariant: 'no-use-after-free', detail: 'autoremove reads X->cxlrd after X was freed', locs: [] }] },
      ],
      origin: 'new',
      fingerprint: 'model.no-use-after-free:drivers/cxl/core/region.c:cxl_endpoint_region_autoremove',
    },
  });
}

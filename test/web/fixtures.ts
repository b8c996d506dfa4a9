// Fixtures of the browser test: a hostile mail (HTML and script in subject,
// body and diff), and where the seed's patch-4 concern must be: inside
// cxl_endpoint_region_autoremove, the function the use-after-free is in.

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

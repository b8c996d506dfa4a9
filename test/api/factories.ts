// Test factories for the API: rows with sensible defaults so a test states
// only the fields it cares about. They write through Prisma like the stages
// do, but know nothing of parsing; the ingester's own tests cover that.
import type { Db } from '../../services/db/adapters/client.js';
import { createToken } from '../../services/api/auth/tokens.js';

let seq = 0;
const next = () => ++seq;

export async function makeList(db: Db, listId = `list${next()}.vger.kernel.org`) {
  return db.prisma.mailingList.create({ data: { listId, name: listId.split('.')[0] ?? listId } });
}

export async function makePerson(db: Db, name = `Person ${next()}`, email = `p${next()}@example.org`) {
  return db.prisma.person.create({ data: { name, addresses: { create: { email } } } });
}

export interface MessageOpts {
  listId: number;
  subject?: string;
  body?: string;
  fromName?: string;
  fromEmail?: string;
  authorId?: number;
  threadId?: number;
  kind?: string;
  date?: Date;
  raw?: string;
}

export async function makeMessage(db: Db, o: MessageOpts) {
  const n = next();
  const subject = o.subject ?? `message ${n}`;
  const body = o.body ?? `body of message ${n}\n`;
  const fromName = o.fromName ?? 'Some One';
  const fromEmail = o.fromEmail ?? 'some.one@example.org';
  const messageId = `${n}.${Date.now()}@test.example`;
  const raw = o.raw ?? `From: ${fromName} <${fromEmail}>\nSubject: ${subject}\nMessage-ID: <${messageId}>\n\n${body}`;
  return db.prisma.message.create({
    data: {
      listId: o.listId,
      messageId,
      date: o.date ?? new Date('2026-04-03T21:00:50Z'),
      fromName,
      fromEmail,
      authorId: o.authorId ?? null,
      subject,
      headers: {},
      body,
      rawSize: raw.length,
      contentHash: `h${n}`,
      kind: o.kind ?? 'other',
      threadId: o.threadId ?? null,
      raw: { create: { raw: Buffer.from(raw) } },
    },
  });
}

export const SAMPLE_DIFF = `diff --git a/drivers/cxl/core/region.c b/drivers/cxl/core/region.c
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

export interface SeriesOpts {
  listId: number;
  title?: string;
  version?: number;
  patches?: number;
  submitterId?: number;
  previousId?: number;
  state?: string;
  date?: Date;
  diff?: string;
}

/** A series with a thread, a cover letter and `patches` patch messages. */
export async function makeSeries(db: Db, o: SeriesOpts) {
  const n = next();
  const title = o.title ?? `cxl: series ${n}`;
  const total = o.patches ?? 2;
  const date = o.date ?? new Date(Date.UTC(2026, 3, 1, 0, 0, n));
  const thread = await db.prisma.thread.create({ data: { listId: o.listId, rootMessageId: `root${n}@t`, subject: title } });
  const cover = await makeMessage(db, {
    listId: o.listId,
    threadId: thread.id,
    kind: 'cover',
    subject: `[PATCH v${o.version ?? 1} 0/${total}] ${title}`,
    body: `Cover letter of ${title}\n`,
    date,
  });
  const series = await db.prisma.series.create({
    data: {
      key: `key${n}`,
      listId: o.listId,
      threadId: thread.id,
      title,
      version: o.version ?? 1,
      total,
      received: total,
      complete: true,
      coverId: cover.id,
      submitterId: o.submitterId ?? null,
      previousId: o.previousId ?? null,
      state: o.state ?? 'New',
      date,
    },
  });
  for (let i = 1; i <= total; i++) await makePatch(db, series.id, i, { listId: o.listId, threadId: thread.id, total, diff: o.diff, date });
  return series;
}

export async function makePatch(db: Db, seriesId: number, index: number, o: { listId: number; threadId: number; total: number; diff?: string; date?: Date }) {
  const diff = o.diff ?? SAMPLE_DIFF;
  const subject = `[PATCH ${index}/${o.total}] cxl: change ${index}`;
  const msg = await makeMessage(db, { listId: o.listId, threadId: o.threadId, kind: 'patch', subject, body: `commit message ${index}\n---\n${diff}`, date: o.date });
  return db.prisma.patch.create({
    data: {
      seriesId,
      index,
      messageRowId: msg.id,
      subject,
      commitMessage: `commit message ${index}`,
      diff,
      files: ['drivers/cxl/core/region.c'],
      hunks: [{ file: 'drivers/cxl/core/region.c', header: 'static int attach(struct cxl_region *cxlr)', oldStart: 10, oldLines: 6, newStart: 10, newLines: 8 }],
      additions: 2,
      deletions: 0,
    },
  });
}

export async function makeTrailer(db: Db, seriesId: number, kind: string, patchId: number | null = null) {
  const msg = await makeMessage(db, { listId: (await db.prisma.series.findUniqueOrThrow({ where: { id: seriesId } })).listId, kind: 'reply' });
  return db.prisma.trailer.create({ data: { kind, name: 'Rev Iewer', email: `r${next()}@example.org`, sourceMessageId: msg.id, seriesId, patchId } });
}

export async function makeApplyRun(db: Db, seriesId: number, verdict: string, failingPatchId?: number) {
  const patches = await db.prisma.patch.findMany({ where: { seriesId }, orderBy: { index: 'asc' } });
  return db.prisma.applyRun.create({
    data: {
      seriesId,
      baseMethod: 'branch-head',
      verdict,
      blobChainBreaks: [],
      firstFailing: failingPatchId ? (patches.find((p) => p.id === failingPatchId)?.index ?? null) : null,
      results: {
        create: patches.map((p) => ({
          patchId: p.id,
          status: p.id === failingPatchId ? 'conflict' : 'clean',
          detail: {
            reason: p.id === failingPatchId ? 'hunk 1 of region.c does not match the tree' : 'applies cleanly',
            hunks: [{ file: 'drivers/cxl/core/region.c', hunk: 1, header: '@@ -10,6 +10,8 @@', status: p.id === failingPatchId ? 'conflict' : 'clean' }],
          },
        })),
      },
    },
  });
}

export async function makeConcern(db: Db, seriesId: number, patchId: number, o: { startLine?: number; endLine?: number; summary?: string } = {}) {
  const run = await db.prisma.analysisRun.create({ data: { seriesId, stats: {} } });
  return db.prisma.concern.create({
    data: {
      runId: run.id,
      seriesId,
      patchId,
      rule: 'devres-after-unbind',
      severity: 'error',
      file: 'drivers/cxl/core/region.c',
      startLine: o.startLine ?? 13,
      endLine: o.endLine ?? 14,
      hunkIndex: 0,
      summary: o.summary ?? 'region released after the driver unbinds',
      explanation: 'The devres action runs after the memdev driver is unbound.',
      trace: [
        { actor: 'cxl_acpi', action: 'acpiRemove', target: 'cxl_port', note: 'unbind' },
        { actor: 'cxl_port', action: 'devresRelease', target: 'cxl_region', note: 'release region', violation: true },
      ],
      origin: 'new',
      fingerprint: `fp${next()}`,
    },
  });
}

export async function makeComment(db: Db, seriesId: number, o: { patchId?: number; concernId?: number; status?: string; text?: string } = {}) {
  return db.prisma.comment.create({
    data: {
      seriesId,
      patchId: o.patchId ?? null,
      concernId: o.concernId ?? null,
      authorName: 'Rev Iewer',
      authorEmail: 'rev@example.org',
      text: o.text ?? 'please fix this',
      status: o.status ?? 'open',
      fingerprint: `c${next()}-${Date.now()}`,
    },
  });
}

/** A token that maintains the given lists; returns the clear text. */
export async function makeToken(db: Db, listRowIds: number[], name = 'maint', email = 'maint@example.org') {
  const lists = await db.prisma.mailingList.findMany({ where: { id: { in: listRowIds } } });
  return (await createToken(db, { name, email, lists: lists.map((l) => l.listId) })).token;
}

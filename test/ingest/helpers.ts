// Test helpers of the ingest stage: read fixture mboxes into raw mails or
// parsed MailItems (with the pure splitter, no source adapter), and sum up an
// assembly the way the scenario golden files (test/fixtures/ingest/*.json) do.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitMbox } from '../../services/ingest/core/mbox.js';
import { parseMail } from '../../services/ingest/core/parse.js';
import { assembleSeries } from '../../services/ingest/core/series.js';
import { appliedTrailers, collectSeriesTrailers } from '../../services/ingest/core/series-trailers.js';
import { formatTrailer } from '../../services/ingest/core/trailers.js';
import type { MailItem, ParsedMessage, RawMail } from '../../services/ingest/core/types.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = path.join(ROOT, 'test/fixtures/ingest');
export const CORPUS = path.join(ROOT, 'test/fixtures/corpus');

export function rawMails(file: string): RawMail[] {
  return splitMbox(readFileSync(file)).map((m) => ({ raw: m.raw, source: file, position: `message ${m.index}` }));
}

export async function* asStream(mails: RawMail[]): AsyncIterable<RawMail> {
  for (const m of mails) yield m;
}

export async function parsedMails(file: string): Promise<ParsedMessage[]> {
  const out: ParsedMessage[] = [];
  for (const m of rawMails(file)) {
    const r = await parseMail(m.raw);
    if (!r.ok) throw new Error(`${file} ${m.position}: ${r.reason}`);
    out.push(r.value);
  }
  return out;
}

/** The golden-file view of what assembly makes of a set of mails. */
export function summarise(items: MailItem[]) {
  const a = assembleSeries(items);
  const mails = new Map(items.map((i) => [i.messageId, i]));
  const trailers: Record<string, string[]> = {};
  for (const d of a.series) {
    const t = collectSeriesTrailers(d, a.replies, mails);
    for (const p of d.patches) trailers[p.messageId] = appliedTrailers(t, p.messageId).map((x) => formatTrailer(x) + (x.mismatch ? ' [mismatch]' : ''));
  }
  return {
    series: a.series.map((d) => ({
      key: d.key, title: d.title, version: d.version, rfc: d.rfc, total: d.total, cover: d.coverMessageId,
      patches: Object.fromEntries(d.patches.map((p) => [String(p.index), p.messageId])),
      missing: d.missing, extra: d.extra, complete: d.complete, baseCommit: d.baseCommit, supersedes: d.supersedes,
    })),
    replies: Object.fromEntries(a.replies.filter((r) => r.seriesKey !== null).map((r) => [r.messageId, { series: r.seriesKey, patch: r.patchIndex, onCover: r.onCover }])),
    duplicates: a.duplicates,
    trailers,
  };
}

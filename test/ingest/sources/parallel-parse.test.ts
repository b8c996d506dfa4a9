// The worker-thread parse pool (services/ingest/adapters/parallel-parse.ts):
// the same results as parseMail on the main thread, in input order, for the
// corpus and for mails that are rejected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { splitMbox } from '../../../services/ingest/core/mbox.js';
import { parseMail } from '../../../services/ingest/core/parse.js';
import type { RawMail } from '../../../services/ingest/core/types.js';
import { createParsePool, parseInOrder, type ParsePool } from '../../../services/ingest/adapters/parallel-parse.js';

const CORPUS = new URL('../../fixtures/corpus/linux-cxl-type2-v22.mbox', import.meta.url);

let pool: ParsePool;
beforeAll(async () => {
  pool = await createParsePool(2);
});
afterAll(async () => {
  await pool.close();
});

async function* stream(mails: RawMail[]): AsyncIterable<RawMail> {
  for (const m of mails) yield m;
}

describe('parse pool', () => {
  it('gives the results parseMail gives, in input order', async () => {
    const mails = splitMbox(readFileSync(CORPUS)).map((m) => ({ raw: m.raw, source: 'corpus', position: `message ${m.index}` }));
    mails.push({ raw: Buffer.from('no headers at all'), source: 'bad', position: 'x' });
    const got = [];
    for await (const r of parseInOrder(stream(mails), pool, 8)) got.push(r);
    expect(got.map((g) => g.mail.position)).toEqual(mails.map((m) => m.position));
    for (const [i, g] of got.entries()) {
      const direct = await parseMail(mails[i]!.raw);
      expect(g.result, mails[i]!.position).toEqual(direct);
    }
    expect(got.at(-1)!.result.ok).toBe(false);
    const first = got[0]!.result;
    expect(first.ok && first.value.date instanceof Date).toBe(true);
  });

  it('serves concurrent callers of parse()', async () => {
    const raws = Array.from({ length: 40 }, (_, i) => Buffer.from(`Message-ID: <p${i}@x>\nSubject: s${i}\n\nbody\n`));
    const results = await Promise.all(raws.map((r) => pool.parse(r)));
    expect(results.map((r) => (r.ok ? r.value.messageId : null))).toEqual(raws.map((_, i) => `p${i}@x`));
  });
});

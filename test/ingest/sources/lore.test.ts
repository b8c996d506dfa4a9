// lore over HTTP, against the local lore stand-in (test/helpers/lore-server.ts):
// one thread by URL or Message-ID, 404s, retries on 5xx, Message-ID escaping,
// and the Atom watch remembering what it has seen (on this run's back end).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveSource, SourceUnreadableError, type MailSource } from '../../../services/ingest/adapters/sources/index.js';
import { escapeMessageId, loreBaseUrl, loreThreadSource, parseLoreUrl } from '../../../services/ingest/adapters/sources/lore.js';
import { pollLore, watchCursorKey } from '../../../services/ingest/adapters/sources/lore-watch.js';
import { parseAtom } from '../../../services/ingest/adapters/sources/atom.js';
import { ingestMails } from '../../../services/ingest/adapters/store.js';
import type { Db } from '../../../services/db/adapters/client.js';
import { backendName, testDb } from '../../helpers/db.js';
import { startLoreServer, type LoreServer } from '../../helpers/lore-server.js';

const CORPUS = new URL('../../fixtures/corpus/', import.meta.url).pathname;
const V22 = '20251205115248.772945-1-alejandro.lucero-palau@amd.com';
const RFC = '20260403210050.1058650-1-dan.j.williams@intel.com';

let root: string;
let lore: LoreServer;
beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pl-lore-'));
  mkdirSync(path.join(root, 'linux-cxl'));
  copyFileSync(path.join(CORPUS, 'linux-cxl-type2-v22.mbox'), path.join(root, 'linux-cxl', 'type2.mbox'));
  lore = await startLoreServer(root);
});
afterAll(async () => {
  await lore.close();
  rmSync(root, { recursive: true, force: true });
});

async function count(src: MailSource): Promise<number> {
  let n = 0;
  for await (const _ of src.mails()) n++;
  return n;
}

describe('lore thread', () => {
  it('fetches a thread by its lore URL, in any of its forms', async () => {
    for (const url of [`${lore.base}/linux-cxl/${V22}/`, `${lore.base}/linux-cxl/${V22}/T/#t`, `${lore.base}/linux-cxl/${V22.replace('-2-', '-2-')}/t.mbox.gz`]) {
      const src = await resolveSource(url);
      expect(src.listHint).toBe('linux-cxl');
      expect(await count(src), url).toBe(36);
    }
    const reply = await resolveSource(`${lore.base}/linux-cxl/${V22.replace('-1-', '-3-')}/`);
    expect(await count(reply)).toBe(36);
  });

  it('fetches a thread by Message-ID from the configured base (option, then env)', async () => {
    const src = await resolveSource(`<${V22}>`, { loreBase: `${lore.base}/`, list: 'linux-cxl' });
    const first = (await src.mails()[Symbol.asyncIterator]().next()).value;
    expect(first.source).toBe(`<${V22}>`);
    expect(first.position).toBe('message 1 (byte 0)');
    const before = process.env.PATCHLENS_LORE_BASE;
    process.env.PATCHLENS_LORE_BASE = lore.base;
    try {
      expect(loreBaseUrl()).toBe(lore.base);
      const viaAll = await resolveSource(V22);
      expect(viaAll.listHint).toBeNull();
      expect(await count(viaAll)).toBe(36);
      expect(lore.requests.at(-1)).toBe(`/all/${V22}/t.mbox.gz`);
    } finally {
      if (before === undefined) delete process.env.PATCHLENS_LORE_BASE;
      else process.env.PATCHLENS_LORE_BASE = before;
    }
    expect(loreBaseUrl()).toBe(before ?? 'https://lore.kernel.org');
  });

  it('says 404 for a thread or a list lore does not have', async () => {
    for (const arg of [`${lore.base}/linux-cxl/nope@example.org/`, `${lore.base}/no-list/${V22}/`]) {
      const err = await resolveSource(arg).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(SourceUnreadableError);
      expect((err as Error).message).toMatch(/HTTP 404/);
    }
    const notThread = await resolveSource(`${lore.base}/`).then(() => null, (e: unknown) => e);
    expect((notThread as Error).message).toMatch(/not a lore thread URL/);
  });

  it('retries 5xx with backoff, then gives up with the last status', async () => {
    lore.failNext(2, 503);
    const ok = await loreThreadSource(`${lore.base}/linux-cxl/${V22}/`, { http: { backoffMs: 5 } });
    expect(await count(ok)).toBe(36);
    lore.failNext(3, 502);
    const err = await loreThreadSource(`${lore.base}/linux-cxl/${V22}/`, { http: { backoffMs: 5, retries: 2 } }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnreadableError);
    expect((err as Error).message).toMatch(/HTTP 502 after 3 attempts/);
  });

  it('gives up on an unreachable server with a clear reason', async () => {
    const err = await loreThreadSource(`http://127.0.0.1:9/linux-cxl/${V22}/`, { http: { backoffMs: 1, retries: 1, timeoutMs: 2000 } }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnreadableError);
    expect((err as Error).message).toMatch(/after 2 attempts/);
  });

  it('escapes Message-IDs as public-inbox does, and reads them back from URLs', () => {
    expect(escapeMessageId('a/b%c d+e@x.org')).toBe('a%2Fb%25c%20d+e@x.org');
    expect(escapeMessageId('ü@x')).toBe('%C3%BC@x');
    expect(parseLoreUrl('https://lore.kernel.org/netdev/a%2Fb@x/T/#t')).toEqual({ base: 'https://lore.kernel.org', list: 'netdev', msgid: 'a/b@x' });
    expect(parseLoreUrl('https://example.org/lore/netdev/a@x/raw')).toEqual({ base: 'https://example.org/lore', list: 'netdev', msgid: 'a@x' });
  });
});

describe('atom feed', () => {
  it('takes entry links, not links inside the content', () => {
    const xml = `<feed><link rel="self" href="http://x/l/new.atom"/><entry><title>a &amp; b</title><updated>2026-01-01T00:00:00Z</updated>
      <link href="http://x/l/a@b/"/><content type="xhtml"><a href="http://x/l/z@z/">z</a></content></entry></feed>`;
    expect(parseAtom(xml)).toEqual([{ link: 'http://x/l/a@b/', updated: '2026-01-01T00:00:00Z', title: 'a & b' }]);
  });
});

describe(`lore watch (${backendName()})`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await testDb();
  });
  afterAll(async () => {
    await db.close();
  });

  const threadFetches = () => lore.requests.filter((r) => r.endsWith('/t.mbox.gz')).length;

  it('fetches each unseen thread once, remembers it, and picks up new threads', async () => {
    const poll = async () => {
      const p = await pollLore('linux-cxl', { base: lore.base, db });
      const summary = await ingestMails(db, p.mails(), { listHint: p.listHint, checkpoint: (pos) => p.checkpoint!(pos), chunkSize: 10 });
      await p.finish();
      return { p, summary };
    };
    let before = threadFetches();
    const one = await poll();
    expect(one.p.entries).toBe(25);
    expect(one.p.fresh).toBe(25);
    expect(threadFetches() - before).toBe(1); // 25 entries of one thread: one fetch
    expect(one.summary).toMatchObject({ messages: 36, stored: 36, errors: [] });
    const cursor = await db.prisma.ingestCursor.findUnique({ where: { key: watchCursorKey(lore.base, 'linux-cxl') } });
    expect(Object.keys(JSON.parse(cursor!.value).seen)).toHaveLength(25);

    before = threadFetches();
    const idle = await poll();
    expect(idle.p.fresh).toBe(0);
    expect(idle.summary.messages).toBe(0);
    expect(threadFetches()).toBe(before);

    copyFileSync(path.join(CORPUS, 'cxl-region-attach-rfc.mbox'), path.join(root, 'linux-cxl', 'rfc.mbox'));
    before = threadFetches();
    const next = await poll();
    expect(next.p.fresh).toBeGreaterThan(0);
    expect(threadFetches() - before).toBe(1);
    expect(lore.requests.at(-1)).toMatch(new RegExp(`/linux-cxl/${RFC.replace(/-1-/, '-\\d+-').replace(/\./g, '\\.')}/t\\.mbox\\.gz$`));
    expect(next.summary).toMatchObject({ messages: 14, stored: 14, errors: [] });
  });

  it('keeps a thread it could not fetch unseen, reports it, and fetches it next time', async () => {
    mkdirSync(path.join(root, 'flaky'));
    copyFileSync(path.join(CORPUS, 'linux-cxl-mbox-event-debug-v1.mbox'), path.join(root, 'flaky', 'v1.mbox'));
    const run = async (p: Awaited<ReturnType<typeof pollLore>>) => {
      const s = await ingestMails(db, p.mails(), { listHint: p.listHint, checkpoint: (pos) => p.checkpoint!(pos) });
      await p.finish();
      return s;
    };
    const p = await pollLore('flaky', { base: lore.base, db, http: { backoffMs: 1, retries: 0 } });
    expect(p.fresh).toBe(7);
    lore.failNext(7, 500); // every thread fetch of this poll (the feed is already read)
    const s = await run(p);
    expect(s.messages).toBe(0);
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]!.position).toBe('7 thread(s)');
    expect(s.errors[0]!.reason).toMatch(/not fetched, retried next poll: .*HTTP 500/);
    // the next poll tries again; the first fetch fails but another entry brings the same thread
    const again = await pollLore('flaky', { base: lore.base, db, http: { backoffMs: 1, retries: 0 } });
    expect(again.fresh).toBe(7);
    lore.failNext(1, 500);
    expect(await run(again)).toMatchObject({ messages: 7, stored: 7, errors: [] });
    expect((await pollLore('flaky', { base: lore.base, db })).fresh).toBe(0);
  });

  it('says 404 for a list lore does not have', async () => {
    const err = await pollLore('nope', { base: lore.base, db }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnreadableError);
    expect((err as Error).message).toMatch(/no such list/);
  });
});

// public-inbox v2 archives: messages come out epoch by epoch, oldest commit
// first, removal commits skipped; checkpoints kept in IngestCursor make a
// rerun read only the commits added since (also through ingestMails, on the
// back end of this run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveSource, SourceUnreadableError, type MailSource } from '../../../services/ingest/adapters/sources/index.js';
import { cursorKey } from '../../../services/ingest/adapters/sources/public-inbox.js';
import { ingestMails } from '../../../services/ingest/adapters/store.js';
import type { Db } from '../../../services/db/adapters/client.js';
import { backendName, testDb } from '../../helpers/db.js';
import { message, V2Archive } from './v2-archive.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'pl-pi-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let seq = 0;
function freshArchive(): V2Archive {
  const a = new V2Archive(path.join(tmp, `inbox-${++seq}`));
  a.epoch(0);
  a.epoch(1);
  return a;
}

async function ids(src: MailSource, stopAfter = Infinity): Promise<{ id: string; position: string }[]> {
  const out: { id: string; position: string }[] = [];
  for await (const m of src.mails()) {
    out.push({ id: /Message-ID: <([^>]+)>/.exec(m.raw.toString())![1]!, position: m.position });
    if (out.length >= stopAfter) break;
  }
  return out;
}

describe('public-inbox v2 without a database', () => {
  it('reads epochs in order, commits oldest first, skipping removals', async () => {
    const a = freshArchive();
    const c1 = a.add(0, message('a@x'));
    a.add(0, message('b@x'));
    a.remove(0, message('a@x'));
    a.add(0, message('c@x'));
    a.add(1, message('d@x'));
    a.epoch(2); // an epoch without commits yet
    const src = await resolveSource(a.root);
    expect(src.listHint).toBe(path.basename(a.root));
    const got = await ids(src);
    expect(got.map((g) => g.id)).toEqual(['a@x', 'b@x', 'c@x', 'd@x']);
    expect(got[0]!.position).toBe(`epoch 0 commit ${c1}`);
    expect(got[3]!.position).toMatch(/^epoch 1 commit [0-9a-f]{40}$/);
    await src.checkpoint!(got[0]!.position); // no database: a no-op, not an error
  });

  it('hands over large and binary messages byte for byte', async () => {
    const a = freshArchive();
    const big = Buffer.concat([Buffer.from(message('big@x', '')), Buffer.alloc(3 << 20, 0x61), Buffer.from([0, 1, 2, 0xff, 10])]);
    a.add(0, big);
    a.add(0, message('after@x'));
    const mails = [];
    for await (const m of (await resolveSource(a.root)).mails()) mails.push(m);
    expect(mails).toHaveLength(2);
    expect(mails[0]!.raw.equals(big)).toBe(true);
  });

  it('refuses a folder whose epochs git cannot read', async () => {
    const root = path.join(tmp, 'broken');
    new V2Archive(root);
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(path.join(root, 'git', '0.git'));
    writeFileSync(path.join(root, 'git', '0.git', 'junk'), 'x');
    const err = await resolveSource(root).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnreadableError);
  });
});

describe(`public-inbox v2 resume (${backendName()})`, () => {
  // one database for the group (opening one is slow); archives and cursor keys differ per test
  let db: Db;
  beforeAll(async () => {
    db = await testDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('continues after the last checkpointed commit of each epoch', async () => {
    const a = freshArchive();
    for (const id of ['a@x', 'b@x', 'c@x']) a.add(0, message(id));
    a.add(1, message('d@x'));
    const first = await resolveSource(a.root, { db });
    const two = await ids(first, 2);
    await first.checkpoint!(two[1]!.position);
    const cur = await db.prisma.ingestCursor.findUnique({ where: { key: cursorKey(a.root, 0) } });
    expect(cur?.value).toBe(two[1]!.position.split(' ').pop());
    expect(cursorKey(a.root, 0)).toBe(`pi:${path.resolve(a.root)}:0`);
    // killed before c@x was stored: a rerun starts at c@x
    const again = await resolveSource(a.root, { db });
    expect((await ids(again)).map((g) => g.id)).toEqual(['c@x', 'd@x']);
  });

  it('a rerun through ingestMails imports only the commits added since', async () => {
    const a = freshArchive();
    for (let i = 0; i < 5; i++) a.add(0, message(`m${i}@x`, `body ${i}`));
    a.add(1, message('n0@x'));
    const run = async () => {
      const src = await resolveSource(a.root, { db });
      return ingestMails(db, src.mails(), { listHint: src.listHint, checkpoint: (p) => src.checkpoint!(p), chunkSize: 2 });
    };
    const one = await run();
    expect(one).toMatchObject({ messages: 6, stored: 6, duplicates: 0, errors: [] });
    const idle = await run();
    expect(idle.messages).toBe(0);
    a.add(0, message('m5@x'));
    a.add(1, message('n1@x'));
    a.add(1, message('n2@x'));
    const two = await run();
    expect(two).toMatchObject({ messages: 3, stored: 3, duplicates: 0 });
    const count = await db.prisma.message.count({ where: { messageId: { in: [0, 1, 2, 3, 4, 5].map((i) => `m${i}@x`).concat(['n0@x', 'n1@x', 'n2@x']) } } });
    expect(count).toBe(9);
  });

  it('reads a rewritten epoch again from the start (stored mails become duplicates)', async () => {
    const a = freshArchive();
    a.add(0, message('a@x'));
    const last = a.add(0, message('b@x'));
    const src = await resolveSource(a.root, { db });
    await ids(src);
    await src.checkpoint!(`epoch 0 commit ${last}`);
    a.rewrite(0, [message('a@x'), message('c@x')]);
    expect((await ids(await resolveSource(a.root, { db }))).map((g) => g.id)).toEqual(['a@x', 'c@x']);
  });
});

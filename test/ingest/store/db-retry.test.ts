// A lost database connection: retried with backoff, then PL_ERR_DB_UNAVAILABLE.
// The unit part fakes the failures; with DATABASE_URL set, a TCP proxy in
// front of the real server drops every connection mid-run, then refuses them.
import net from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PatchlensError } from '../../../services/common/errors.js';
import { isConnectionError, withDbRetry } from '../../../services/ingest/adapters/db-retry.js';
import { ingestMails } from '../../../services/ingest/adapters/store.js';
import { openDb } from '../../../services/db/adapters/client.js';
import { asStream, CORPUS, rawMails } from '../helpers.js';
import { snapshot } from './snapshot.js';

describe('withDbRetry', () => {
  it('retries connection errors and returns the first success', async () => {
    let n = 0;
    const r = await withDbRetry(async () => {
      if (++n < 3) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      return 'ok';
    }, { baseDelayMs: 1 });
    expect([r, n]).toEqual(['ok', 3]);
  });
  it('gives up with PL_ERR_DB_UNAVAILABLE after the last attempt', async () => {
    const err = await withDbRetry(async () => {
      throw new Error('Connection terminated unexpectedly');
    }, { attempts: 3, baseDelayMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PatchlensError);
    expect((err as PatchlensError).code).toBe('PL_ERR_DB_UNAVAILABLE');
    expect((err as Error).message).toMatch(/after 3 attempts: Connection terminated/);
  });
  it('does not retry other errors', async () => {
    let n = 0;
    await expect(withDbRetry(async () => {
      n++;
      throw new Error('duplicate key value violates unique constraint');
    }, { baseDelayMs: 1 })).rejects.toThrow(/duplicate key/);
    expect(n).toBe(1);
    expect(isConnectionError({ message: 'x', cause: { code: 'ECONNREFUSED' } })).toBe(true);
  });
});

const server = process.env.DATABASE_URL;

describe.skipIf(!server)('connection loss against the Postgres server', () => {
  it('survives dropped connections, then fails clearly when the server is gone', async () => {
    const target = new URL(server!);
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    const via = new URL(server!);
    via.hostname = '127.0.0.1';
    via.port = String((proxy.address() as net.AddressInfo).port);
    const schema = `t_retry_${randomBytes(4).toString('hex')}`;
    const db = await openDb({ databaseUrl: via.toString(), schema, poolSize: 2 });
    try {
      const mails = ['cxl-region-attach-rfc', 'linux-cxl-mbox-event-debug-v2'].flatMap((f) => rawMails(path.join(CORPUS, `${f}.mbox`)));
      let chunks = 0;
      const s = await ingestMails(db, asStream(mails), {
        chunkSize: 5, retry: { attempts: 8, baseDelayMs: 50 },
        onProgress: () => {
          if (++chunks === 2) for (const sock of sockets) sock.destroy();
        },
      });
      expect(s).toMatchObject({ messages: 26, stored: 26, errors: [] });
      const snap = await snapshot(db);
      expect(snap.series).toHaveLength(2);

      proxy.close();
      for (const sock of sockets) sock.destroy();
      const err = await ingestMails(db, asStream(rawMails(path.join(CORPUS, 'linux-cxl-mbox-event-debug-v1.mbox'))), { retry: { attempts: 3, baseDelayMs: 20 } }).catch((e: unknown) => e);
      expect((err as PatchlensError).code).toBe('PL_ERR_DB_UNAVAILABLE');
    } finally {
      await db.close().catch(() => undefined);
      proxy.close();
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    }
  });
});

// Parses mails on worker threads, so the ingester can use every core:
// mailparser is CPU-bound and single-threaded, and the main thread has the
// database to feed. A pool of workers each runs core/parse.ts's parseMail;
// results come back as the same ParseResult a direct call gives (Dates and
// all, by structured clone). Two ways to use it:
//   pool.parse(raw)            a drop-in for parseMail (results in call order
//                              when awaited in call order)
//   parseInOrder(mails, pool)  an async iterator of {mail, result} in input
//                              order, reading at most `window` mails ahead
// Workers load the TypeScript sources through tsx, as bin/patchlens.js does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseResult } from '../core/parse.js';
import type { RawMail } from '../core/types.js';

export interface ParsePool {
  parse(raw: Buffer): Promise<ParseResult>;
  /** number of worker threads */
  size: number;
  close(): Promise<void>;
}

interface Job {
  resolve: (r: ParseResult) => void;
  reject: (e: Error) => void;
}

// The worker: register tsx, load parse.ts, answer {id, raw} with {id, result}.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const api = await import(workerData.tsxApi);
  api.register();
  const { parseMail } = await import(workerData.parseUrl);
  parentPort.on('message', async ({ id, raw }) => {
    const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    let result;
    try { result = await parseMail(buf); }
    catch (err) { result = { ok: false, code: 'PL_ERR_MESSAGE_REJECTED', reason: 'parser crashed: ' + (err && err.message), messageId: null }; }
    parentPort.postMessage({ id, result });
  });
  parentPort.postMessage({ ready: true });
})().catch((err) => { throw err; });
`;

function workerData(): { tsxApi: string; parseUrl: string } {
  // the ESM entry of tsx/esm/api (the CommonJS one cannot be import()ed from a worker)
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return {
    tsxApi: pathToFileURL(path.join(path.dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href,
    parseUrl: new URL('../core/parse.ts', import.meta.url).href,
  };
}

/** Start `size` parse workers (default: one per core). Resolves when all are ready. */
export async function createParsePool(size = os.availableParallelism?.() ?? os.cpus().length): Promise<ParsePool> {
  const jobs = new Map<number, Job>();
  let nextId = 0;
  let failure: Error | null = null;
  const data = workerData();
  const workers = Array.from({ length: Math.max(1, size) }, () => new Worker(WORKER_SOURCE, { eval: true, workerData: data }));
  const load = workers.map(() => 0);
  const fail = (err: Error) => {
    failure ??= err;
    for (const [, j] of jobs) j.reject(err);
    jobs.clear();
  };
  await Promise.all(
    workers.map(
      (w, i) =>
        new Promise<void>((ready, broken) => {
          w.on('message', (msg: { ready?: boolean; id?: number; result?: ParseResult }) => {
            if (msg.ready) return ready();
            const job = jobs.get(msg.id!);
            jobs.delete(msg.id!);
            load[i]!--;
            job?.resolve(msg.result!);
          });
          w.on('error', (err) => {
            broken(err);
            fail(new Error(`parse worker failed: ${err.message}`));
          });
          w.on('exit', (code) => {
            if (code !== 0) fail(new Error(`parse worker exited with code ${code}`));
          });
        }),
    ),
  );
  return {
    size: workers.length,
    parse: (raw: Buffer) =>
      new Promise<ParseResult>((resolve, reject) => {
        if (failure) return reject(failure);
        const id = nextId++;
        // least busy worker: mails differ a lot in size, round robin would queue behind a big one
        let best = 0;
        for (let i = 1; i < load.length; i++) if (load[i]! < load[best]!) best = i;
        load[best]!++;
        jobs.set(id, { resolve, reject });
        workers[best]!.postMessage({ id, raw });
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
      fail(new Error('parse pool closed'));
    },
  };
}

/** Parse mails on the pool, yielding results in input order, at most `window` mails ahead. */
export async function* parseInOrder(mails: AsyncIterable<RawMail>, pool: ParsePool, window = 64): AsyncGenerator<{ mail: RawMail; result: ParseResult }> {
  const queue: { mail: RawMail; result: Promise<ParseResult> }[] = [];
  for await (const mail of mails) {
    const result = pool.parse(mail.raw);
    result.catch(() => undefined); // observed when its turn comes; a consumer that stops early leaves it unobserved
    queue.push({ mail, result });
    if (queue.length >= window) {
      const head = queue.shift()!;
      yield { mail: head.mail, result: await head.result };
    }
  }
  while (queue.length) {
    const head = queue.shift()!;
    yield { mail: head.mail, result: await head.result };
  }
}

// Sources under stress: a 50 MB message (generated here, not committed), and
// memory that stays flat while a large mbox and its gzip are streamed: the
// readers must never hold more than a chunk and the current message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createReadStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { resolveSource } from '../../../services/ingest/adapters/sources/index.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'pl-robust-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const postmark = 'From mboxrd@z Thu Jan  1 00:00:00 1970\n';
const small = (id: string) => `${postmark}Message-ID: <${id}>\nSubject: ${id}\n\nbody of ${id}\n\n`;

async function writeLines(file: string, parts: (i: number) => string | Buffer | null): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; ; i++) {
    const p = parts(i);
    if (p === null) break;
    if (!out.write(p)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function gzipFile(src: string, dst: string): Promise<void> {
  await pipeline(createReadStream(src), createGzip({ level: 1 }), createWriteStream(dst));
}

describe('a 50 MB message', () => {
  it('comes through whole, between two small ones, plain and gzip', async () => {
    const file = path.join(tmp, 'big.mbox');
    const line = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3\n'; // 81 bytes
    const lines = Math.ceil((50 << 20) / line.length);
    const head = `${postmark}Message-ID: <big@x>\nSubject: big\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n`;
    await writeLines(file, (i) => (i === 0 ? small('a@x') + head : i <= lines ? line : i === lines + 1 ? '\n' + small('z@x') : null));
    const bigSize = head.length - postmark.length + lines * line.length;
    const gz = `${file}.gz`;
    await gzipFile(file, gz);
    for (const f of [file, gz]) {
      const sizes: number[] = [];
      for await (const m of (await resolveSource(f)).mails()) sizes.push(m.raw.length);
      expect(sizes, f).toEqual([small('a@x').length - postmark.length - 1, bigSize, small('z@x').length - postmark.length - 1]);
    }
  });
});

describe('flat memory', () => {
  it('streams a 150 MB mbox and its gzip with bounded RSS', async () => {
    const file = path.join(tmp, 'many.mbox');
    const body = 'x'.repeat(76) + '\n';
    const msg = (i: number) => `${postmark}Message-ID: <m${i}@x>\nSubject: message ${i}\n\n${body.repeat(24)}\n`;
    const count = Math.ceil((150 << 20) / msg(0).length);
    await writeLines(file, (i) => (i < count ? msg(i) : null));
    expect(statSync(file).size).toBeGreaterThan(150 << 20);
    const gz = `${file}.gz`;
    await gzipFile(file, gz);
    for (const f of [file, gz]) {
      let n = 0;
      let base = 0;
      let peak = 0;
      for await (const m of (await resolveSource(f)).mails()) {
        n++;
        if (n === 5000) base = process.memoryUsage().rss;
        if (n > 5000 && n % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
        if (m.raw.length === 0) throw new Error('empty message');
      }
      expect(n, f).toBe(count);
      // 150 MB went through; the process grew by far less than that
      expect((peak - base) / (1 << 20), f).toBeLessThan(40);
    }
  });
});

// mbox sources through resolveSource: plain and gzip files (told apart by
// magic bytes), stdin, and the faults a user meets: missing, empty, not an
// mbox, truncated gzip, NUL bytes, CRLF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { resolveSource, SourceDamagedError, SourceUnreadableError, type MailSource } from '../../../services/ingest/adapters/sources/index.js';
import type { RawMail } from '../../../services/ingest/core/types.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pl-mbox-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CORPUS = new URL('../../fixtures/corpus/linux-cxl-type2-v22.mbox', import.meta.url);

function write(name: string, data: Buffer | string): string {
  const p = path.join(dir, name);
  writeFileSync(p, data);
  return p;
}

async function drain(src: MailSource): Promise<{ mails: RawMail[]; error: unknown }> {
  const mails: RawMail[] = [];
  try {
    for await (const m of src.mails()) mails.push(m);
    return { mails, error: null };
  } catch (error) {
    return { mails, error };
  }
}

function mail(i: number, extra = ''): string {
  return `From mboxrd@z Thu Jan  1 00:00:00 1970\nMessage-ID: <m${i}@example.org>\nSubject: test ${i}\n\nbody ${i}\n${extra ? `${extra}\n` : ''}\n`;
}

describe('mbox file sources', () => {
  it('reads the corpus thread, positions naming message number and byte', async () => {
    const src = await resolveSource(CORPUS.pathname);
    const { mails, error } = await drain(src);
    expect(error).toBeNull();
    expect(mails).toHaveLength(36);
    expect(mails[0]!.position).toBe('message 1 (byte 0)');
    expect(mails[1]!.position).toMatch(/^message 2 \(byte [1-9]\d*\)$/);
    expect(mails.every((m) => m.source === CORPUS.pathname)).toBe(true);
  });

  it('detects gzip by magic bytes whatever the file is called', async () => {
    const plain = readFileSync(CORPUS);
    const gz = write('thread.mbox', gzipSync(plain));
    const a = await drain(await resolveSource(gz));
    const b = await drain(await resolveSource(CORPUS.pathname));
    expect(a.error).toBeNull();
    expect(a.mails.map((m) => m.raw.toString('latin1'))).toEqual(b.mails.map((m) => m.raw.toString('latin1')));
  });

  it('refuses a missing file, an empty file, an empty gzip and a file that is not an mbox', async () => {
    const cases: [string, RegExp][] = [
      [path.join(dir, 'nope.mbox'), /no such file/],
      [write('empty.mbox', ''), /empty file/],
      [write('empty.mbox.gz', gzipSync(Buffer.alloc(0))), /empty file/],
      [write('photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46])), /not an mbox/],
      [write('notes.txt', 'just some notes\nabout nothing\n'), /not an mbox/],
      [write('bad.gz', Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])), /gzip/],
    ];
    for (const [p, reason] of cases) {
      const err = await resolveSource(p).then(() => null, (e: unknown) => e);
      expect(err, p).toBeInstanceOf(SourceUnreadableError);
      expect((err as Error).message, p).toMatch(reason);
    }
  });

  it('a truncated gzip yields the messages before the damage, then a SourceDamagedError', async () => {
    const mbox = Array.from({ length: 400 }, (_, i) => mail(i, 'x'.repeat(200 + (i * 7919) % 500))).join('');
    const gz = gzipSync(Buffer.from(mbox));
    const cut = write('cut.mbox.gz', gz.subarray(0, Math.floor(gz.length * 0.6)));
    const { mails, error } = await drain(await resolveSource(cut));
    expect(mails.length).toBeGreaterThan(100);
    expect(mails.length).toBeLessThan(400);
    mails.forEach((m, i) => expect(m.raw.toString()).toContain(`Message-ID: <m${i}@example.org>`));
    // every yielded message is complete: its body line is there
    expect(mails.at(-1)!.raw.toString()).toMatch(/\nbody \d+\nx+\n$/);
    expect(error).toBeInstanceOf(SourceDamagedError);
    expect((error as SourceDamagedError).reason).toMatch(/truncated gzip/);
    expect((error as SourceDamagedError).position).toContain(`after message ${mails.length}`);
  });

  it('keeps NUL bytes inside a message and splits a CRLF mbox', async () => {
    const nul = Buffer.concat([Buffer.from(mail(1).replace('body 1', 'a\0b\0c')), Buffer.from(mail(2))]);
    const a = await drain(await resolveSource(write('nul.mbox', nul)));
    expect(a.mails).toHaveLength(2);
    expect(a.mails[0]!.raw.includes(Buffer.from('a\0b\0c'))).toBe(true);
    const crlf = (mail(1) + mail(2) + mail(3)).replace(/\n/g, '\r\n');
    const b = await drain(await resolveSource(write('crlf.mbox', crlf)));
    expect(b.error).toBeNull();
    expect(b.mails.map((m) => m.raw.toString())).toEqual([1, 2, 3].map((i) => `Message-ID: <m${i}@example.org>\r\nSubject: test ${i}\r\n\r\nbody ${i}\r\n`));
  });

  it('round-trips mboxrd quoting of From lines', async () => {
    const body = 'From the top\n>From one\n>>From two\n';
    const quoted = body.replace(/^(>*From )/gm, '>$1');
    const file = write('quoted.mbox', `From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: q\n\n${quoted}\n`);
    const { mails } = await drain(await resolveSource(file));
    expect(mails[0]!.raw.toString()).toBe(`Subject: q\n\n${body}`);
  });

  it('reads a single message file without a From line, and reports garbage before the first From line', async () => {
    const eml = await drain(await resolveSource(write('one.eml', 'Message-ID: <x@y>\nSubject: s\n\nhi\n')));
    expect(eml.error).toBeNull();
    expect(eml.mails).toHaveLength(1);
    expect(eml.mails[0]!.position).toBe('start of file (no From line)');
    const junk = await drain(await resolveSource(write('junk.mbox', `${mail(1)}`.replace(/^From [^\n]*\n/, 'From nobody Thu Jan  1 00:00:00 1970\n'))));
    expect(junk.mails).toHaveLength(1);
    const garbage = write('garbage.mbox', `Subject line without colon?\nno headers here\n\n${mail(1)}${mail(2)}`.replace('Subject line without colon?', '## notes'));
    const g = await drain(await resolveSource(garbage).catch(() => resolveSourceFailed()));
    expect(g.mails.map((m) => m.position)).toEqual([expect.stringMatching(/^message 2 /), expect.stringMatching(/^message 3 /)]);
    expect(g.error).toBeInstanceOf(SourceDamagedError);
    expect((g.error as SourceDamagedError).reason).toMatch(/before any "From " line and are not a mail/);
  });
});

function resolveSourceFailed(): never {
  throw new Error('resolveSource refused a file that has mails after some garbage');
}

describe('stdin', () => {
  it('reads `-` as an mbox, gzip or not', async () => {
    const plain = Buffer.from(mail(1) + mail(2));
    for (const data of [plain, gzipSync(plain)]) {
      const src = await resolveSource('-', { stdin: Readable.from([data.subarray(0, 5), data.subarray(5)]) });
      const { mails, error } = await drain(src);
      expect(error).toBeNull();
      expect(mails.map((m) => m.source)).toEqual(['-', '-']);
      expect(mails).toHaveLength(2);
    }
  });

  it('says so when stdin is empty', async () => {
    const src = await resolveSource('-', { stdin: Readable.from([]) });
    const { error } = await drain(src);
    expect(error).toBeInstanceOf(SourceUnreadableError);
    expect((error as Error).message).toMatch(/empty/);
  });
});

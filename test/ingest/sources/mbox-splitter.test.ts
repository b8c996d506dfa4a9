// Tests of the pure incremental mbox splitter (services/ingest/core/mbox.ts).
// Kept with the source tests because the splitter is owned with them; every
// case is also fed one byte at a time to prove chunk boundaries do not matter.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { MboxSplitter, splitMbox, type MboxMessage } from '../../../services/ingest/core/mbox.js';

function bytewise(data: Buffer, opts = {}): MboxMessage[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i++) chunks.push(data.subarray(i, i + 1));
  return splitMbox(chunks, opts);
}

function texts(msgs: MboxMessage[]): string[] {
  return msgs.map((m) => m.raw.toString('latin1'));
}

const A = 'From: a@example.org\nSubject: one\n\nbody one\n';
const B = 'From: b@example.org\nSubject: two\n\nbody two\n';

describe('MboxSplitter', () => {
  it('splits on postmarks and removes the separating blank line', () => {
    const mbox = `From mboxrd@z Thu Jan  1 00:00:00 1970\n${A}\nFrom mboxrd@z Thu Jan  1 00:00:00 1970\n${B}\n`;
    const out = splitMbox(Buffer.from(mbox));
    expect(texts(out)).toEqual([A, B]);
    expect(out.map((m) => m.index)).toEqual([1, 2]);
    expect(out[1]!.offset).toBe(mbox.indexOf('From mboxrd', 10));
    expect(texts(bytewise(Buffer.from(mbox)))).toEqual([A, B]);
  });

  it('unquotes mboxrd: every >+From line loses exactly one >', () => {
    const body = 'Subject: q\n\n>From the start\n>>From quoted\n>>>From deeper\n> From not quoted\nx>From mid-line\n';
    const mbox = `From mboxrd@z Thu Jan  1 00:00:00 1970\n${body}\n`;
    const want = 'Subject: q\n\nFrom the start\n>From quoted\n>>From deeper\n> From not quoted\nx>From mid-line\n';
    const s = new MboxSplitter();
    const out = [...s.push(Buffer.from(mbox)), ...s.end()];
    expect(s.flavor).toBe('mboxrd');
    expect(texts(out)).toEqual([want]);
    expect(texts(bytewise(Buffer.from(mbox)))).toEqual([want]);
  });

  it('unquotes mboxo: only a single > is removed', () => {
    const mbox = 'From someone@example.org Mon Sep 17 00:00:00 2001\nSubject: o\n\n>From one\n>>From two\n\n';
    const s = new MboxSplitter();
    const out = [...s.push(Buffer.from(mbox)), ...s.end()];
    expect(s.flavor).toBe('mboxo');
    expect(texts(out)).toEqual(['Subject: o\n\nFrom one\n>>From two\n']);
  });

  it('leaves quoting alone with flavor none (git format-patch output)', () => {
    const mbox = 'From 1234abcd Mon Sep 17 00:00:00 2001\nSubject: n\n\n>From kept\n\n';
    expect(texts(splitMbox(Buffer.from(mbox), { flavor: 'none' }))).toEqual(['Subject: n\n\n>From kept\n']);
  });

  it('round-trips an mboxrd-quoted body', () => {
    const original = 'Subject: rt\n\nFrom here\n>From there\n>>>>From far\nplain\n';
    const quoted = original.replace(/^(>*From )/gm, '>$1');
    const mbox = `From mboxrd@z Thu Jan  1 00:00:00 1970\n${quoted}\n`;
    expect(texts(splitMbox(Buffer.from(mbox)))).toEqual([original]);
  });

  it('does not split on a From line that is not a postmark or follows a non-blank line', () => {
    const body = 'Subject: s\n\nFrom the spec we know\n\nFrom here on, nothing\ntext\nFrom x Thu Jan  1 00:00:00 1970\n';
    const mbox = `From mboxrd@z Thu Jan  1 00:00:00 1970\n${body}\n`;
    const out = splitMbox(Buffer.from(mbox), { flavor: 'none' });
    expect(out).toHaveLength(1);
  });

  it('handles CRLF line endings', () => {
    const a = A.replace(/\n/g, '\r\n');
    const b = B.replace(/\n/g, '\r\n');
    const mbox = `From x@y Thu Jan  1 00:00:00 1970\r\n${a}\r\nFrom x@y Thu Jan  1 00:00:00 1970\r\n${b}\r\n`;
    expect(texts(splitMbox(Buffer.from(mbox)))).toEqual([a, b]);
    expect(texts(bytewise(Buffer.from(mbox)))).toEqual([a, b]);
  });

  it('reports and keeps a prelude when the stream does not start with From', () => {
    const mbox = `${A}\nFrom x@y Thu Jan  1 00:00:00 1970\n${B}`;
    const s = new MboxSplitter();
    const out = [...s.push(Buffer.from(mbox)), ...s.end()];
    expect(out.map((m) => m.prelude)).toEqual([true, false]);
    expect(texts(out)).toEqual([A, B]);
    expect(s.notes.join()).toMatch(/does not start with a "From " line/);
  });

  it('reads a stream without any From line as one message, and says so', () => {
    const s = new MboxSplitter();
    const out = [...s.push(Buffer.from(A)), ...s.end()];
    expect(out).toHaveLength(1);
    expect(out[0]!.prelude).toBe(true);
    expect(s.sawFromLine).toBe(false);
    expect(s.notes.join()).toMatch(/no "From " line/);
  });

  it('returns nothing for empty or blank input', () => {
    expect(splitMbox(Buffer.alloc(0))).toEqual([]);
    expect(splitMbox(Buffer.from('\n\n'))).toEqual([]);
  });

  it('passes NUL bytes and 8-bit data through unchanged', () => {
    const body = Buffer.concat([Buffer.from('Subject: nul\n\nab'), Buffer.from([0, 0xff, 0xfe, 0]), Buffer.from('cd\n')]);
    const mbox = Buffer.concat([Buffer.from('From x@y Thu Jan  1 00:00:00 1970\n'), body, Buffer.from('\n')]);
    const out = splitMbox(mbox);
    expect(out).toHaveLength(1);
    expect(out[0]!.raw.equals(body)).toBe(true);
  });

  it('keeps a message whose last line has no newline', () => {
    const mbox = `From x@y Thu Jan  1 00:00:00 1970\n${A}\nFrom x@y Thu Jan  1 00:00:00 1970\nSubject: t\n\nno newline`;
    expect(texts(bytewise(Buffer.from(mbox))).at(-1)).toBe('Subject: t\n\nno newline');
  });

  it('handles a line far longer than a chunk and a quoted From at its start', () => {
    const long = '>From ' + 'x'.repeat(100_000);
    const mbox = `From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: l\n\n${long}\nend\n\n`;
    const data = Buffer.from(mbox);
    const chunks: Buffer[] = [];
    for (let i = 0; i < data.length; i += 7) chunks.push(data.subarray(i, i + 7));
    expect(texts(splitMbox(chunks))).toEqual([`Subject: l\n\n${long.slice(1)}\nend\n`]);
  });

  it('splits every corpus mbox the same way whatever the chunk size', () => {
    const dir = new URL('../../fixtures/corpus/', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.mbox'))) {
      const data = readFileSync(new URL(f, dir));
      const whole = splitMbox(data);
      const postmarks = data.toString('latin1').match(/^From mboxrd@z /gm)?.length ?? 0;
      expect(whole.length, f).toBe(postmarks);
      const chunks: Buffer[] = [];
      for (let i = 0; i < data.length; i += 997) chunks.push(data.subarray(i, i + 997));
      expect(texts(splitMbox(chunks)), f).toEqual(texts(whole));
      for (const m of whole) expect(m.raw.toString('latin1'), f).toMatch(/^[\x21-\x39\x3b-\x7e]+:/);
    }
  });
});

// Maildir folders: cur/ and new/ read in a fixed order, tmp/ and dot files
// skipped, flags suffixes ignored for ordering, and a folder that is neither
// a Maildir nor a public-inbox archive refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveSource, SourceUnreadableError } from '../../../services/ingest/adapters/sources/index.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'pl-maildir-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const mail = (id: string) => `Message-ID: <${id}>\nSubject: ${id}\n\nbody\n`;

function maildir(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(path.join(dir, sub), { recursive: true });
  for (const [rel, text] of Object.entries(files)) writeFileSync(path.join(dir, rel), text);
  return dir;
}

describe('Maildir', () => {
  it('reads cur/ and new/ sorted by delivery name, skipping tmp/ and dot files', async () => {
    const dir = maildir('box', {
      'new/1700000003.M3P1.host': mail('c@x'),
      'cur/1700000001.M1P1.host:2,S': mail('a@x'),
      'cur/1700000002.M2P1.host:2,RS': mail('b@x'),
      'tmp/1700000000.M0P1.host': mail('partial@x'),
      'cur/.hidden': mail('hidden@x'),
    });
    const src = await resolveSource(dir, { list: 'l' });
    expect(src.listHint).toBe('l');
    const got = [];
    for await (const m of src.mails()) got.push([m.position, /<([^>]+)>/.exec(m.raw.toString())![1]]);
    expect(got).toEqual([
      ['cur/1700000001.M1P1.host:2,S', 'a@x'],
      ['cur/1700000002.M2P1.host:2,RS', 'b@x'],
      ['new/1700000003.M3P1.host', 'c@x'],
    ]);
    // the same order every time
    const again = [];
    for await (const m of (await resolveSource(dir)).mails()) again.push(m.position);
    expect(again).toEqual(got.map((g) => g[0]));
  });

  it('reads an empty Maildir as no mail', async () => {
    const src = await resolveSource(maildir('empty', {}));
    let n = 0;
    for await (const _ of src.mails()) n++;
    expect(n).toBe(0);
  });

  it('refuses a folder that is neither a Maildir nor a public-inbox archive', async () => {
    const dir = path.join(tmp, 'plain');
    mkdirSync(dir);
    const err = await resolveSource(dir).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnreadableError);
    expect((err as Error).message).toMatch(/neither a Maildir/);
  });
});

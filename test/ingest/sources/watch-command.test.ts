// `patchlens watch`: the polling loop of services/cli/commands/watch.ts against
// the local lore server: --once exit codes, JSON per poll, the loop stopping
// on a signal, and a list lore does not have (exit 2).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { register, runWatch, type PollReport } from '../../../services/cli/commands/watch.js';
import type { Db } from '../../../services/db/adapters/client.js';
import { backendName, testDb } from '../../helpers/db.js';
import { startLoreServer, type LoreServer } from '../../helpers/lore-server.js';

const CORPUS = new URL('../../fixtures/corpus/', import.meta.url).pathname;

let root: string;
let lore: LoreServer;
let db: Db;
beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pl-watch-'));
  mkdirSync(path.join(root, 'linux-cxl'));
  copyFileSync(path.join(CORPUS, 'linux-cxl-mbox-event-debug-v2.mbox'), path.join(root, 'linux-cxl', 'v2.mbox'));
  lore = await startLoreServer(root);
  db = await testDb();
});
afterAll(async () => {
  await db.close();
  await lore.close();
  rmSync(root, { recursive: true, force: true });
});

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await fn(), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const reports = (out: string): PollReport[] => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as PollReport);

describe(`patchlens watch (${backendName()})`, () => {
  it('--once ingests the new threads, then finds nothing new', async () => {
    const flags = { once: true, json: true, loreBase: lore.base };
    const first = await capture(() => runWatch(db, 'linux-cxl', flags, new AbortController().signal));
    expect(first.code).toBe(0);
    const [r] = reports(first.out);
    expect(r).toMatchObject({ list: 'linux-cxl', entries: 12, fresh: 12, messages: 12, stored: 12, duplicates: 0, errors: [] });
    const second = await capture(() => runWatch(db, 'linux-cxl', flags, new AbortController().signal));
    expect(reports(second.out)[0]).toMatchObject({ fresh: 0, messages: 0 });
  });

  it('polls every interval until stopped', async () => {
    const stop = new AbortController();
    const before = lore.requests.filter((p) => p.endsWith('new.atom')).length;
    const run = capture(() => runWatch(db, 'linux-cxl', { interval: '0.05', json: true, loreBase: lore.base }, stop.signal));
    while (lore.requests.filter((p) => p.endsWith('new.atom')).length < before + 3) await new Promise((r) => setTimeout(r, 20));
    stop.abort();
    const { code, out } = await run;
    expect(code).toBe(0);
    expect(reports(out).length).toBeGreaterThanOrEqual(3);
  });

  it('exits 2 for a list lore does not have', async () => {
    const missing = await capture(() => runWatch(db, 'nope', { once: true, loreBase: lore.base }, new AbortController().signal));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/PL_ERR_SOURCE_UNREADABLE: .*no such list/);
  });

  it('registers its options', () => {
    const program = new Command('patchlens');
    register(program);
    const help = program.commands.find((c) => c.name() === 'watch')!.helpInformation();
    for (const opt of ['--interval', '--once', '--lore-base', '--json']) expect(help).toContain(opt);
  });
});

// `patchlens analyze <series> [--json]` end to end on an embedded database in
// a temp folder holding the ingested seed thread: the series is named by a
// patch's Message-ID, the JSON carries the concerns, an unknown series is a
// not-found error (exit 1).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../services/cli/main.js';
import { openDb } from '../../../services/db/adapters/client.js';
import { ingestMails } from '../../../services/ingest/adapters/store.js';
import { resolveSource } from '../../../services/ingest/adapters/sources/index.js';

const saved = { ...process.env };
let dir: string;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'patchlens-analyze-cli-'));
  process.env.DATABASE_URL = '';
  process.env.PATCHLENS_DATA_DIR = path.join(dir, 'data');
  const db = await openDb({ dataDir: process.env.PATCHLENS_DATA_DIR, databaseUrl: '' });
  try {
    await ingestMails(db, (await resolveSource('test/fixtures/corpus/cxl-region-attach-rfc.mbox')).mails());
  } finally {
    await db.close();
  }
});

afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('patchlens analyze', { timeout: 240_000 }, () => {
  it('prints the concerns as JSON for a series named by a Message-ID', async () => {
    const r = await run('analyze', '<20260403210050.1058650-3-dan.j.williams@intel.com>', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { concerns: { patch: number; rule: string; lines: [number, number]; trace: { event: string }[] }[] };
    const uaf = j.concerns.find((c) => c.rule === 'model/no-uaf');
    expect(uaf?.patch).toBe(4);
    expect(uaf?.trace.map((s) => s.event)).toEqual(['acpi.bind(P)', 'pci.probe(D)', 'acpi.unbind(P)']);
    expect(j.concerns.filter((c) => c.patch === 2)).toEqual([]);
  });

  it('prints readable steps without --json', async () => {
    const r = await run('analyze', '20260403210050.1058650-1-dan.j.williams@intel.com');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/patch 4 {2}ERROR {2}model\/no-uaf {2}drivers\/cxl\/core\/region.c:\d+-\d+/);
    expect(r.out).toMatch(/3\. acpi.unbind\(P\) {3}← .*no-uaf/);
  });

  it('fails with not-found for an unknown series', async () => {
    const r = await run('analyze', 'nope@example.org');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/PL_ERR_NOT_FOUND/);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../services/cli/main.js';
import { openDb } from '../../services/db/adapters/client.js';
import { hashToken } from '../../services/api/auth/tokens.js';
import { startServer } from '../../services/api/server.js';
import { testDb } from '../helpers/db.js';
import { makeList, makeSeries } from './factories.js';

const out: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  out.length = 0;
});

function capture() {
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
}

// the CLI opens the configured database; on Postgres that is a shared schema, so this runs on PGlite only
describe.skipIf(!!process.env.DATABASE_URL)('patchlens token', () => {
  it('creates a token shown once and stored hashed, lists and revokes it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'patchlens-cli-'));
    process.env.PATCHLENS_DATA_DIR = dir;
    try {
      const db = await openDb({ dataDir: dir, databaseUrl: '' });
      await db.prisma.mailingList.create({ data: { listId: 'linux-cxl.vger.kernel.org', name: 'linux-cxl' } });
      await db.close();
      capture();
      expect(await main(['token', 'create', '--name', 'Dave', '--email', 'dave@example.org', '--list', 'linux-cxl.vger.kernel.org'])).toBe(0);
      const token = out.join('').split('\n')[0] ?? '';
      expect(token).toMatch(/^plk_[\w-]{40,}$/);
      out.length = 0;
      expect(await main(['token', 'list', '--json'])).toBe(0);
      const listed = JSON.parse(out.join(''));
      expect(listed).toEqual([expect.objectContaining({ name: 'Dave', lists: ['linux-cxl.vger.kernel.org'], revokedAt: null })]);
      expect(JSON.stringify(listed)).not.toContain(token);
      expect(await main(['token', 'create', '--name', 'X', '--email', 'x@example.org', '--list', 'nope.example.org'])).toBe(1);
      expect(await main(['token', 'revoke', String(listed[0].id)])).toBe(0);
      vi.restoreAllMocks();
      const check = await openDb({ dataDir: dir, databaseUrl: '' });
      const row = await check.prisma.apiToken.findFirstOrThrow();
      expect(row.tokenHash).toBe(hashToken(token));
      expect(row.revokedAt).not.toBeNull();
      await check.close();
    } finally {
      delete process.env.PATCHLENS_DATA_DIR;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000); // six opens of a file-backed PGlite
});

describe('server', () => {
  it('listens on a port, serves the dashboard and the API, and closes', async () => {
    const db = await testDb();
    try {
      const l = await makeList(db);
      await makeSeries(db, { listId: l.id, patches: 1 });
      const running = await startServer({ db, port: 0, log: false, signals: false });
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const page = await fetch(`${running.url}/`);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await page.text()).toContain('/assets/app.js');
      const js = await fetch(`${running.url}/assets/app.js`);
      expect(js.status).toBe(200);
      expect((await js.text()).length).toBeGreaterThan(1000);
      expect((await (await fetch(`${running.url}/api/series`)).json()).items).toHaveLength(1);
      await running.close();
      await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    } finally {
      await db.close();
    }
  }, 180_000); // bundles the dashboard with esbuild on first request
});

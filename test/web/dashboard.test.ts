// The dashboard in a real browser: Debian's chromium driven by playwright-core
// against a server this test starts on 127.0.0.1:0, with the seed thread and
// the corpus ingested by the ingest stage, applied, analyzed and ledgered by
// the same jobs `patchlens main` runs, plus one hostile mail for the XSS case.
// Screenshots of the queue and the seed series go to docs/screenshots/.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../services/api/app.js';
import { InProcessRunner } from '../../services/api/jobs/in-process.js';
import { runIngest } from '../../services/api/jobs/stage-calls.js';
import { createToken } from '../../services/api/auth/tokens.js';
import { corpusFiles } from '../../services/cli/commands/main.js';
import type { Db } from '../../services/db/adapters/client.js';
import { testDb, backendName } from '../helpers/db.js';
import { functionLines, XSS_MBOX } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const SEED_TITLE = 'Region attach for accelerators';

let db: Db;
let app: FastifyInstance;
let runner: InProcessRunner;
let ctx: BrowserContext;
let base: string;
let token: string;
let profile: string;
let seedId: number;

async function seed(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'patchlens-xss-'));
  const xss = path.join(tmp, 'xss.mbox');
  writeFileSync(xss, XSS_MBOX);
  // the seed mails name no List-Id; they were sent to linux-cxl
  for (const f of [...corpusFiles(), xss]) await runIngest(db, f, { listHint: 'linux-cxl.vger.kernel.org' });
  rmSync(tmp, { recursive: true, force: true });
  await runner.publish('sweep', {});
  await runner.idle();
  const s = await db.prisma.series.findFirstOrThrow({ where: { title: { contains: SEED_TITLE } }, orderBy: { version: 'desc' } });
  seedId = s.id;
  token = (await createToken(db, { name: 'Dave Jiang', email: 'dave.jiang@intel.com', lists: ['linux-cxl.vger.kernel.org'] })).token;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (.ci/run does this) to run the browser tests`);
  }
  db = await testDb();
  runner = new InProcessRunner(db, () => undefined, undefined, 0);
  app = await buildApp({ db, queue: runner });
  await seed();
  base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('[::1]', '127.0.0.1');
  profile = mkdtempSync(path.join(os.tmpdir(), 'patchlens-chromium-'));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 300_000);

afterAll(async () => {
  await ctx?.close();
  await app?.close();
  await runner?.stop();
  await db?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

let current: Page | null = null;

async function open(url: string, ready: 'queue' | 'series'): Promise<Page> {
  await current?.close();
  const page = await ctx.newPage();
  current = page;
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(`${base}${url}`);
  await page.waitForSelector(`#app[data-ready="${ready}"]`, { timeout: 30_000 });
  return page;
}

describe(`dashboard in chromium (${backendName()})`, () => {
  it('loads the queue with one dense row per series', async () => {
    const page = await open('/', 'queue');
    const rows = await page.locator('#queue-body tr').count();
    expect(rows).toBe(await db.prisma.series.count());
    const seedRow = page.locator(`#queue-body tr[data-id="${seedId}"]`);
    await expect(seedRow.locator('td.title').innerText()).resolves.toContain(SEED_TITLE);
    await expect(seedRow.locator('td').nth(5).innerText()).resolves.toBe('4/4');
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'queue.png'), fullPage: true });
    await page.close();
  });

  it('is keyboard driven: j/k move, / searches, o opens', async () => {
    const page = await open('/', 'queue');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const current = await page.locator('#queue-body tr.current').getAttribute('data-id');
    const second = await page.locator('#queue-body tr').nth(1).getAttribute('data-id');
    expect(current).toBe(second);
    await page.keyboard.press('/');
    await page.keyboard.type('autoremove');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=autoremove/);
    await page.waitForSelector('#app[data-ready="queue"]');
    const ids = await page.locator('#queue-body tr').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-id')));
    expect(ids).toContain(String(seedId));
    const at = ids.indexOf(String(seedId));
    for (let i = 0; i < at; i++) await page.keyboard.press('j');
    await page.keyboard.press('o');
    await page.waitForURL(new RegExp(`/series/${seedId}$`));
    await page.waitForSelector('#app[data-ready="series"]');
    await page.close();
  });

  it('shows the seed series: cover, patches, the concern on patch 4 at its lines with its diagram', async () => {
    const page = await open(`/series/${seedId}`, 'series');
    await expect(page.locator('#series-title').innerText()).resolves.toContain(SEED_TITLE);
    await expect(page.locator('#cover pre.body').innerText()).resolves.toMatch(/accelerator/i);
    expect(await page.locator('section.patch').count()).toBe(4);
    // the rules stage's use-after-free in cxl_endpoint_region_autoremove (analyzed by the sweep's analyze job)
    const patch4 = await db.prisma.patch.findFirstOrThrow({ where: { seriesId: seedId, index: 4 } });
    const fn = functionLines(patch4.diff, 'cxl_endpoint_region_autoremove');
    const concerns = await db.prisma.concern.findMany({ where: { patchId: patch4.id }, orderBy: { id: 'asc' } });
    const concern = concerns.find((c) => fn && c.startLine !== null && c.startLine >= fn.start && (c.endLine ?? c.startLine) <= fn.end);
    if (!concern) throw new Error(`no concern inside cxl_endpoint_region_autoremove (${JSON.stringify(fn)}); patch 4 has ${JSON.stringify(concerns.map((c) => [c.rule, c.startLine, c.endLine]))}`);
    const box = page.locator(`#patch-4 #concern-${concern.id}`);
    const shown = await page.locator('#patch-4 .concern').evaluateAll((els) => els.map((e) => e.id));
    expect(shown).toContain(`concern-${concern.id}`);
    await expect(box.isVisible()).resolves.toBe(true);
    // the concern sits right after the last diff line it covers, and its lines are marked
    const prevLine = await box.evaluate((el) => el.closest('tr')?.previousElementSibling?.getAttribute('data-new'));
    expect(Number(prevLine)).toBe(concern.endLine ?? concern.startLine);
    const marked = await page.locator('#patch-4 tr.concern-line').evaluateAll((trs) => trs.map((t) => Number(t.getAttribute('data-new'))));
    for (let n = concern.startLine ?? 0; n <= (concern.endLine ?? concern.startLine ?? 0); n++) expect(marked).toContain(n);
    // and no line outside every concern of the patch is marked
    expect(marked.every((n) => concerns.some((c) => c.startLine !== null && n >= c.startLine && n <= (c.endLine ?? c.startLine)))).toBe(true);
    await expect(box.locator('svg.seq .step.violating').count()).resolves.toBeGreaterThan(0);
    await expect(box.locator('.summary').innerText()).resolves.toBe(concern.summary);
    // every concern of patch 4 is shown inline on the patch
    expect(await page.locator('#patch-4 .concern').count()).toBe(concerns.length);
    await box.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'series.png'), fullPage: false });
    await page.close();
  });

  it('refuses a state change without a token, then changes it with one (keyboard s)', async () => {
    const page = await open(`/series/${seedId}`, 'series');
    await page.keyboard.press('s');
    await page.waitForSelector('#state-menu');
    await page.keyboard.press('2');
    await page.waitForSelector('#toast.error');
    await expect(page.locator('#toast').innerText()).resolves.toContain('PL_ERR_UNAUTHORIZED');
    await page.fill('#token-input', token);
    await page.press('#token-input', 'Enter');
    await expect(page.locator('#who').innerText()).resolves.toContain('token set');
    await page.keyboard.press('s');
    await page.waitForSelector('#state-menu');
    await page.keyboard.press('2');
    await page.waitForFunction(() => document.querySelector('#series-state')?.textContent === 'Under Review');
    expect((await db.prisma.series.findUniqueOrThrow({ where: { id: seedId } })).state).toBe('Under Review');
    const ev = await db.prisma.event.findFirstOrThrow({ where: { kind: 'series.state', subjectId: seedId }, orderBy: { id: 'desc' } });
    expect(ev.actor).toBe('Dave Jiang <dave.jiang@intel.com>');
    await page.close();
  });

  it('bulk-sets the state of a selection from the queue', async () => {
    const page = await open('/?list=linux-cxl.vger.kernel.org', 'queue');
    const ids = (await page.locator('#queue-body tr').evaluateAll((trs) => trs.map((t) => Number(t.getAttribute('data-id'))))).slice(0, 2);
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await expect(page.locator('#selection-count').innerText()).resolves.toBe('2 selected');
    await page.keyboard.press('s');
    await page.keyboard.press('9');
    await page.waitForSelector('#toast:not(.error)');
    const states = await db.prisma.series.findMany({ where: { id: { in: ids } }, select: { state: true } });
    expect(states.map((s) => s.state)).toEqual(['Deferred', 'Deferred']);
    await page.close();
  });

  it('shows HTML and script from mail as text and runs none of it', async () => {
    const page = await open('/', 'queue');
    const xss = await db.prisma.series.findFirstOrThrow({ where: { title: { contains: '<script>' } } });
    const title = await page.locator(`#queue-body tr[data-id="${xss.id}"] td.title a`).innerText();
    expect(title).toContain('<script>window.__xss=2</script>');
    expect(await page.locator('#queue-body img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.close();
    const detail = await open(`/series/${xss.id}`, 'series');
    await expect(detail.locator('#series-title').innerText()).resolves.toContain('<img src=x onerror=');
    await expect(detail.locator('section.patch pre.commit').first().textContent()).resolves.toContain('<script>window.__xss=3</script>');
    await expect(detail.locator('table.diff').first().innerText()).resolves.toContain('<script>window.__xss=4</script>');
    expect(await detail.locator('main script, main img').count()).toBe(0);
    expect(await detail.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await detail.close();
  });
});

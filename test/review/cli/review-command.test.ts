// `patchlens review …` end to end: an embedded database in a temp folder, the
// seed thread stored in it, and a real SMTP server (smtp-server) on
// 127.0.0.1 that records what arrives. Nothing may arrive without --send.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { main } from '../../../services/cli/main.js';
import { openDb } from '../../../services/db/adapters/client.js';
import { readMbox } from '../helpers/thread.js';
import { storeThread, type StoredSeries } from '../helpers/store-thread.js';

interface Arrived {
  from: string;
  to: string[];
  data: string;
}

const saved = { ...process.env };
let dir: string;
let stored: StoredSeries;
let smtp: SMTPServer;
let smtpUrl: string;
const arrived: Arrived[] = [];

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'patchlens-review-cli-'));
  process.env.DATABASE_URL = '';
  process.env.PATCHLENS_DATA_DIR = path.join(dir, 'data');
  process.env.PATCHLENS_REVIEWER = 'Patch Lens <review@patchlens.example>';
  delete process.env.PATCHLENS_SMTP_URL;
  const db = await openDb({ dataDir: process.env.PATCHLENS_DATA_DIR, databaseUrl: '' });
  try {
    stored = await storeThread(db, await readMbox('test/fixtures/corpus/cxl-region-attach-rfc.mbox'));
    const run = await db.prisma.analysisRun.create({ data: { seriesId: stored.seriesId, stats: {} } });
    await db.prisma.concern.create({
      data: {
        runId: run.id, seriesId: stored.seriesId, patchId: stored.patchIds.get(4) as number, rule: 'devres-uaf', severity: 'high',
        file: 'drivers/cxl/core/region.c', startLine: 4319, endLine: 4320, origin: 'new', fingerprint: 'devres-uaf:region.c:cxl_endpoint_region_autoremove',
        summary: 'the endpoint autoremove can run after the region was freed',
        explanation: 'Removing cxl_acpi unregisters the region before the endpoint port goes; the endpoint action then reads the freed region and releases an action that is gone.',
        trace: ['acpi.unbind: unregister_region(X), X freed', 'endpoint release: cxl_endpoint_region_autoremove(X) reads X->cxlrd', 'devm_release_action(P, unregister_region, X): -ENOENT, WARN'],
      },
    });
  } finally {
    await db.close();
  }
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        arrived.push({ from: mailFrom ? mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  process.env = saved;
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('patchlens review', { timeout: 240_000 }, () => {
  it('sync builds the ledger and status prints counts and open items with evidence', async () => {
    const sync = await run('review', 'sync', String(stored.seriesId));
    expect(sync.code).toBe(0);
    expect(sync.out).toMatch(/comments \(\d+ new\)/);
    const st = await run('review', 'status', String(stored.seriesId));
    expect(st.code).toBe(0);
    expect(st.out).toMatch(/^series \d+: \d+ open, \d+ answered, 1 acknowledged, 2 disputed, 0 addressed, 0 dismissed$/m);
    expect(st.out).toMatch(/\[open\] Lukas Wunner on patch 4\n {6}"Nit: s\/accelertor\/accelerator\/ and wrap to 72 chars"\n {6}evidence: open by lukas@wunner\.de: <20260412085700\.1-x-lukas@wunner\.de> lines \d+-\d+/);
    expect(st.out).toMatch(/"You are introducing the cxl_endpoint_region_autoremove\(\) linked to the endpoint device/);
    expect(st.out).not.toMatch(/where does the core detach/);
    const json = JSON.parse((await run('review', 'status', String(stored.seriesId), '--json')).out) as { counts: Record<string, number> };
    expect(json.counts.acknowledged).toBe(1);
  });

  it('set needs a reason to dismiss, and takes a series by Message-ID', async () => {
    const json = JSON.parse((await run('review', 'status', '<20260403210050.1058650-1-dan.j.williams@intel.com>', '--json', '--all')).out) as { comments: { id: number; text: string }[] };
    const nit = json.comments.find((c) => c.text.startsWith('Nit:')) as { id: number };
    const bad = await run('review', 'set', String(nit.id), 'dismissed');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/PL_ERR_BAD_INPUT: reason: dismissing a comment needs a reason/);
    const ok = await run('review', 'set', String(nit.id), 'acknowledged', '--actor', 'Dan Williams <dan.j.williams@intel.com>');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/open -> acknowledged/);
  });

  it('reply writes an .eml and sends nothing without --send, even with a server configured', async () => {
    process.env.PATCHLENS_SMTP_URL = smtpUrl;
    const file = path.join(dir, 'reply.eml');
    const r = await run('review', 'reply', String(stored.patchIds.get(4)), '-o', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/dry run: not sent/);
    expect(arrived).toHaveLength(0);
    const mail = await simpleParser(readFileSync(file));
    expect(mail.subject).toBe('Re: [RFC PATCH 4/4] cxl/region: Introduce cxl_memdev_attach_region');
    expect(mail.text).toMatch(/> \+\trc = devm_add_action_or_reset\(&endpoint->dev,/);
  });

  it('reply --send without a server configured refuses', async () => {
    delete process.env.PATCHLENS_SMTP_URL;
    const r = await run('review', 'reply', String(stored.patchIds.get(4)), '-o', path.join(dir, 'x.mbox'), '--send');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/PATCHLENS_SMTP_URL/);
    expect(arrived).toHaveLength(0);
  });

  it('reply --send delivers one plain-text mail to the patch author, Cc the original recipients', async () => {
    process.env.PATCHLENS_SMTP_URL = smtpUrl;
    const file = path.join(dir, 'sent.mbox');
    const r = await run('review', 'reply', String(stored.patchIds.get(4)), '-o', file, '--send');
    expect(r.code, r.err).toBe(0);
    expect(arrived).toHaveLength(1);
    const got = arrived[0] as Arrived;
    expect(got.from).toBe('review@patchlens.example');
    expect(got.to.sort()).toEqual(['alejandro.lucero-palau@amd.com', 'dan.j.williams@intel.com', 'dave.jiang@intel.com', 'linux-cxl@vger.kernel.org', 'linux-kernel@vger.kernel.org']);
    const mail = await simpleParser(got.data);
    expect(mail.from?.value[0]?.address).toBe('review@patchlens.example');
    expect(mail.inReplyTo).toBe('<20260403210050.1058650-5-dan.j.williams@intel.com>');
    expect(mail.references).toEqual(['<20260403210050.1058650-1-dan.j.williams@intel.com>', '<20260403210050.1058650-5-dan.j.williams@intel.com>']);
    expect(mail.html).toBe(false);
    expect(mail.attachments).toEqual([]);
    expect(mail.text).toMatch(/ 1\. acpi\.unbind: unregister_region\(X\), X freed/);
    expect(mail.text).toMatch(/produced by patchlens/);
    expect(readFileSync(file, 'utf8')).toMatch(/^From review@patchlens\.example /);
    const sentId = (mail.messageId ?? '').replace(/[<>]/g, '');
    expect(r.out).toContain(`Message-ID: <${sentId}>`);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toMbox, writeReply, sendReply } from '../../../services/review/adapters/mail-out.js';
import { patchTitle } from '../../../services/review/adapters/load.js';
import { reviewerIdentity } from '../../../services/review/adapters/config.js';
import type { RenderedReply } from '../../../services/review/core/render.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'patchlens-mail-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reply: RenderedReply = {
  messageId: 'a@b',
  from: { name: 'P', email: 'p@example.org' },
  to: [{ name: 'A', email: 'a@example.org' }],
  cc: [],
  subject: 'Re: x',
  body: 'From the top\n>From quoted\n',
  raw: 'From: P <p@example.org>\nSubject: Re: x\n\nFrom the top\n>From quoted\n',
};

describe('mail out', () => {
  it('writes mboxrd entries with From-quoting and a separator line', () => {
    const m = toMbox(reply, new Date('2026-04-05T08:09:10Z'));
    expect(m.split('\n')[0]).toBe('From p@example.org Sun Apr  5 08:09:10 2026');
    expect(m).toContain('\n>From the top\n>>From quoted\n');
    expect(m.endsWith('\n\n')).toBe(true);
  });

  it('writes .eml as is and appends to an mbox', () => {
    const eml = path.join(dir, 'r.eml');
    expect(writeReply(eml, reply)).toBe('eml');
    expect(readFileSync(eml, 'utf8')).toBe(reply.raw);
    const mbox = path.join(dir, 'r.mbox');
    writeReply(mbox, reply);
    writeReply(mbox, reply);
    expect(readFileSync(mbox, 'utf8').match(/^From p@example\.org /gm)).toHaveLength(2);
  });

  it('reports an unreachable server as PL_ERR_SMTP', async () => {
    await expect(sendReply(reply, 'smtp://127.0.0.1:1')).rejects.toMatchObject({ code: 'PL_ERR_SMTP' });
  });
});

describe('settings and names', () => {
  it('reads the reviewer identity and refuses a malformed one', () => {
    expect(reviewerIdentity({})).toEqual({ name: 'patchlens', email: 'patchlens@localhost' });
    expect(reviewerIdentity({ PATCHLENS_REVIEWER: 'Patch Lens <Review@Example.org>' })).toEqual({ name: 'Patch Lens', email: 'review@example.org' });
    expect(() => reviewerIdentity({ PATCHLENS_REVIEWER: 'nobody' })).toThrow(/PATCHLENS_REVIEWER/);
  });

  it('strips reply and patch prefixes from a subject', () => {
    expect(patchTitle('Re: [RFC PATCH v2 4/4] cxl/region: Introduce cxl_memdev_attach_region')).toBe('cxl/region: Introduce cxl_memdev_attach_region');
    expect(patchTitle('[PATCH] [net-next] foo: bar')).toBe('foo: bar');
  });
});

// parseMail on hostile input: none of these may throw; problems are warnings
// or a rejected Result.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../../services/ingest/core/parse.js';
import { CORPUS, rawMails } from '../helpers.js';

const mail = (head: string, body = 'hello\n') => Buffer.from(`${head.trim()}\n\n${body}`, 'utf8');

async function ok(raw: Buffer) {
  const r = await parseMail(raw);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('parseMail', () => {
  it('reads identity headers ourselves: several In-Reply-To, folded References, angle brackets removed', async () => {
    const m = await ok(mail(`From: "Doe, Jane" <Jane@Example.ORG>
Subject: =?UTF-8?q?Re=3A_=5BPATCH=5D_caf=C3=A9?=
Date: Mon, 2 Mar 2026 10:00:00 +0100
Message-ID: < abc@x.org >
In-Reply-To: <p1@x.org>
In-Reply-To: <p2@x.org>
References: <r1@x.org>
 <r2@x.org>
List-Id: Linux CXL <linux-cxl.vger.kernel.org>`));
    expect(m.messageId).toBe('abc@x.org');
    expect(m.inReplyTo).toEqual(['p1@x.org', 'p2@x.org']);
    expect(m.references).toEqual(['r1@x.org', 'r2@x.org']);
    expect(m.subject).toBe('Re: [PATCH] café');
    expect(m.from).toEqual({ name: 'Doe, Jane', email: 'jane@example.org' });
    expect(m.listId).toBe('linux-cxl.vger.kernel.org');
    expect(m.date?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(m.warnings).toEqual([]);
  });
  it('derives a stable Message-ID from the content and says so', async () => {
    const raw = mail('From: a@b.c\nSubject: no id\nDate: Mon, 2 Mar 2026 10:00:00 +0000');
    const a = await ok(raw);
    const b = await ok(Buffer.from(raw));
    expect(a.messageIdDerived).toBe(true);
    expect(a.messageId).toBe(b.messageId);
    expect(a.warnings.join()).toMatch(/no Message-ID/);
  });
  it('keeps an unparsable date raw', async () => {
    const m = await ok(mail('From: a@b.c\nSubject: s\nMessage-ID: <d@x>\nDate: the day after tomorrow'));
    expect(m.date).toBeNull();
    expect(m.dateRaw).toBe('the day after tomorrow');
    expect(m.warnings.join()).toMatch(/unparsable Date/);
  });
  it('survives NUL bytes, unknown charsets, broken MIME and over-long headers', async () => {
    const nul = await ok(Buffer.concat([mail('From: a@b.c\nSubject: n\nMessage-ID: <n@x>', 'a'), Buffer.from([0, 0x62, 0x0a])]));
    expect(nul.body).not.toContain('\u0000');
    const cs = await ok(mail('From: a@b.c\nSubject: c\nMessage-ID: <c@x>\nContent-Type: text/plain; charset=x-no-such-charset', 'plain text\n'));
    expect(cs.body).toContain('plain text');
    const broken = await parseMail(mail('From: a@b.c\nSubject: b\nMessage-ID: <b@x>\nContent-Type: multipart/mixed; boundary="zz"', '--zz\nContent-Type: text/plain\n\npart one\n--zz\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n@@@not base64@@@'));
    expect(broken.ok).toBe(true);
    const long = await ok(mail(`From: a@b.c\nSubject: ${'x'.repeat(100_000)}\nMessage-ID: <l@x>\nX-Long: ${'y'.repeat(200_000)}`));
    expect(long.subject.length).toBe(100_000);
  });
  it('decodes quoted-printable and base64 bodies', async () => {
    const qp = await ok(mail('From: a@b.c\nSubject: q\nMessage-ID: <q@x>\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable', 'caf=C3=A9 =\nsoft\n'));
    expect(qp.body).toBe('café soft\n');
    const b64 = await ok(mail('From: a@b.c\nSubject: q\nMessage-ID: <b@x>\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64', Buffer.from('hé\n').toString('base64')));
    expect(b64.body).toBe('hé\n');
  });
  it('finds a patch sent as an attachment', async () => {
    const diff = 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n';
    const m = await ok(mail('From: a@b.c\nSubject: [PATCH] x\nMessage-ID: <att@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"',
      `--b1\nContent-Type: text/plain\n\nSee the attachment.\n--b1\nContent-Type: text/x-patch; name="0001-x.patch"\nContent-Disposition: attachment; filename="0001-x.patch"\nContent-Transfer-Encoding: base64\n\n${Buffer.from(diff).toString('base64')}\n--b1--\n`));
    expect(m.diff).toBe(diff);
    expect(m.body).toContain('See the attachment.');
  });
  it('every corpus message parses without rejection, with the same content hash twice', async () => {
    for (const f of ['cxl-region-attach-rfc', 'linux-cxl-type2-v22', 'linux-cxl-mbox-event-debug-v1', 'linux-cxl-mbox-event-debug-v2']) {
      for (const m of rawMails(path.join(CORPUS, `${f}.mbox`))) {
        const a = await ok(m.raw);
        expect(a.messageIdDerived).toBe(false);
        expect((await ok(m.raw)).contentHash).toBe(a.contentHash);
      }
    }
  });
  it('rejects bytes without any header with a reason, never throws', async () => {
    const r = await parseMail(Buffer.alloc(0));
    expect(r.ok).toBe(false);
  });
});

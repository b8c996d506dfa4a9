import { describe, expect, it } from 'vitest';
import { renderReply, type ReplyInput } from '../../../services/review/core/render.js';
import { traceSteps } from '../../../services/review/core/steps.js';
import { numbered, wrapText } from '../../../services/review/core/wrap.js';
import { foldHeader, formatAddress, parseAddressList } from '../../../services/review/core/mail-format.js';
import { readMbox, splitPatchBody } from '../helpers/thread.js';

async function patch4(): Promise<ReplyInput['patch']> {
  const mails = await readMbox('test/fixtures/corpus/cxl-region-attach-rfc.mbox');
  const m = mails.find((x) => x.subject.startsWith('[RFC PATCH 4/4]'));
  if (!m) throw new Error('no patch 4');
  return { messageId: m.messageId, subject: m.subject, from: m.from, to: m.to, cc: m.cc, references: m.references, date: m.date, diff: splitPatchBody(m.body).diff };
}

const concern = {
  commentId: 17,
  rule: 'devres-release-after-free',
  severity: 'high',
  summary: 'cxl_endpoint_region_autoremove() can run after the region it names was freed',
  explanation:
    'The autoremove action is registered on the endpoint port, but the region is unregistered by an action on the cxl_acpi platform device. When cxl_acpi is unbound first, the region is freed and the endpoint action later dereferences it and calls devm_release_action() on an action that no longer exists, which warns.',
  file: 'drivers/cxl/core/region.c',
  startLine: 4319,
  endLine: 4320,
  steps: ['acpi.unbind: devres_release_all(P) runs unregister_region(X); X is freed', 'hostBridge.unregister: endpoint E unbinds', 'E.devres: cxl_endpoint_region_autoremove(X) reads X->cxlrd (use after free)', 'devm_release_action(P, unregister_region, X): not found, WARN_ON'],
};

describe('review reply mail', () => {
  it('has list-ready headers and quotes only the hunk lines', async () => {
    const p = await patch4();
    const r = renderReply({ reviewer: { name: 'Patch Lens', email: 'review@patchlens.example' }, patch: p, concerns: [concern], messageId: 'pl.1@patchlens.example', date: new Date('2026-04-05T10:00:00Z') });
    const cut = r.raw.indexOf('\n\n');
    const head = r.raw.slice(0, cut);
    const body = r.raw.slice(cut + 2);
    expect(body).toBe(r.body);
    expect(head).toMatch(/^From: Patch Lens <review@patchlens\.example>$/m);
    expect(head).toMatch(/^To: Dan Williams <dan\.j\.williams@intel\.com>$/m);
    expect(r.cc.map((c) => c.email)).toEqual(['dave.jiang@intel.com', 'linux-cxl@vger.kernel.org', 'linux-kernel@vger.kernel.org', 'alejandro.lucero-palau@amd.com']);
    expect(head).toMatch(/^Subject: Re: \[RFC PATCH 4\/4\] cxl\/region: Introduce cxl_memdev_attach_region$/m);
    expect(head).toMatch(/^In-Reply-To: <20260403210050\.1058650-5-dan\.j\.williams@intel\.com>$/m);
    expect(head).toMatch(/^References: <20260403210050\.1058650-1-dan\.j\.williams@intel\.com>\n <20260403210050\.1058650-5-dan\.j\.williams@intel\.com>$/m);
    expect(head).toMatch(/^Message-ID: <pl\.1@patchlens\.example>$/m);
    expect(head).toMatch(/^Content-Type: text\/plain; charset=us-ascii$/m);
    expect(r.raw).not.toMatch(/<html|multipart|Content-Disposition/i);
    const quoted = body.split('\n').filter((l) => l.startsWith('> '));
    expect(quoted).toEqual(['> +\trc = devm_add_action_or_reset(&endpoint->dev,', '> +\t\t\t\t      cxl_endpoint_region_autoremove, cxlr);']);
    expect(body).toMatch(/A sequence that breaks it:\n\n {2}1\. acpi\.unbind: devres_release_all/);
    expect(body).toMatch(/ {2}4\. devm_release_action/);
    expect(body).toMatch(/produced by patchlens, a model/);
    expect(body).toMatch(/To dispute a finding, reply to this mail/);
    for (const line of body.split('\n')) if (!line.startsWith('> ')) expect(line.length, line).toBeLessThanOrEqual(72);
  });

  it('puts [...] between the quoted parts of several concerns', async () => {
    const p = await patch4();
    const other = { ...concern, commentId: 18, summary: 'region lock set for attach', startLine: 1135, endLine: 1136, steps: [] };
    const r = renderReply({ reviewer: { name: 'P', email: 'p@x.org' }, patch: p, concerns: [concern, other], messageId: 'a@b', date: new Date(0) });
    const lines = r.body.split('\n');
    const gap = lines.indexOf('[...]');
    expect(gap).toBeGreaterThan(0);
    expect(lines.slice(0, gap).some((l) => l.includes('set_bit(CXL_REGION_F_LOCK'))).toBe(true);
    expect(lines.slice(gap).some((l) => l.includes('cxl_endpoint_region_autoremove, cxlr'))).toBe(true);
  });
});

describe('layout helpers', () => {
  it('wraps prose at 72 and keeps code lines', () => {
    const out = wrapText(`${'word '.repeat(40)}\n\n\tcode_line(with, tabs);`);
    expect(out.split('\n').every((l) => l.length <= 72)).toBe(true);
    expect(out).toMatch(/\n\n\tcode_line\(with, tabs\);$/);
    expect(numbered(['a '.repeat(50).trim(), 'b'])).toMatch(/^ {2}1\. a a/);
  });

  it('formats and reads addresses', () => {
    expect(formatAddress({ name: 'Cheatham, Benjamin', email: 'b@amd.com' })).toBe('"Cheatham, Benjamin" <b@amd.com>');
    expect(formatAddress({ name: 'Jörg Rödel', email: 'j@x.org' })).toMatch(/^=\?UTF-8\?B\?.+\?= <j@x\.org>$/);
    expect(parseAddressList('"Cheatham, Benjamin" <B@amd.com>, dave.jiang@intel.com,\n linux-cxl@vger.kernel.org')).toEqual([
      { name: 'Cheatham, Benjamin', email: 'b@amd.com' },
      { name: '', email: 'dave.jiang@intel.com' },
      { name: '', email: 'linux-cxl@vger.kernel.org' },
    ]);
    expect(parseAddressList([{ name: 'A', email: 'a@x' }])).toEqual([{ name: 'A', email: 'a@x' }]);
    expect(foldHeader('Cc', Array.from({ length: 6 }, (_, i) => `person${i}@example.org`)).split('\n').every((l) => l.length <= 78)).toBe(true);
  });

  it('reads counterexample traces of several shapes', () => {
    expect(traceSteps(['a', 'b'])).toEqual(['a', 'b']);
    expect(traceSteps({ steps: [{ actor: 'acpi', action: 'unbind', detail: 'P devres released' }, { action: 'devresRelease' }] })).toEqual(['acpi.unbind: P devres released', 'devresRelease']);
    expect(traceSteps({ trace: { actions: [{ name: 'regionAttach' }] } })).toEqual(['regionAttach']);
    expect(traceSteps(null)).toEqual([]);
    expect(traceSteps([{ x: 1 }])).toEqual(['{"x":1}']);
  });
});

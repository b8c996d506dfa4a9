// The ledger on the other real linux-cxl threads: Claws Mail two-line
// attributions, Thunderbird format=flowed, quoted-printable, trailer-only
// replies, and an author who posts from one address and answers from another.
import { describe, expect, it } from 'vitest';
import { buildLedger } from '../../../services/review/core/ledger.js';
import type { CommentDraft } from '../../../services/review/core/types.js';
import { readMbox, threadInput } from '../helpers/thread.js';

async function ledgerOf(name: string): Promise<CommentDraft[]> {
  return buildLedger(threadInput(await readMbox(`test/fixtures/corpus/${name}.mbox`)), name);
}
const one = (l: CommentDraft[], re: RegExp) => {
  const hits = l.filter((c) => re.test(c.text.replace(/\s+/g, ' ')));
  expect(hits, String(re)).toHaveLength(1);
  return hits[0] as CommentDraft;
};

describe('linux-cxl-mbox-event-debug-v2', () => {
  it("reads Alison's question, Ira's answer and her thanks; Reviewed-by replies are approvals", async () => {
    const l = await ledgerOf('linux-cxl-mbox-event-debug-v2');
    const q = one(l, /^Is dev_dbg\(\) overkill when the info is in the trace event\?$/);
    expect(q.anchor?.file).toBe('drivers/cxl/core/mbox.c');
    expect(q.patchIndex).toBe(2);
    expect(q.events.map((e) => [e.to, e.actor])).toEqual([
      ['open', 'alison.schofield@intel.com'],
      ['answered', 'ira.weiny@intel.com'],
      ['acknowledged', 'alison.schofield@intel.com'],
    ]);
    expect(l.some((c) => /Reviewed-by|FWIW given how well/.test(c.text))).toBe(false);
    expect(l).toHaveLength(1);
  });
});

describe('linux-cxl-mbox-event-debug-v1', () => {
  it("keeps a third person's answer as an answer and as a point of its own", async () => {
    const l = await ledgerOf('linux-cxl-mbox-event-debug-v1');
    const noisy = one(l, /I assume this is because b4 takes its address from the patch itself\?/);
    expect(noisy.status).toBe('answered');
    expect(noisy.answers).toContainEqual(expect.objectContaining({ byAuthor: false, byCommenter: false }));
    const vishal = one(l, /^Yes - but the better way to do this is to add the To: and Cc: lines/);
    expect(vishal.parentFingerprint).toBe(noisy.fingerprint);
    expect(one(l, /^This looks unrelated to the fix\.$/).anchor?.file).toBe('drivers/cxl/core/mbox.c');
  });
});

describe('linux-cxl-type2-v22', () => {
  it("treats the author's answers from a second address as answers, not new points", async () => {
    const l = await ledgerOf('linux-cxl-type2-v22');
    expect(l.filter((c) => c.author.email === 'alucerop@amd.com')).toEqual([]);
    const drop = one(l, /^Drop the \(\)$/);
    expect(drop.status).toBe('answered');
    expect(drop.answers).toEqual([expect.objectContaining({ messageId: expect.any(String), byAuthor: true })]);
    expect(drop.events[1]?.evidence.excerpt).toBe('Sure.');
    expect(drop.events[1]?.evidence.stance).toBe('agrees');
    const hdm = one(l, /^Why this change\? If it was valid before this patch as an early exit/);
    expect(hdm.anchor?.file).toBe('drivers/cxl/core/hdm.c');
  });

  it('strips greetings and lone-name sign-offs from every block', async () => {
    const l = await ledgerOf('linux-cxl-type2-v22');
    expect(l.some((c) => /^Hi Alejandro,/.test(c.text))).toBe(false);
    expect(one(l, /^In general seems fine but comment on type safety inline\.$/).text).not.toMatch(/Jonathan$/);
  });
});

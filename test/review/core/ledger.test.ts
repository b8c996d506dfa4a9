// The seed thread (cxl-region-attach-rfc.mbox) must come out as a person
// reads it; see issue 5 and /work/shared/docs/cxl-lifetime-semantics.md §5.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLedger } from '../../../services/review/core/ledger.js';
import type { CommentDraft, ThreadInput } from '../../../services/review/core/types.js';
import { readMbox, threadInput } from '../helpers/thread.js';

const SEED = 'test/fixtures/corpus/cxl-region-attach-rfc.mbox';
let input: ThreadInput;
let ledger: CommentDraft[];

const find = (re: RegExp) => {
  const hits = ledger.filter((c) => re.test(c.text.replace(/\s+/g, ' ')));
  expect(hits, `one comment matching ${re}`).toHaveLength(1);
  return hits[0] as CommentDraft;
};
const history = (c: CommentDraft) => c.events.map((e) => e.to);

beforeAll(async () => {
  input = threadInput(await readMbox(SEED));
  ledger = buildLedger(input, 'seed');
});

describe('seed thread ledger', () => {
  it('reads 5 postings and 9 replies', () => {
    expect(input.patches).toHaveLength(4);
    expect(input.replies).toHaveLength(9);
  });

  it("Ben's question where the core detaches the accelerator driver: answered by Dan (detach_memdev())", () => {
    const c = find(/where does the core detach the accelerator driver\?/);
    expect(c.author.email).toBe('benjamin.cheatham@amd.com');
    expect(c.patchIndex).toBe(4);
    expect(c.status).toBe('answered');
    const answered = c.events.find((e) => e.to === 'answered');
    expect(answered?.actor).toBe('dan.j.williams@intel.com');
    expect(answered?.evidence.messageId).toBe('20260411230234.1-x-dan.j.williams@intel.com');
    expect(answered?.evidence.excerpt).toMatch(/It happens in detach_memdev\(\)\./);
    expect(c.answers).toEqual([{ messageId: '20260411230234.1-x-dan.j.williams@intel.com', byAuthor: true, byCommenter: false }]);
  });

  it("Ben's remark that the region lock bit is set twice: answered, then acknowledged by Ben", () => {
    const c = find(/set the region lock bit here and then immediately do a check/);
    expect(c.anchor?.file).toBe('drivers/cxl/core/region.c');
    const [a, b] = c.anchor?.lines ?? [0, 0];
    expect(a).toBeGreaterThanOrEqual(1123);
    expect(b).toBeLessThanOrEqual(1141);
    expect(history(c)).toEqual(['open', 'answered', 'acknowledged']);
    const ack = c.events[2];
    expect(ack?.actor).toBe('benjamin.cheatham@amd.com');
    expect(ack?.evidence.messageId).toBe('20260413142500.1-x-benjamin.cheatham@amd.com');
    expect(ack?.evidence.excerpt).toBe("Didn't realize that, makes sense.");
  });

  it("Ben's question whether the memdev is already cleaned up on failure: answered, Dan agrees", () => {
    const c = find(/Isn't the memdev already cleaned up if cxl_mem probe fails/);
    expect(c.patchIndex).toBe(1);
    expect(c.anchor?.file).toBe('drivers/cxl/mem.c');
    expect(c.status).toBe('answered');
    const e = c.events.find((x) => x.to === 'answered');
    expect(e?.evidence.stance).toBe('agrees');
    expect(e?.evidence.excerpt).toMatch(/^Exactly right\./);
  });

  it("Ben's renaming suggestion: answered, still under discussion", () => {
    const c = find(/renamed to something like "cxl_region_is_private\(\)"/);
    expect(c.anchor).toEqual({ file: 'drivers/cxl/core/region.c', lines: expect.any(Array) });
    expect(history(c)).toEqual(['open', 'answered', 'disputed']);
    expect(c.events[1]?.evidence.stance).toBe('explains');
    // Ben's follow-up is itself an open point in the same thread, waiting for Dan
    const follow = ledger.filter((x) => x.parentFingerprint === c.fingerprint);
    expect(follow.length).toBeGreaterThan(0);
    expect(follow.every((x) => x.status === 'open' && x.author.email === 'benjamin.cheatham@amd.com')).toBe(true);
    expect(follow.some((x) => /cxl_region_reserved_by_acclerator/.test(x.text))).toBe(true);
  });

  it("Alejandro's last mail is open: the autoremove not linked to the sfc unload, the WARN on cxl_acpi removal", () => {
    const last = ledger.filter((c) => c.messageId === '20260414154100.1-x-alucerop@amd.com');
    expect(last.length).toBeGreaterThanOrEqual(2);
    expect(last.every((c) => c.status === 'open')).toBe(true);
    expect(find(/can not see in the code a link between the autoremove functionality and that triggering the sfc driver being unload/).status).toBe('open');
    expect(find(/That will make a kernel warn at least/).status).toBe('open');
    // his first mail was answered by Dan, and he pressed the point
    const first = find(/I doubt this approach is safer than the type2 v25 case/);
    expect(history(first)).toEqual(['open', 'answered', 'disputed']);
    expect(last.every((c) => c.parentFingerprint === first.fingerprint)).toBe(true);
  });

  it("Lukas's typo and line-wrap nit: open, on the commit message of patch 4", () => {
    const c = find(/^Nit: s\/accelertor\/accelerator\/ and wrap to 72 chars$/);
    expect(c.status).toBe('open');
    expect(c.patchIndex).toBe(4);
    expect(c.anchor).toBeNull();
    expect(c.quoted).toMatch(/arranges for the accelertor driver/);
    expect(c.answers).toEqual([]);
  });

  it('keeps greetings, signatures and editorial notes out of comment text', () => {
    for (const c of ledger) {
      expect(c.text).not.toMatch(/^\[ add Lukas \]/m);
      expect(c.text).not.toMatch(/\n(Thanks,\s*\n\s*(Ben|Lukas))\s*$/);
      expect(c.text.trim()).toBe(c.text);
    }
    expect(find(/There's no link provided for \[1\]/).text).toMatch(/yadro\.com\/$/);
  });

  it('never turns the series author\'s answers into ledger items', () => {
    expect(ledger.filter((c) => c.author.email === 'dan.j.williams@intel.com')).toEqual([]);
  });

  it('counts: nothing dismissed or addressed in a single version', () => {
    const counts = Object.fromEntries(['open', 'answered', 'acknowledged', 'disputed'].map((s) => [s, ledger.filter((c) => c.status === s).length]));
    expect(counts.acknowledged).toBe(1);
    expect(counts.disputed).toBe(2);
    expect(ledger.some((c) => c.status === 'addressed' || c.status === 'dismissed')).toBe(false);
  });

  it('is deterministic: the same thread gives the same fingerprints', () => {
    expect(buildLedger(input, 'seed').map((c) => c.fingerprint)).toEqual(ledger.map((c) => c.fingerprint));
  });
});

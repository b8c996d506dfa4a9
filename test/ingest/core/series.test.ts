// Series assembly on the scenario fixtures (test/fixtures/ingest/<scenario>.mbox
// with the expected result in <scenario>.json; see the README there), in file
// order and in reversed arrival order, plus the real corpus threads.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleSeries, classify } from '../../../services/ingest/core/series.js';
import { CORPUS, FIXTURES, parsedMails, summarise } from '../helpers.js';

const scenarios = readdirSync(FIXTURES).filter((f) => f.endsWith('.mbox')).map((f) => f.replace(/\.mbox$/, ''));

describe('series assembly scenarios', () => {
  it('has the scenarios the issue lists', () => {
    expect(scenarios).toEqual(expect.arrayContaining(['cover-threaded', 'chained-no-cover', 'single-and-reply-with-diff', 'missing-parts', 'extra-parts', 'out-of-order', 'duplicate-posting', 'unthreaded', 'new-version-in-thread', 'trailers']));
  });
  for (const name of scenarios) {
    it(`${name}: matches ${name}.json`, async () => {
      const items = await parsedMails(path.join(FIXTURES, `${name}.mbox`));
      const expected = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));
      expect(summarise(items)).toEqual(expected);
    });
    it(`${name}: arrival order does not matter`, async () => {
      const items = await parsedMails(path.join(FIXTURES, `${name}.mbox`));
      expect(summarise([...items].reverse())).toEqual(summarise(items));
    });
  }
});

describe('series assembly on the corpus', () => {
  it('seed: one RFC series of 4 with cover and 9 replies', async () => {
    const a = assembleSeries(await parsedMails(path.join(CORPUS, 'cxl-region-attach-rfc.mbox')));
    expect(a.series).toHaveLength(1);
    const s = a.series[0]!;
    expect(s).toMatchObject({ title: 'cxl: Region attach for accelerators', version: 1, rfc: true, total: 4, complete: true, missing: [] });
    expect(s.patches.map((p) => p.index)).toEqual([1, 2, 3, 4]);
    expect(s.coverMessageId).toBe('20260403210050.1058650-1-dan.j.williams@intel.com');
    expect(a.replies.filter((r) => r.seriesKey === s.key)).toHaveLength(9);
    expect(s.baseCommit).toBe('ccabeb15ced4c06eeff7e35d6a54e7835d3d160a');
  });
  it('type2 v22: cover + 25 patches, replies on cover and patches 11/13/14', async () => {
    const a = assembleSeries(await parsedMails(path.join(CORPUS, 'linux-cxl-type2-v22.mbox')));
    expect(a.series).toHaveLength(1);
    expect(a.series[0]!.patches).toHaveLength(25);
    expect(a.series[0]!.version).toBe(22);
    const onPatch = new Set(a.replies.map((r) => r.patchIndex));
    expect(onPatch).toEqual(new Set([null, 11, 13, 14]));
  });
  it('mbox-event-debug v2 names v1 through "Link to v1" and shares its change-id', async () => {
    const a = assembleSeries(await parsedMails(path.join(CORPUS, 'linux-cxl-mbox-event-debug-v2.mbox')));
    expect(a.series[0]!.supersedes).toContain('20230731-cxl-fix-clear-event-debug-print-v1-1-42c068f500d1@intel.com');
    expect(a.series[0]!.changeId).toBe('20230731-cxl-fix-clear-event-debug-print-3b57da0e956c');
  });
});

describe('classify', () => {
  const item = (subject: string, diff: string | null = null) => ({ messageId: 'x@y', date: null, from: { name: '', email: 'a@b' }, subject, inReplyTo: [], references: [], body: '', diff });
  it('a reply with a diff is not a patch', () => expect(classify(item('Re: [PATCH 1/2] x', 'diff')).role).toBe('other'));
  it('a [PATCH] without counter needs a diff', () => {
    expect(classify(item('[PATCH] x')).role).toBe('other');
    expect(classify(item('[PATCH] x', 'diff')).role).toBe('patch');
  });
  it('0/N is a cover, n/N a patch, [RFC 1/4] a patch', () => {
    expect(classify(item('[PATCH net-next v2 00/10] x')).role).toBe('cover');
    expect(classify(item('[PATCH v5.1 10/12] x')).role).toBe('patch');
    expect(classify(item('[RFC 1/4] x')).role).toBe('patch');
  });
  it('a [GIT PULL] is not a patch', () => expect(classify(item('[GIT PULL] cxl for 6.9')).role).toBe('other'));
});

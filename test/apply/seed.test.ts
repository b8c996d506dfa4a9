// The seed series (test/fixtures/corpus/cxl-region-attach-rfc.mbox, 4 patches)
// against a tree whose files carry the pre-images its hunks imply. The index
// lines name the real cxl.git blobs, which this tree does not have: the base
// guess fails (reported), the apply itself succeeds, and the blob chain is
// judged from the patches' own index lines.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySeries, latestApplyRun } from '../../services/apply/apply-series.js';
import { addTree } from '../../services/apply/adapters/trees.js';
import { blobChainBreaks } from '../../services/apply/core/blobchain.js';
import { parseDiff } from '../../services/apply/core/diff.js';
import type { Db } from '../../services/db/adapters/client.js';
import { backendName, testDb } from '../helpers/db.js';
import { makeSeries } from './factories.js';
import { cleanupTmp, commit, diffOfMail, git, makeRepo } from './gitrepo.js';
import { seedBase } from './seed-tree.js';

const MBOX = readFileSync(new URL('../fixtures/corpus/cxl-region-attach-rfc.mbox', import.meta.url), 'utf8');
const mails = MBOX.split(/^From mboxrd@z .*\n/m).filter(Boolean);
const patchMail = (n: number) => mails.find((m) => m.includes(`Subject: [RFC PATCH ${n}/4]`))!;
const diffs = [1, 2, 3, 4].map((n) => diffOfMail(patchMail(n)));
const subjects = [1, 2, 3, 4].map((n) => patchMail(n).match(/^Subject: (.*)$/m)![1]!);
const BASE_COMMIT = 'ccabeb15ced4c06eeff7e35d6a54e7835d3d160a';

let repo: string;
let db: Db;
beforeAll(() => {
  repo = makeRepo(seedBase(diffs));
  git(repo, 'branch', '-m', 'main', 'for-7.1/cxl-type2-support');
});
afterAll(cleanupTmp);
// one database for the file; every test makes its own series
beforeAll(async () => {
  db = await testDb();
  const t = await addTree(db, { name: 'cxl', path: repo, branch: 'for-7.1/cxl-type2-support', lists: ['linux-cxl.vger.kernel.org'] });
  expect(t.ok).toBe(true);
}, 240_000);
afterAll(async () => db.close());

describe(`seed series cxl-region-attach-rfc (${backendName()})`, { timeout: 240_000 }, () => {
  it('the constructed tree has the files the hunks imply, with matching line numbers', () => {
    const files = git(repo, 'ls-files').trim().split('\n').sort();
    expect(files).toEqual(['drivers/cxl/core/region.c', 'drivers/cxl/mem.c', 'include/cxl/cxl.h']);
    const region = git(repo, 'show', 'HEAD:drivers/cxl/core/region.c').split('\n');
    expect(region[428 - 1]).toBe('\tif (test_bit(CXL_REGION_F_LOCK, &cxlr->flags))');
    expect(region[2771 - 1]).toBe('\tstruct cxl_region *cxlr;');
  });

  it('applies the four patches in order, cleanly, and the region.c blob chain 2→3→4 holds', async () => {
    const s = await makeSeries(db, { title: 'cxl: Region attach for accelerators', baseCommit: BASE_COMMIT, patches: diffs.map((diff, i) => ({ index: i + 1, diff, subject: subjects[i] })) });
    const r = await applySeries(db, s.seriesId);
    expect(r.ok).toBe(true);
    const run = r.ok ? r.value.run : null;
    expect(run).toMatchObject({ verdict: 'clean', firstFailing: null, tree: { name: 'cxl' }, base: { method: 'branch-head' }, blobChainBreaks: [] });
    expect(run!.base.note).toMatch(new RegExp(`base-commit ${BASE_COMMIT} is not in the tree; no commit among the last 1000 of for-7.1/cxl-type2-support has all 3 pre-image blobs`));
    expect(run!.patches.map((p) => [p.index, p.status])).toEqual([[1, 'clean'], [2, 'clean'], [3, 'clean'], [4, 'clean']]);
    expect(run!.patches[3]!.hunks.map((h) => [h.file, h.status])).toEqual([
      ['include/cxl/cxl.h', 'clean'],
      ['drivers/cxl/core/region.c', 'clean'],
      ['drivers/cxl/core/region.c', 'clean'],
      ['drivers/cxl/core/region.c', 'clean'],
    ]);
    // the chain itself, from the patches' index lines
    const region = (d: string) => parseDiff(d).files.find((f) => f.newPath === 'drivers/cxl/core/region.c')!;
    expect([region(diffs[1]!).newBlob, region(diffs[2]!).oldBlob]).toEqual(['600c96be0888', '600c96be0888']);
    expect([region(diffs[2]!).newBlob, region(diffs[3]!).oldBlob]).toEqual(['11bc0b88b05f', '11bc0b88b05f']);
    expect(await latestApplyRun(db, s.seriesId)).toMatchObject({ verdict: 'clean', patches: [{ patchId: s.patchIds[0] }, {}, {}, {}] });
  });

  it('patch 4 before patch 3: both apply with offsets, and the blob chain reports the reorder', async () => {
    const order = [diffs[0]!, diffs[1]!, diffs[3]!, diffs[2]!];
    const s = await makeSeries(db, { baseCommit: null, patches: order.map((diff, i) => ({ index: i + 1, diff })) });
    const r = await applySeries(db, s.seriesId);
    const run = r.ok ? r.value.run : null;
    expect(run!.verdict).toBe('applies-with-offsets');
    const third = run!.patches[2]!;
    expect(third.status).toBe('offset');
    expect(third.hunks.map((h) => [h.file, h.status, h.offset])).toEqual([
      ['include/cxl/cxl.h', 'clean', 0],
      ['drivers/cxl/core/region.c', 'clean', 0],
      ['drivers/cxl/core/region.c', 'offset', -3],
      ['drivers/cxl/core/region.c', 'offset', -3],
    ]);
    expect(run!.patches[3]).toMatchObject({ status: 'offset', hunks: [{ file: 'drivers/cxl/core/region.c', status: 'offset', offset: 13 }] });
    expect(run!.blobChainBreaks).toEqual([
      { file: 'drivers/cxl/core/region.c', earlier: 2, later: 3, earlierPost: '600c96be0888', laterPre: '11bc0b88b05f' },
      { file: 'drivers/cxl/core/region.c', earlier: 3, later: 4, earlierPost: '090f52392b20', laterPre: '600c96be0888' },
    ]);
  });

  it('a series that dropped patch 3 breaks the region.c chain between patches 2 and 4', () => {
    const files = (ds: string[]) => ds.map((d, i) => ({ index: i + 1, files: parseDiff(d).files }));
    expect(blobChainBreaks(files(diffs))).toEqual([]);
    expect(blobChainBreaks(files([diffs[0]!, diffs[1]!, diffs[3]!]))).toEqual([
      { file: 'drivers/cxl/core/region.c', earlier: 2, later: 3, earlierPost: '600c96be0888', laterPre: '11bc0b88b05f' },
    ]);
  });

  it('a duplicated index line in patch 2 does not change the result', async () => {
    const dup = diffs[1]!.replace(/^(index 3edb5703d6de\.\.600c96be0888 100644\n)/m, '$1$1');
    expect(dup).not.toBe(diffs[1]);
    const s = await makeSeries(db, { patches: [diffs[0]!, dup, diffs[2]!, diffs[3]!].map((diff, i) => ({ index: i + 1, diff })) });
    const r = await applySeries(db, s.seriesId);
    const run = r.ok ? r.value.run : null;
    expect(run).toMatchObject({ verdict: 'clean', blobChainBreaks: [] });
  });

  it('against a tree that already has patch 2, patch 2 is already applied and the rest applies', async () => {
    const base = git(repo, 'rev-parse', 'HEAD').trim();
    const region = git(repo, 'show', 'HEAD:drivers/cxl/core/region.c').replace('\t\treturn -EPERM;\n\n\trc = queue_reset', '\t\treturn -EBUSY;\n\n\trc = queue_reset');
    commit(repo, { 'drivers/cxl/core/region.c': region }, 'cxl/region: -EBUSY upstream');
    try {
      const s = await makeSeries(db, { patches: diffs.map((diff, i) => ({ index: i + 1, diff })) });
      const r = await applySeries(db, s.seriesId);
      const run = r.ok ? r.value.run : null;
      expect(run!.patches.map((p) => p.status)).toEqual(['clean', 'already-applied', 'clean', 'clean']);
      expect(run!.verdict).toBe('clean');
    } finally {
      git(repo, 'reset', '-q', '--hard', base);
    }
  });
});

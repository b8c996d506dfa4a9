// The whole-series fast path (one `git apply` for a series that applies) must
// give the same per-patch, per-hunk results as checking patch by patch, and
// must really be one call. A wrapper script logs every git invocation.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSeries } from '../../../services/apply/adapters/check-series.js';
import { cleanupTmp, diffOfMail, git, makeRepo, tmpDir } from '../gitrepo.js';
import { seedBase } from '../seed-tree.js';

const mails = readFileSync(new URL('../../fixtures/corpus/cxl-region-attach-rfc.mbox', import.meta.url), 'utf8').split(/^From mboxrd@z .*\n/m);
const diffs = [1, 2, 3, 4].map((n) => diffOfMail(mails.find((m) => m.includes(`[RFC PATCH ${n}/4]`))!));
let repo: string;
let wrapper: string;
let log: string;

beforeAll(() => {
  repo = makeRepo(seedBase(diffs));
  const dir = tmpDir();
  log = path.join(dir, 'calls.log');
  wrapper = path.join(dir, 'git-logged');
  writeFileSync(wrapper, `#!/bin/sh\nfor a in "$@"; do case "$a" in apply|cat-file|ls-tree|rev-list|rev-parse|update-index) echo "$a" >> '${log}';; esac; done\nexec git "$@"\n`);
  chmodSync(wrapper, 0o755);
});
afterAll(cleanupTmp);

const input = (order: number[]) => ({ baseCommit: null, patches: order.map((n, i) => ({ index: i + 1, subject: `p${n}`, diff: diffs[n - 1]! })) });
const tree = () => ({ name: 't', path: repo, branch: git(repo, 'branch', '--show-current').trim() });
const calls = () => readFileSync(log, 'utf8').split('\n').filter((l) => l === 'apply').length;

describe('whole-series fast path', () => {
  it.each([[[1, 2, 3, 4]], [[1, 2, 4, 3]]])('order %j: same results as patch by patch', async (order) => {
    const fast = await checkSeries(tree(), input(order));
    const slow = await checkSeries(tree(), input(order), { perPatch: true });
    expect(fast.patches).toEqual(slow.patches);
    expect(fast.verdict).toBe(slow.verdict);
  });

  it('a series that applies costs one git apply; a failing one falls back to patch by patch', async () => {
    writeFileSync(log, '');
    const ok = await checkSeries(tree(), input([1, 2, 3, 4]), { git: wrapper });
    expect(ok.verdict).toBe('clean');
    expect(calls()).toBe(1);
    writeFileSync(log, '');
    const broken = input([1, 2, 3, 4]);
    broken.patches[1]!.diff = broken.patches[1]!.diff.replace('-\t\treturn -EPERM;', '-\t\treturn -EACCES;');
    const bad = await checkSeries(tree(), broken, { git: wrapper });
    expect(bad.patches.map((p) => p.status)).toEqual(['clean', 'conflict', 'clean', 'clean']);
    expect(bad.patches[1]!.hunks[0]!.mismatch!.differing).toEqual([{ line: 429, expected: '\t\treturn -EACCES;', actual: '\t\treturn -EPERM;' }]);
    expect(calls()).toBeGreaterThan(4);
  });
});

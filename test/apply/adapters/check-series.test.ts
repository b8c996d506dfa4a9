// Each outcome kind of the applier, made happen in a small real repository:
// a patch is generated with format-patch from one state of the tree and
// checked against another state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSeries, type PatchInput } from '../../../services/apply/adapters/check-series.js';
import type { SeriesCheck } from '../../../services/apply/core/outcomes.js';
import { cleanupTmp, commit, fingerprint, git, lines, makeRepo, patchOf } from '../gitrepo.js';

let repo: string;
const c: Record<string, string> = {};
const p: Record<string, string> = {};
const A = lines(40);

function edit(text: string, n: number, to: string): string {
  const l = text.split('\n');
  l[n - 1] = to;
  return l.join('\n');
}

beforeAll(() => {
  repo = makeRepo({ 'a.c': A, 'b.c': lines(40, (i) => `b ${i}`), 'gone.c': lines(10), 'img.bin': '\u0000\u0001binary' });
  c.base = git(repo, 'rev-parse', 'HEAD').trim();
  // the patches, each made on top of base and then undone
  c.p1 = commit(repo, { 'a.c': edit(A, 10, 'TEN') }, 'a: ten');
  p.ten = patchOf(repo, c.p1);
  p.tenShort = patchOf(repo, c.p1, false);
  c.p2 = commit(repo, { 'a.c': edit(edit(A, 10, 'TEN'), 11, 'ELEVEN') }, 'a: eleven (needs ten)');
  p.eleven = patchOf(repo, c.p2);
  git(repo, 'reset', '-q', '--hard', c.base);
  p.gone = patchOf(repo, commit(repo, { 'gone.c': edit(lines(10), 3, 'three') }, 'gone: edit'));
  git(repo, 'reset', '-q', '--hard', c.base);
  p.newfile = patchOf(repo, commit(repo, { 'new.c': 'fresh\n' }, 'add new.c'));
  git(repo, 'reset', '-q', '--hard', c.base);
  // the tree states
  c.shifted = commit(repo, { 'a.c': lines(5, (i) => `top ${i}`) + A }, 'five lines on top');
  c.fuzzy = commit(repo, { 'a.c': lines(5, (i) => `top ${i}`) + edit(A, 8, 'eight') }, 'context line 8 changed');
  c.conflict = commit(repo, { 'a.c': edit(A, 10, 'ZEHN') }, 'line 10 changed differently');
  c.merged = commit(repo, { 'a.c': edit(edit(A, 8, 'eight'), 12, 'twelve') }, 'context lines 8 and 12 changed');
  c.applied = commit(repo, { 'a.c': edit(A, 10, 'TEN') }, 'already has ten');
  c.nogone = commit(repo, { 'gone.c': null, 'new.c': 'other\n' }, 'gone.c removed, new.c exists');
});
afterAll(cleanupTmp);

const tree = () => ({ name: 't', path: repo, branch: 'main' });
const one = (diff: string, index = 1): PatchInput => ({ index, subject: `patch ${index}`, diff });
const check = (base: string, patches: PatchInput[]): Promise<SeriesCheck> => checkSeries(tree(), { baseCommit: base, patches });

/** the diff with its index line blobs made up, so no 3-way merge is possible */
const unknownBlobs = (d: string) => d.replace(/^index [0-9a-f]+\.\.[0-9a-f]+/m, 'index 1234567..89abcde');

describe('checkSeries outcomes', () => {
  it('clean: applies where the header says', async () => {
    const r = await check(c.base!, [one(p.ten!)]);
    expect(r.base).toEqual({ commit: c.base, method: 'base-commit', note: null });
    expect(r.verdict).toBe('clean');
    expect(r.patches[0]!.hunks).toEqual([expect.objectContaining({ file: 'a.c', status: 'clean', appliedAt: 7, offset: 0 })]);
  });

  it('offset: applies five lines further down', async () => {
    const r = await check(c.shifted!, [one(p.ten!)]);
    expect(r.verdict).toBe('applies-with-offsets');
    expect(r.patches[0]).toMatchObject({ status: 'offset', hunks: [{ status: 'offset', offset: 5, appliedAt: 12 }] });
  });

  it('fuzz: a context line changed and no 3-way merge is possible', async () => {
    const r = await check(c.fuzzy!, [one(unknownBlobs(p.ten!))]);
    expect(r.verdict).toBe('applies-with-fuzz');
    expect(r.patches[0]).toMatchObject({ status: 'fuzz', hunks: [{ status: 'fuzz', fuzz: 2, offset: 5, appliedAt: 12 }] });
  });

  it('three-way: context changed on both sides, the merge against the pre-image blob is clean', async () => {
    const r = await check(c.merged!, [one(p.ten!)]);
    expect(r.verdict).toBe('applies-with-3way');
    expect(r.patches[0]!.status).toBe('three-way');
    expect(r.patches[0]!.hunks[0]).toMatchObject({ status: 'conflict', mismatch: { expectedAt: 7, differingCount: 2 } });
    expect(r.patches[0]!.reason).toMatch(/3-way merge .* is clean/);
    // format-patch's usual abbreviated index lines are enough for the merge
    expect(p.tenShort).toMatch(/^index [0-9a-f]{7,12}\.\.[0-9a-f]{7,12} 100644$/m);
    expect((await check(c.merged!, [one(p.tenShort!)])).patches[0]!.status).toBe('three-way');
  });

  it('conflict: names the hunk, the lines that do not match and what the tree has', async () => {
    const r = await check(c.conflict!, [one(p.ten!)]);
    expect(r).toMatchObject({ verdict: 'fails', firstFailing: 1 });
    const h = r.patches[0]!.hunks[0]!;
    expect(h).toMatchObject({ file: 'a.c', hunk: 1, header: '@@ -7,7 +7,7 @@ line 6', status: 'conflict' });
    expect(h.mismatch).toMatchObject({ expectedAt: 7, differingCount: 1, differing: [{ line: 10, expected: 'line 10', actual: 'ZEHN' }] });
    expect(h.mismatch!.treeHas).toContain('ZEHN');
    expect(r.patches[0]!.reason).toBe('hunk 1 of a.c (@@ -7,7 +7,7 @@) does not match at line 7: 1 of 7 lines differ');
  });

  it('already-applied: the reverse applies', async () => {
    const r = await check(c.applied!, [one(p.ten!)]);
    expect(r.verdict).toBe('already-applied');
    expect(r.patches[0]!.status).toBe('already-applied');
  });

  it('file-missing and an existing file for a new-file patch', async () => {
    const r = await check(c.nogone!, [one(p.gone!, 1), one(p.newfile!, 2)]);
    expect(r.patches[0]).toMatchObject({ status: 'file-missing', hunks: [{ file: 'gone.c', status: 'file-missing' }], reason: 'gone.c does not exist in the tree' });
    expect(r.patches[1]).toMatchObject({ status: 'conflict', hunks: [{ file: 'new.c', status: 'file-exists' }] });
  });

  it('conflict on a deletion: the file in the tree is not what the patch deletes', async () => {
    git(repo, 'checkout', '-q', '-b', 'del', c.base!);
    const del = patchOf(repo, commit(repo, { 'gone.c': null }, 'delete gone.c'));
    git(repo, 'reset', '-q', '--hard', c.base!);
    const changed = commit(repo, { 'gone.c': lines(10).replace('line 4\n', 'LINE 4\n') }, 'gone.c edited');
    git(repo, 'checkout', '-q', 'main');
    const r = await check(changed, [one(unknownBlobs(del))]);
    expect(r.patches[0]).toMatchObject({ status: 'conflict', hunks: [{ file: 'gone.c', status: 'conflict', mismatch: { expectedAt: 1, differing: [{ line: 4, expected: 'line 4', actual: 'LINE 4' }] } }] });
  });

  it('depends-on-failed: a later patch needs the failed one', async () => {
    const r = await check(c.conflict!, [one(p.ten!, 1), one(p.eleven!, 2)]);
    expect(r.patches.map((x) => x.status)).toEqual(['conflict', 'depends-on-failed']);
    expect(r.patches[1]!.dependsOn).toEqual([1]);
    expect(r.firstFailing).toBe(1);
  });

  it('a series applies in order: the second patch sees the first', async () => {
    const r = await check(c.base!, [one(p.ten!, 1), one(p.eleven!, 2)]);
    expect(r.patches.map((x) => x.status)).toEqual(['clean', 'clean']);
    expect(r.blobChainBreaks).toEqual([]);
  });

  it('binary: a binary change without data', async () => {
    git(repo, 'checkout', '-q', '-b', 'bin', c.base!);
    const id = commit(repo, { 'img.bin': '\u0000\u0002other' }, 'binary change');
    const noData = git(repo, 'format-patch', '-1', '--stdout', '--no-binary', id);
    const withData = patchOf(repo, id);
    git(repo, 'checkout', '-q', 'main');
    const r = await check(c.base!, [one(noData.slice(noData.indexOf('diff --git')), 1)]);
    expect(r.patches[0]).toMatchObject({ status: 'binary', hunks: [{ file: 'img.bin', status: 'binary' }] });
    const ok = await check(c.base!, [one(withData, 1)]);
    expect(ok.patches[0]!.status).toBe('clean');
  });

  it('malformed: git says the patch is corrupt', async () => {
    const r = await check(c.base!, [one('diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,3 +1,3 @@\n-line 1\n+x\n')]);
    expect(r.patches[0]!.status).toBe('malformed');
    const miscounted = p.ten!.replace('@@ -7,7 +7,7 @@', '@@ -7,8 +7,8 @@');
    const m = await check(c.base!, [one(miscounted)]);
    expect(m.patches[0]).toMatchObject({ status: 'malformed' });
    expect(m.patches[0]!.reason).toMatch(/would apply with git apply --recount/);
    const none = await check(c.base!, [one('just words\n')]);
    expect(none.patches[0]).toMatchObject({ status: 'malformed', reason: 'no file changes found in the diff' });
  });

  it('base: a base-commit the tree lacks is reported, then the guess finds the base', async () => {
    const r = await check('ccabeb15ced4c06eeff7e35d6a54e7835d3d160a', [one(p.ten!)]);
    expect(r.base.method).toBe('guess');
    expect(r.base.note).toMatch(/base-commit ccabeb15ced4c06eeff7e35d6a54e7835d3d160a is not in the tree/);
    // newest commit whose a.c is the pre-image blob: "already has ten" restored nothing, so base or earlier
    const blob = git(repo, 'rev-parse', `${r.base.commit}:a.c`).trim();
    expect(blob).toBe(git(repo, 'rev-parse', `${c.base}:a.c`).trim());
    expect(r.verdict).toBe('clean');
  });

  it('base: with no usable index lines the branch head is used, and says why', async () => {
    const r = await checkSeries(tree(), { baseCommit: null, patches: [one(unknownBlobs(p.ten!))] });
    expect(r.base.method).toBe('branch-head');
    expect(r.base.commit).toBe(git(repo, 'rev-parse', 'main').trim());
    expect(r.base.note).toMatch(/no commit among the last 1000 of main has all 1 pre-image blobs/);
  });

  it('no tree: says so, nothing fails', async () => {
    const r = await checkSeries(null, { baseCommit: null, patches: [one(p.ten!)] });
    expect(r).toMatchObject({ verdict: 'no-tree', patches: [], error: null });
  });

  it('never changes the checkout, index, HEAD, refs or object store, also with several checks at once', async () => {
    git(repo, 'checkout', '-q', 'main');
    const before = fingerprint(repo);
    const runs = await Promise.all([
      check(c.conflict!, [one(p.ten!, 1), one(p.eleven!, 2)]),
      check(c.merged!, [one(p.ten!)]),
      check(c.fuzzy!, [one(unknownBlobs(p.ten!))]),
      check(c.base!, [one(p.ten!, 1), one(p.eleven!, 2)]),
      check(c.merged!, [one(p.ten!)]),
    ]);
    expect(runs.map((r) => r.verdict)).toEqual(['fails', 'applies-with-3way', 'applies-with-fuzz', 'clean', 'applies-with-3way']);
    expect(fingerprint(repo)).toBe(before);
  });
});

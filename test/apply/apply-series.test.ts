// applySeries / latestApplyRun / recheckTree against the database: stored runs
// (ApplyRun, PatchApplyResult per patch, an Event), tree choice (database and
// environment), reuse of an unchanged run, re-check after a new tree commit,
// no tree, git failure, and series lookup by id or Message-ID.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applySeries, findSeriesId, latestApplyRun, recheckTree } from '../../services/apply/apply-series.js';
import { addTree, envTrees, listTrees, removeTree, treeFor } from '../../services/apply/adapters/trees.js';
import type { Db } from '../../services/db/adapters/client.js';
import { backendName, testDb } from '../helpers/db.js';
import { makeList, makeSeries } from './factories.js';
import { cleanupTmp, commit, git, lines, makeRepo, patchOf } from './gitrepo.js';

let repo: string;
let base: string;
let ten: string;
let db: Db;
const LIST = 'linux-cxl.vger.kernel.org';

beforeAll(() => {
  repo = makeRepo({ 'a.c': lines(30) });
  base = git(repo, 'rev-parse', 'HEAD').trim();
  ten = patchOf(repo, commit(repo, { 'a.c': lines(30).replace('line 10\n', 'TEN\n') }, 'ten'));
  git(repo, 'reset', '-q', '--hard', base);
});
afterAll(() => cleanupTmp());
// one database for the file (a fresh one per test is slow on a loaded machine); emptied after each test
beforeAll(async () => {
  db = await testDb();
}, 240_000);
afterAll(async () => db.close());
afterEach(async () => {
  for (const k of Object.keys(process.env)) if (k.startsWith('PATCHLENS_TREE_')) delete process.env[k];
  await db.prisma.series.deleteMany();
  await db.prisma.message.deleteMany();
  await db.prisma.tree.deleteMany();
  await db.prisma.mailingList.deleteMany();
  await db.prisma.event.deleteMany();
});

describe(`applySeries (${backendName()})`, { timeout: 240_000 }, () => {
  it('stores a run with per-patch and per-hunk results and an event; reuses it while nothing changes', async () => {
    await addTree(db, { name: 'cxl', path: repo, branch: 'main', lists: [LIST] });
    const s = await makeSeries(db, { patches: [{ index: 1, diff: ten }] });
    const first = await applySeries(db, s.seriesId);
    expect(first).toMatchObject({ ok: true, value: { reused: false, run: { verdict: 'clean', tree: { name: 'cxl', branch: 'main' }, treeHead: base, base: { method: 'guess', commit: base } } } });
    const rows = await db.prisma.patchApplyResult.findMany({ where: { patchId: s.patchIds[0] } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('clean');
    expect(rows[0]!.detail).toMatchObject({ index: 1, hunks: [{ file: 'a.c', status: 'clean', appliedAt: 7 }] });
    expect(await db.prisma.event.count({ where: { kind: 'apply.run', subjectId: s.seriesId } })).toBe(1);

    const again = await applySeries(db, s.seriesId);
    expect(again).toMatchObject({ ok: true, value: { reused: true } });
    expect(await db.prisma.applyRun.count({ where: { seriesId: s.seriesId } })).toBe(1);
    const forced = await applySeries(db, s.seriesId, { recheck: true });
    expect(forced).toMatchObject({ ok: true, value: { reused: false } });
    expect(await db.prisma.applyRun.count({ where: { seriesId: s.seriesId } })).toBe(2);
  });

  it('re-checks after a new tree commit (applySeries and recheckTree)', async () => {
    await addTree(db, { name: 'cxl', path: repo, branch: 'main', lists: [LIST] });
    const s = await makeSeries(db, { patches: [{ index: 1, diff: ten }] });
    await applySeries(db, s.seriesId);
    // without usable index lines the base is the branch head, which moves
    const other = await makeSeries(db, { patches: [{ index: 1, diff: ten.replace(/^index \S+/m, 'index 1234567..89abcde') }] });
    await applySeries(db, other.seriesId);
    const up = await recheckTree(db, 'cxl');
    expect(up).toMatchObject({ tree: 'cxl', head: base, checked: [], upToDate: 2 });
    const moved = commit(repo, { 'a.c': lines(30).replace('line 10\n', 'ZEHN\n') }, 'tree moves on');
    try {
      const r = await recheckTree(db, 'cxl');
      // newest series first: the one on the branch head now fails; the other still finds its base by the guess
      expect(r!.checked).toEqual([{ seriesId: other.seriesId, verdict: 'fails' }, { seriesId: s.seriesId, verdict: 'clean' }]);
      expect(await latestApplyRun(db, s.seriesId)).toMatchObject({ treeHead: moved, base: { method: 'guess', commit: base } });
      const last = await latestApplyRun(db, other.seriesId);
      expect(last).toMatchObject({ treeHead: moved, verdict: 'fails', firstFailing: 1, base: { method: 'branch-head', commit: moved } });
      expect(last!.patches[0]!.hunks[0]!.mismatch!.differing).toEqual([{ line: 10, expected: 'line 10', actual: 'ZEHN' }]);
    } finally {
      git(repo, 'reset', '-q', '--hard', base);
    }
  });

  it('no tree for the list: a no-tree run that says so; a named tree that does not exist likewise', async () => {
    const s = await makeSeries(db, { listId: 'netdev.vger.kernel.org', patches: [{ index: 1, diff: ten }] });
    const r = await applySeries(db, s.seriesId);
    expect(r).toMatchObject({ ok: true, value: { run: { verdict: 'no-tree', tree: null, error: 'no tree is configured for list netdev.vger.kernel.org', patches: [] } } });
    const named = await applySeries(db, s.seriesId, { tree: 'nope' });
    expect(named).toMatchObject({ ok: true, value: { run: { verdict: 'no-tree', error: 'tree nope is not configured' } } });
    expect(await applySeries(db, 999999)).toEqual({ ok: false, code: 'PL_ERR_NOT_FOUND', reason: 'series 999999 not found' });
  });

  it('a git failure is a stored error run with its reason', async () => {
    await addTree(db, { name: 'cxl', path: repo, branch: 'main', lists: [LIST] });
    const s = await makeSeries(db, { patches: [{ index: 1, diff: ten }] });
    const r = await applySeries(db, s.seriesId, { git: '/nonexistent/git' });
    expect(r).toMatchObject({ ok: true, value: { run: { verdict: 'error' } } });
    expect((await latestApplyRun(db, s.seriesId))!.error).toMatch(/not found/);
  });

  it('trees from the environment: a list mapping picks the tree, and the run records it', async () => {
    process.env.PATCHLENS_TREE_CXL_NEXT = `${repo}:main`;
    process.env.PATCHLENS_TREE_LIST_LINUX_CXL_VGER_KERNEL_ORG = 'cxl-next';
    expect(envTrees()).toEqual([{ id: null, source: 'env', name: 'cxl-next', path: repo, branch: 'main', lists: ['LINUX_CXL_VGER_KERNEL_ORG'] }]);
    const s = await makeSeries(db, { patches: [{ index: 1, diff: ten }] });
    const list = await makeList(db, LIST);
    expect(await treeFor(db, { listRowId: list.id, listId: LIST })).toMatchObject({ name: 'cxl-next', source: 'env' });
    const r = await applySeries(db, s.seriesId);
    expect(r).toMatchObject({ ok: true, value: { run: { verdict: 'clean', tree: { name: 'cxl-next', path: repo } } } });
    expect(await db.prisma.tree.findUnique({ where: { name: 'cxl-next' } })).toMatchObject({ path: repo, branch: 'main' });
    expect((await recheckTree(db, 'cxl-next'))!.upToDate).toBe(1);
  });

  it('tree add validates, lists and removes', async () => {
    expect(await addTree(db, { name: 'Bad Name', path: repo, branch: 'main', lists: [] })).toMatchObject({ ok: false, field: 'name' });
    expect(await addTree(db, { name: 'x', path: repo, branch: '--evil', lists: [] })).toMatchObject({ ok: false, field: 'branch' });
    expect(await addTree(db, { name: 'x', path: '/nonexistent/tree', branch: 'main', lists: [] })).toMatchObject({ ok: false, field: 'path' });
    expect(await addTree(db, { name: 'x', path: repo, branch: 'nosuch', lists: [] })).toMatchObject({ ok: false, field: 'branch' });
    expect(await addTree(db, { name: 'x', path: repo, branch: 'main', lists: [LIST, 'other.example.org'] })).toMatchObject({ ok: true, value: { lists: [LIST, 'other.example.org'] } });
    expect((await listTrees(db)).map((t) => [t.name, t.source])).toEqual([['x', 'db']]);
    expect(await removeTree(db, 'x')).toBe(true);
    expect(await removeTree(db, 'x')).toBe(false);
    expect(await listTrees(db)).toEqual([]);
  });

  it('finds a series by id, by the Message-ID of its cover or of a patch', async () => {
    const s = await makeSeries(db, { coverMessageId: 'cover-find@example.org', patches: [{ index: 1, diff: ten, messageId: 'patch-find@example.org' }] });
    expect(await findSeriesId(db, String(s.seriesId))).toBe(s.seriesId);
    expect(await findSeriesId(db, '<cover-find@example.org>')).toBe(s.seriesId);
    expect(await findSeriesId(db, 'patch-find@example.org')).toBe(s.seriesId);
    expect(await findSeriesId(db, 'nothing@example.org')).toBeNull();
  });
});

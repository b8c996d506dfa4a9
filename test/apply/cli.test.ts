// End to end through the command line: `patchlens ingest` the seed mbox,
// `patchlens tree add`, then `patchlens apply` by Message-ID (text and JSON),
// `tree list`, `apply --show`, and the exit code for an unknown series. Runs on
// an embedded database in a temporary data directory (the CLI opens its own).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../services/cli/main.js';
import { cleanupTmp, diffOfMail, git, makeRepo, tmpDir } from './gitrepo.js';
import { seedBase } from './seed-tree.js';

const MBOX = new URL('../fixtures/corpus/cxl-region-attach-rfc.mbox', import.meta.url);
const COVER = '20260403210050.1058650-1-dan.j.williams@intel.com';
const PATCH3 = '20260403210050.1058650-4-dan.j.williams@intel.com';
const saved = { DATABASE_URL: process.env.DATABASE_URL, PATCHLENS_DATA_DIR: process.env.PATCHLENS_DATA_DIR };
let repo: string;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

beforeAll(() => {
  delete process.env.DATABASE_URL;
  process.env.PATCHLENS_DATA_DIR = path.join(tmpDir('patchlens-cli-'), 'data');
  const mails = readFileSync(MBOX, 'utf8').split(/^From mboxrd@z .*\n/m);
  const diffs = [1, 2, 3, 4].map((n) => diffOfMail(mails.find((m) => m.includes(`[RFC PATCH ${n}/4]`))!));
  repo = makeRepo(seedBase(diffs));
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  cleanupTmp();
});

describe('patchlens ingest + tree + apply', () => {
  it('checks the ingested seed series against a configured tree', async () => {
    const before = git(repo, 'status', '--porcelain') + git(repo, 'rev-parse', 'HEAD');
    expect((await cli('ingest', '--list', 'linux-cxl.vger.kernel.org', MBOX.pathname)).code).toBe(0);
    const add = await cli('tree', 'add', 'cxl', repo, '--branch', 'main', '--list', 'linux-cxl.vger.kernel.org');
    expect(add).toMatchObject({ code: 0 });
    expect(add.out).toMatch(/tree cxl: .* branch main; lists: linux-cxl.vger.kernel.org/);
    expect((await cli('tree', 'list')).out).toMatch(/^cxl\t.*\tmain\tdb\tlinux-cxl.vger.kernel.org$/m);

    const text = await cli('apply', `<${COVER}>`);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/verdict: clean/);
    expect(text.out).toMatch(/base: [0-9a-f]{12} \(branch-head\) — base-commit ccabeb15ced4c06eeff7e35d6a54e7835d3d160a is not in the tree/);
    expect(text.out).toMatch(/\[4\/4\] clean +cxl\/region: Introduce cxl_memdev_attach_region/);
    expect(text.out).toMatch(/blob chain: consistent/);

    const json = await cli('apply', PATCH3, '--json');
    const run = JSON.parse(json.out);
    expect(run).toMatchObject({ reused: true, verdict: 'clean', tree: { name: 'cxl' } });
    expect(run.patches.map((p: { status: string }) => p.status)).toEqual(['clean', 'clean', 'clean', 'clean']);
    expect(run.patches[3].hunks).toHaveLength(4);

    const re = JSON.parse((await cli('apply', PATCH3, '--json', '--recheck')).out);
    expect(re).toMatchObject({ reused: false, verdict: 'clean' });
    expect(re.id).toBeGreaterThan(run.id);
    expect((await cli('apply', COVER, '--show')).out).toMatch(new RegExp(`run ${re.id} at`));
    expect(git(repo, 'status', '--porcelain') + git(repo, 'rev-parse', 'HEAD')).toBe(before);
  }, 600_000); // the first command creates the embedded database on disk: slow on a loaded machine

  it('an unknown series is exit code 1 with the catalogue code', async () => {
    const r = await cli('apply', 'nothing@example.org');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/PL_ERR_NOT_FOUND: series nothing@example.org not found/);
  }, 120_000);

  it('exit code 1 when a patch does not apply, 2 when git cannot run', async () => {
    const other = makeRepo({ 'README': 'not the cxl tree\n' });
    expect((await cli('tree', 'add', 'other', other, '--branch', 'main')).code).toBe(0);
    const fails = await cli('apply', COVER, '--tree', 'other');
    expect(fails.code).toBe(1);
    expect(fails.out).toMatch(/verdict: fails .*first failing patch: 1/);
    expect(fails.out).toMatch(/\[1\/4\] file-missing +cxl\/mem: Add support to cleanly continue after attach/);
    expect((await cli('tree', 'add', 'gone', '/nonexistent/patchlens-tree', '--branch', 'main', '--no-verify')).code).toBe(0);
    const broken = await cli('apply', COVER, '--tree', 'gone');
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/PL_ERR_GIT: \/nonexistent\/patchlens-tree does not exist/);
    expect((await cli('tree', 'add', 'bad', other, '--branch', 'no-such-branch')).code).toBe(1);
  }, 240_000);

  it('a series of a list without a tree says so plainly', async () => {
    expect((await cli('tree', 'remove', 'cxl')).code).toBe(0);
    const r = await cli('apply', COVER, '--recheck');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/verdict: no-tree/);
    expect(r.out).toMatch(/note: no tree is configured for list linux-cxl.vger.kernel.org/);
  }, 120_000);
});

// The CLI contract through the real binary (child processes), on the back end
// of this run: `ingest --json` shapes and exit codes, `errors`, `series
// list/show/mbox/link/unlink`, `main`; and `git am` of `series mbox` on a
// repository built here with git format-patch.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CORPUS } from '../helpers.js';
import { cliBackend, scratch, type CliBackend } from './backend.js';

const SEED = path.join(CORPUS, 'cxl-region-attach-rfc.mbox');
const V1 = path.join(CORPUS, 'linux-cxl-mbox-event-debug-v1.mbox');
const V2 = path.join(CORPUS, 'linux-cxl-mbox-event-debug-v2.mbox');
// each CLI run boots the database in a child process: slow on a loaded machine
vi.setConfig({ testTimeout: 900_000 });

const SERIES_KEYS = ['id', 'title', 'version', 'rfc', 'total', 'received', 'complete', 'missing', 'cover', 'patches', 'replies', 'previous', 'next', 'baseCommit', 'dependsOn'];

let cli: CliBackend;
const dirs: string[] = [];
beforeAll(async () => {
  cli = await cliBackend();
});
afterAll(async () => {
  await cli.cleanup();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function json(args: string[]): Promise<unknown> {
  const r = await cli.run(args);
  if (r.code !== 0) throw new Error(`${args.join(' ')} → ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('patchlens CLI', () => {
  it('ingest --json: summary object, exit 0, then all duplicates', async () => {
    const first = await cli.run(['ingest', SEED, '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ messages: 14, stored: 14, duplicates: 0, errors: [] });
    const again = await cli.run(['ingest', SEED, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ messages: 14, stored: 0, duplicates: 14, errors: [] });
  });

  it('series list/show --json follow the contract', async () => {
    const list = (await json(['series', 'list', '--json'])) as Record<string, unknown>[];
    expect(list).toHaveLength(1);
    const s = list[0]!;
    expect(Object.keys(s)).toEqual(expect.arrayContaining(SERIES_KEYS));
    expect(s).toMatchObject({ title: 'cxl: Region attach for accelerators', version: 1, rfc: true, total: 4, received: 4, complete: true, missing: [], replies: 9, previous: null, next: null, dependsOn: [] });
    const patch = (s.patches as Record<string, unknown>[])[0]!;
    expect(patch).toMatchObject({ messageId: '20260403210050.1058650-2-dan.j.williams@intel.com', index: 1, author: { name: 'Dan Williams', email: 'dan.j.williams@intel.com' }, files: ['drivers/cxl/mem.c'] });
    expect(patch.trailers).toEqual(['Signed-off-by: Dan Williams <dan.j.williams@intel.com>']);
    for (const ref of [String(s.id), '20260403210050.1058650-1-dan.j.williams@intel.com', '<20260403210050.1058650-4-dan.j.williams@intel.com>']) {
      expect(((await json(['series', 'show', ref, '--json'])) as { id: number }).id).toBe(s.id);
    }
    const missing = await cli.run(['series', 'show', 'no-such@example.org', '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/PL_ERR_NOT_FOUND/);
  });

  it('exit 2 when the source cannot be read, exit 1 with rejected messages listed by `errors`', async () => {
    expect((await cli.run(['ingest', '/no/such/file.mbox', '--json'])).code).toBe(2);
    const dir = scratch('pl-bad-');
    dirs.push(dir);
    const bad = path.join(dir, 'bad.mbox');
    writeFileSync(bad, `From mboxrd@z Thu Jan  1 00:00:00 1970\n\nno headers at all\n\n${readFileSync(V1, 'latin1').split(/\n(?=From mboxrd@z)/)[0]}\n`, 'latin1');
    const r = await cli.run(['ingest', bad, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { messages: number; stored: number; errors: { source: string; position: string; messageId: string | null; reason: string }[] };
    expect(out.messages).toBe(2);
    expect(out.stored).toBe(1);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatchObject({ source: bad, messageId: null });
    const listed = (await json(['errors', '--json'])) as unknown[];
    expect(listed).toContainEqual(out.errors[0]);
  });

  it('links v2 to v1 and lets a maintainer unlink and relink', async () => {
    expect((await cli.run(['ingest', V2, '--json'])).code).toBe(0);
    expect((await cli.run(['ingest', V1, '--json'])).code).toBe(0);
    const v2 = (await json(['series', 'show', '20230731-cxl-fix-clear-event-debug-print-v2-1-9bdd08d386e9@intel.com', '--json'])) as { id: number; previous: number | null };
    const v1 = (await json(['series', 'show', '20230731-cxl-fix-clear-event-debug-print-v1-1-42c068f500d1@intel.com', '--json'])) as { id: number; next: number | null };
    expect(v2.previous).toBe(v1.id);
    expect(v1.next).toBe(v2.id);
    expect((await cli.run(['series', 'unlink', String(v2.id)])).code).toBe(0);
    expect(((await json(['series', 'show', String(v2.id), '--json'])) as { previous: number | null }).previous).toBeNull();
    expect((await cli.run(['series', 'link', String(v2.id), String(v2.id)])).code).toBe(1);
    expect((await cli.run(['series', 'link', String(v2.id), String(v1.id)])).code).toBe(0);
    expect(((await json(['series', 'show', String(v2.id), '--json'])) as { previous: number | null }).previous).toBe(v1.id);
  });

  it('main prints the series found in the shipped corpus', async () => {
    const r = await cli.run(['main', '--no-serve']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[RFC\] cxl: Region attach for accelerators v1, 4\/4 complete, cover yes, 9 replies/);
    expect(r.stdout).toMatch(/Type2 device basic support v22, 25\/25 complete/);
  });
});

describe('series mbox | git am', () => {
  it('applies on the tree the series was made from, with collected trailers and Link:', async () => {
    const repo = scratch('pl-am-');
    dirs.push(repo);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Ann Author', GIT_AUTHOR_EMAIL: 'ann@example.org', GIT_COMMITTER_NAME: 'Ann Author', GIT_COMMITTER_EMAIL: 'ann@example.org', GIT_AUTHOR_DATE: '1700000000 +0000', GIT_COMMITTER_DATE: '1700000000 +0000' } });
    git('init', '-q', '-b', 'main');
    writeFileSync(path.join(repo, 'f.c'), 'int a;\nint b;\nint c;\n');
    git('add', 'f.c');
    git('commit', '-q', '-m', 'base');
    writeFileSync(path.join(repo, 'f.c'), 'int a;\nint B;\nint c;\n');
    git('commit', '-q', '-am', 'f: rename b\n\nBecause.\n\nSigned-off-by: Ann Author <ann@example.org>');
    writeFileSync(path.join(repo, 'g.c'), 'new file\n');
    git('add', 'g.c');
    git('commit', '-q', '-m', 'g: add\n\nSigned-off-by: Ann Author <ann@example.org>');
    git('format-patch', '-q', '--cover-letter', '--thread', '-o', 'out', 'HEAD~2');
    const files = readdirSync(path.join(repo, 'out')).sort().map((f) => path.join(repo, 'out', f));
    const mbox = path.join(repo, 'series.mbox');
    writeFileSync(mbox, '');
    for (const f of files) appendFileSync(mbox, readFileSync(f, 'utf8').replace('*** SUBJECT HERE ***', 'f and g') + '\n');
    const coverId = /Message-ID: <([^>]+)>/i.exec(readFileSync(files[0]!, 'utf8'))![1]!;
    appendFileSync(mbox, `From rita Mon Sep 17 00:00:00 2001\nFrom: Rita Reviewer <rita@example.net>\nSubject: Re: [PATCH 0/2] f and g\nDate: Wed, 15 Nov 2023 00:00:00 +0000\nMessage-ID: <rita-review@example.net>\nIn-Reply-To: <${coverId}>\nReferences: <${coverId}>\n\nReviewed-by: Rita Reviewer <rita@example.net>\n\n`);
    expect((await cli.run(['ingest', mbox, '--list', 'am.example.org', '--json'])).code).toBe(0);
    const out = path.join(repo, 'am.mbox');
    expect((await cli.run(['series', 'mbox', coverId, '-o', out])).code).toBe(0);
    git('reset', '-q', '--hard', 'HEAD~2');
    git('am', '-q', out);
    expect(readFileSync(path.join(repo, 'f.c'), 'utf8')).toBe('int a;\nint B;\nint c;\n');
    const log = git('log', '--format=%B%x00', '-2');
    expect(log).toContain('Reviewed-by: Rita Reviewer <rita@example.net>');
    expect(log).toMatch(/Link: https:\/\/patch\.msgid\.link\/\S+/);
    expect(git('log', '--format=%s', '-2').trim().split('\n')).toEqual(['g: add', 'f: rename b']);
  });
});

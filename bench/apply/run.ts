// Apply benchmark.   Run:  npx tsx bench/apply/run.ts [--files 8000,80000] [--commits 3000] [--patches 30] [--runs 7]
//
// Builds, with git fast-import, one repository per file count (same history
// depth), generates a 30-patch series on top of the branch head with
// format-patch, and times:
//   - patchlens checkSeries (scratch index of the touched paths, base guess over
//     the last 1000 commits, per-patch apply), median of --runs runs, the
//     repositories interleaved so machine load hits all sizes alike;
//   - the classic way: `git worktree add` of a fresh worktree, then `git am`.
// The point: the patchlens check does not grow with the number of files in the
// tree; a fresh worktree does. Repositories live in a temporary folder that is
// removed at the end (set KEEP=1 to keep them).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkSeries } from '../../services/apply/adapters/check-series.js';

const ENV = { ...process.env, GIT_AUTHOR_NAME: 'B', GIT_AUTHOR_EMAIL: 'b@example.org', GIT_COMMITTER_NAME: 'B', GIT_COMMITTER_EMAIL: 'b@example.org', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
}

function filePath(i: number): string {
  const dir = Math.floor(i / 100);
  return `drivers/d${String(Math.floor(dir / 20)).padStart(3, '0')}/s${String(dir % 20).padStart(2, '0')}/f${String(i).padStart(6, '0')}.c`;
}

/** Content of file i at version v: 8 small functions, every line unique to the file. */
function content(i: number, v: number, edits: Map<number, string> = new Map()): string {
  const out = [`/* ${filePath(i)} version ${v} */`, '#include <linux/kernel.h>', ''];
  for (let f = 0; f < 8; f++) {
    out.push(`static int fn_${i}_${f}(int x)`, '{', `\treturn x + ${f} + ${i};`, '}', '');
  }
  for (const [line, text] of edits) out[line] = text;
  return out.join('\n') + '\n';
}

/** A fast-import stream writer with back-pressure. */
class Importer {
  private child;
  private mark = 0;
  constructor(repo: string) {
    this.child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: repo, env: ENV, stdio: ['pipe', 'inherit', 'inherit'] });
  }
  async write(s: string): Promise<void> {
    if (!this.child.stdin.write(s)) await new Promise((r) => this.child.stdin.once('drain', r));
  }
  async commit(ref: string, msg: string, files: Map<string, string>, from: string | null, t: number): Promise<void> {
    this.mark++;
    let s = `commit ${ref}\nmark :${this.mark}\ncommitter B <b@example.org> ${1_700_000_000 + t} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}\n`;
    if (from) s += `from ${from}\n`;
    await this.write(s);
    for (const [p, c] of files) await this.write(`M 100644 inline ${p}\ndata ${Buffer.byteLength(c)}\n${c}\n`);
    await this.write('\n');
  }
  async done(): Promise<void> {
    await this.write('done\n');
    this.child.stdin.end();
    await new Promise<void>((res, rej) => this.child.on('exit', (code) => (code === 0 ? res() : rej(new Error(`fast-import exited ${code}`)))));
  }
}

/** A repository with `files` files and `commits` commits of history on main, plus a `series` branch of `patches` commits. */
async function buildRepo(dir: string, files: number, commits: number, patches: number): Promise<void> {
  git(dir, 'init', '-q', '-b', 'main');
  const imp = new Importer(dir);
  const version = new Map<number, number>();
  const all = new Map<string, string>();
  for (let i = 0; i < files; i++) all.set(filePath(i), content(i, 0));
  await imp.commit('refs/heads/main', 'initial import\n', all, null, 0);
  let seed = 12345;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  for (let c = 1; c < commits; c++) {
    const changed = new Map<string, string>();
    for (let k = 0; k < 3; k++) {
      const i = rnd(files);
      const v = (version.get(i) ?? 0) + 1;
      version.set(i, v);
      changed.set(filePath(i), content(i, v));
    }
    await imp.commit('refs/heads/main', `change ${c}\n`, changed, null, c);
  }
  // the series: each patch edits two lines in each of 1-3 files (two hunks per file)
  const edits = new Map<number, Map<number, string>>();
  for (let p = 1; p <= patches; p++) {
    const changed = new Map<string, string>();
    for (let k = 0; k <= p % 3; k++) {
      const i = (p * 7919 + k * 104729) % files;
      const e = edits.get(i) ?? new Map<number, string>();
      e.set(5 + ((p + k) % 4) * 5, `\treturn x * ${p}; /* patch ${p} */`);
      e.set(30 + ((p + k) % 2) * 5, `\treturn x - ${p}; /* patch ${p} */`);
      edits.set(i, e);
      changed.set(filePath(i), content(i, version.get(i) ?? 0, e));
    }
    await imp.commit('refs/heads/series', `patch ${p} of the series\n`, changed, p === 1 ? 'refs/heads/main' : null, commits + p);
  }
  await imp.done();
}

function seriesDiffs(repo: string, outDir: string): { files: string[]; diffs: string[] } {
  git(repo, 'format-patch', '-q', '-o', outDir, 'main..series');
  const files = readdirSync(outDir).filter((f) => f.endsWith('.patch')).sort().map((f) => path.join(outDir, f));
  const diffs = files.map((f) => {
    const mail = readFileSync(f, 'utf8');
    const body = mail.slice(mail.indexOf('\ndiff --git ') + 1);
    const sig = body.search(/^-- $/m);
    return sig >= 0 ? body.slice(0, sig) : body;
  });
  return { files, diffs };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Built {
  files: number;
  repo: string;
  patchFiles: string[];
  input: { baseCommit: null; patches: { index: number; subject: string; diff: string }[] };
  buildMs: number;
}

async function build(root: string, files: number, commits: number, patches: number): Promise<Built> {
  const repo = path.join(root, `repo-${files}`);
  execFileSync('mkdir', ['-p', repo]);
  const t = Date.now();
  await buildRepo(repo, files, commits, patches);
  git(repo, 'gc', '-q');
  const buildMs = Date.now() - t;
  const { files: patchFiles, diffs } = seriesDiffs(repo, path.join(root, `patches-${files}`));
  const input = { baseCommit: null, patches: diffs.map((diff, i) => ({ index: i + 1, subject: `patch ${i + 1}`, diff })) };
  return { files, repo, patchFiles, input, buildMs };
}

async function timeCheck(b: Built): Promise<{ ms: number; verdict: string; base: string }> {
  const t = performance.now();
  const res = await checkSeries({ name: 'bench', path: b.repo, branch: 'main' }, b.input);
  const ms = performance.now() - t;
  if (res.verdict !== 'clean') throw new Error(`bench series did not apply: ${JSON.stringify(res.patches.find((p) => p.status !== 'clean'))}`);
  return { ms, verdict: res.verdict, base: res.base.method };
}

function timeAm(root: string, b: Built): { wtMs: number; amMs: number } {
  const wt = path.join(root, `wt-${b.files}`);
  let t = performance.now();
  git(b.repo, 'worktree', 'add', '-q', '--detach', wt, 'main');
  const wtMs = performance.now() - t;
  t = performance.now();
  git(wt, 'am', '-q', ...b.patchFiles);
  const amMs = performance.now() - t;
  git(b.repo, 'worktree', 'remove', '--force', wt);
  return { wtMs, amMs };
}

/** Checks of all repositories interleaved (a, b, a, b …) so load changes on a shared machine hit both alike. */
async function bench(root: string, built: Built[], runs: number): Promise<Record<string, string | number>[]> {
  const times = new Map<number, number[]>(built.map((b) => [b.files, []]));
  const info = new Map<number, { verdict: string; base: string }>();
  for (const b of built) await timeCheck(b); // warm the page cache once
  for (let r = 0; r < runs; r++) {
    for (const b of built) {
      const x = await timeCheck(b);
      times.get(b.files)!.push(x.ms);
      info.set(b.files, x);
    }
  }
  return built.map((b) => {
    const med = median(times.get(b.files)!);
    const am = timeAm(root, b);
    return {
      files: b.files,
      patches: b.input.patches.length,
      'build repo (s)': (b.buildMs / 1000).toFixed(1),
      verdict: info.get(b.files)!.verdict,
      base: info.get(b.files)!.base,
      'patchlens check (ms)': Math.round(med),
      'min..max (ms)': `${Math.round(Math.min(...times.get(b.files)!))}..${Math.round(Math.max(...times.get(b.files)!))}`,
      'per patch (ms)': (med / b.input.patches.length).toFixed(1),
      'git worktree add (ms)': Math.round(am.wtMs),
      'git am (ms)': Math.round(am.amMs),
      'worktree + am (ms)': Math.round(am.wtMs + am.amMs),
    };
  });
}

async function mainBench(): Promise<void> {
  const sizes = arg('files', '8000,80000').split(',').map(Number);
  const commits = Number(arg('commits', '3000'));
  const patches = Number(arg('patches', '30'));
  const runs = Number(arg('runs', '7'));
  const root = mkdtempSync(path.join(os.tmpdir(), 'patchlens-bench-apply-'));
  console.log(`git ${git(root, '--version').trim().replace('git version ', '')}, node ${process.version}, ${os.cpus().length} cpus; repos in ${root}`);
  let rows: Record<string, string | number>[] = [];
  try {
    const built: Built[] = [];
    for (const n of sizes) {
      built.push(await build(root, n, commits, patches));
      console.log(`built ${n} files, ${commits} commits in ${(built[built.length - 1]!.buildMs / 1000).toFixed(1)} s`);
    }
    rows = await bench(root, built, runs);
  } finally {
    if (!process.env.KEEP) rmSync(root, { recursive: true, force: true });
  }
  console.table(rows);
  if (rows.length >= 2) {
    const a = rows[0]!;
    const b = rows[rows.length - 1]!;
    const ratio = (k: string) => (Number(b[k]) / Number(a[k])).toFixed(2);
    console.log(`${b.files} vs ${a.files} files: patchlens check ×${ratio('patchlens check (ms)')}, worktree + git am ×${ratio('worktree + am (ms)')}`);
  }
}

await mainBench();

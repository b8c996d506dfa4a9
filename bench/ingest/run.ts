// Ingest bench.  Run:  npx tsx bench/ingest/run.ts [options]
//   --messages N      size of the large archive (default 100000)
//   --small N         size of the small archive, to show RSS stays flat (default 10000)
//   --ingest-limit N  ingest only the first N messages of the large archive (the store may be far
//                     slower than the readers; default: all)
//   --parse-limit N   messages of the large archive the raw parse rate is measured on (default: all)
//   --backends LIST   pglite,postgres (default: pglite, plus postgres when DATABASE_URL is set)
//   --workers N       parse worker threads for the end-to-end runs (default: one per core; 0 = parse on the main thread)
//   --same-subjects   keep subjects as they are in every copy (see archive.ts)
//   --keep            keep the archives in the temp folder
// Builds the archives by replicating the corpus threads with fresh Message-IDs,
// measures the raw single-core mailparser rate (simpleParser per message,
// sequential) and the rate of the worker parse pool, then ingests end to end
// with ingestMails (parsing on the pool) into each back end
// (PGlite in a fresh data directory; Postgres in a dedicated schema, dropped
// afterwards). Every measurement runs in its own child process so its peak
// RSS (getrusage maxrss) is its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildArchive } from './archive.js';
import { runChild, type ChildResult } from './child.js';

interface Options {
  messages: number;
  small: number;
  parseLimit: number | null;
  ingestLimit: number;
  backends: string[];
  workers: number;
  sameSubjects: boolean;
  keep: boolean;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const defaultBackends = process.env.DATABASE_URL ? 'pglite,postgres' : 'pglite';
  return {
    messages: Number(get('--messages') ?? 100_000),
    small: Number(get('--small') ?? 10_000),
    parseLimit: get('--parse-limit') ? Number(get('--parse-limit')) : null,
    ingestLimit: Number(get('--ingest-limit') ?? 0),
    backends: (get('--backends') ?? defaultBackends).split(',').filter(Boolean),
    workers: Number(get('--workers') ?? (os.availableParallelism?.() ?? os.cpus().length)),
    sameSubjects: argv.includes('--same-subjects'),
    keep: argv.includes('--keep'),
  };
}

const SELF = fileURLToPath(import.meta.url);

/** Run one measurement in a child process; it prints one JSON line. */
function child(args: string[]): ChildResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20, env: process.env });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`bench child ${args.join(' ')} failed (exit ${r.status}): ${r.stdout.slice(-2000)}`);
  return JSON.parse(line) as ChildResult;
}

const mb = (bytes: number) => `${(bytes / (1 << 20)).toFixed(0)} MB`;
const rate = (r: ChildResult) => `${r.rate.toFixed(0)} msg/s`;
const cpu = (r: ChildResult) => `${((r.cpu / r.messages) * 1000).toFixed(2)} ms CPU/msg`;

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pl-bench-ingest-'));
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  try {
    const t0 = Date.now();
    const large = await buildArchive(path.join(tmp, 'large.mbox'), { messages: opts.messages, sameSubjects: opts.sameSubjects });
    const small = await buildArchive(path.join(tmp, 'small.mbox'), { messages: opts.small, sameSubjects: opts.sameSubjects });
    console.log(`archives: ${large.messages} messages (${mb(statSync(large.file).size)}, ${large.copies} copies of ${large.corpusMessages} corpus messages) and ${small.messages} messages, built in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${cores} cores`);

    const split = child(['split', large.file]);
    console.log(`mbox source alone (read + split): ${split.messages} messages in ${split.seconds.toFixed(1)} s = ${rate(split)}, ${cpu(split)} (peak RSS ${mb(split.peakRss)})`);
    const parse = child(['parse', large.file, String(opts.parseLimit ?? 0)]);
    console.log(`raw mailparser, single core: ${parse.messages} messages in ${parse.seconds.toFixed(1)} s = ${rate(parse)}, ${cpu(parse)} (peak RSS ${mb(parse.peakRss)})`);
    if (opts.workers > 0) {
      const pool = child(['pool', large.file, String(opts.parseLimit ?? 0), String(opts.workers)]);
      console.log(`parseMail on ${opts.workers} worker threads: ${pool.messages} messages in ${pool.seconds.toFixed(1)} s = ${rate(pool)}, ${cpu(pool)} (peak RSS ${mb(pool.peakRss)})`);
    }

    const rows: string[] = [];
    for (const backend of opts.backends) {
      if (backend === 'postgres' && !process.env.DATABASE_URL) {
        console.log('postgres: skipped (DATABASE_URL is not set)');
        continue;
      }
      for (const [name, info] of [['small', small], ['large', large]] as const) {
        const r = child(['ingest', info.file, backend, path.join(tmp, `pglite-${name}`), String(opts.workers), String(name === 'large' ? opts.ingestLimit : 0)]);
        const ratio = r.rate / parse.rate;
        const line = `${backend.padEnd(8)} ${name.padEnd(5)} ${String(r.messages).padStart(7)} msgs  ${r.seconds.toFixed(1).padStart(7)} s  ${rate(r).padStart(12)}  ${(ratio * 100).toFixed(0).padStart(4)} % of raw parse  peak RSS ${mb(r.peakRss)}  ${cpu(r)} (node)  stored ${r.stored}, errors ${r.errors}`;
        console.log(line);
        rows.push(line);
      }
    }
    console.log(`\nsummary (workers ${opts.workers}; target: postgres large >= 50 % of the raw single-core parse rate; peak RSS of small ≈ large)`);
    console.log(`raw parse ${rate(parse)}`);
    for (const r of rows) console.log(r);
  } finally {
    if (!opts.keep) rmSync(tmp, { recursive: true, force: true });
    else console.log(`kept ${tmp}`);
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  runChild(argv.slice(1)).then(
    (r) => {
      process.stdout.write(JSON.stringify(r) + '\n');
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
} else {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
}

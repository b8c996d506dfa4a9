// kill -9 at any point, then a rerun, ends with exactly the rows of a clean
// run: the real binary ingests a replicated corpus in small transactions and
// is killed twice at different moments; the database is then compared row for
// row (by natural keys) with a clean run's.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS } from '../helpers.js';
import { counts, snapshot } from '../store/snapshot.js';
import { cliBackend, scratch, type CliBackend } from './backend.js';

/** The corpus `copies` times over, every Message-ID header made unique per copy. */
function replicate(copies: number): string {
  const files = ['cxl-region-attach-rfc', 'linux-cxl-mbox-event-debug-v1', 'linux-cxl-mbox-event-debug-v2', 'linux-cxl-type2-v22'];
  const text = files.map((f) => readFileSync(path.join(CORPUS, `${f}.mbox`), 'latin1')).join('');
  const messages = text.split(/^(?=From mboxrd@z )/m);
  let out = '';
  for (let c = 0; c < copies; c++) {
    for (const m of messages) {
      const cut = m.indexOf('\n\n');
      const head = m.slice(0, cut).replace(/^((?:Message-I[Dd]|In-Reply-To|References):[^\n]*(?:\n[ \t][^\n]*)*)/gim, (h) => h.replace(/<([^<>\s]+)>/g, `<c${c}.$1>`));
      out += head + m.slice(cut);
    }
  }
  return out;
}

const backends: CliBackend[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const b of backends) await b.cleanup();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function killAfter(cli: CliBackend, args: string[], ms: number): Promise<void> {
  const child = cli.spawn(args);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('kill -9 and rerun', () => {
  it('ends with exactly the rows of a clean run', async () => {
    const dir = scratch('pl-kill-');
    dirs.push(dir);
    const mbox = path.join(dir, 'big.mbox');
    writeFileSync(mbox, replicate(3), 'latin1');
    const args = ['ingest', mbox, '--json', '--batch', '15'];
    const clean = await cliBackend();
    const killed = await cliBackend();
    backends.push(clean, killed);

    const t0 = Date.now();
    const r = await clean.run(args);
    const duration = Date.now() - t0;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ messages: 207, stored: 207, errors: [] });

    const seen: number[] = [];
    for (const fraction of [0.35, 0.7]) {
      await killAfter(killed, args, Math.round(duration * fraction));
      const db = await killed.open();
      seen.push((await counts(db)).Message ?? 0);
      await db.close();
    }
    const rerun = await killed.run(args);
    expect(rerun.code).toBe(0);
    const summary = JSON.parse(rerun.stdout) as { stored: number; duplicates: number };
    expect(summary.stored + summary.duplicates).toBe(207);

    const [a, b] = [await clean.open(), await killed.open()];
    try {
      expect(await snapshot(b)).toEqual(await snapshot(a));
      expect(await counts(b)).toEqual(await counts(a));
    } finally {
      await a.close();
      await b.close();
    }
    process.stderr.write(`kill -9 test (${killed.name}): messages committed when killed: ${seen.join(', ')} of 207\n`);
    // every committed state is whole chunks (or nothing): a multiple of the batch size, or all
    for (const n of seen) expect(n % 15 === 0 || n === 207).toBe(true);
  }, 900_000);
});

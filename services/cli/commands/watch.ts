// `patchlens watch <list>`: poll lore's Atom feed of a list and ingest the
// threads of messages not seen before, every --interval seconds until
// interrupted, or once with --once. What was seen is remembered in the
// database (sources/lore-watch.ts), so a restart does not fetch it again.
// Exit codes with --once are those of `ingest`: 0 all stored or duplicates,
// 1 some messages or threads rejected, 2 the feed cannot be read. Without
// --once a failed poll is reported and retried at the next interval (only a
// first poll that finds no such list stops the watch, with 2).
import type { Command } from 'commander';
import { withDb } from '../context.js';
import type { Db } from '../../db/adapters/client.js';
import { ingestMails } from '../../ingest/adapters/store.js';
import { pollLore } from '../../ingest/adapters/sources/lore-watch.js';
import { SourceUnreadableError } from '../../ingest/adapters/sources/types.js';
import type { IngestSummary } from '../../ingest/core/types.js';

export interface WatchFlags {
  interval?: string;
  once?: boolean;
  loreBase?: string;
  json?: boolean;
}

/** What one poll did, as `watch --json` prints it (one object per line). */
export interface PollReport extends IngestSummary {
  list: string;
  polledAt: string;
  /** entries in the feed, and those not seen before */
  entries: number;
  fresh: number;
}

export type PollOutcome = { ok: true; report: PollReport } | { ok: false; unreadable: true; reason: string };

/** One poll: read the feed, ingest the unseen threads, remember them. */
export async function pollOnce(db: Db, list: string, flags: Pick<WatchFlags, 'loreBase'>): Promise<PollOutcome> {
  const polledAt = new Date().toISOString();
  let poll;
  try {
    poll = await pollLore(list, { base: flags.loreBase, db });
  } catch (err) {
    if (err instanceof SourceUnreadableError) return { ok: false, unreadable: true, reason: err.message };
    throw err;
  }
  const summary = await ingestMails(db, poll.mails(), { listHint: poll.listHint, checkpoint: (pos) => poll.checkpoint!(pos) });
  await poll.finish();
  return { ok: true, report: { list, polledAt, entries: poll.entries, fresh: poll.fresh, ...summary } };
}

function printReport(r: PollReport, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  process.stdout.write(
    `${r.polledAt} ${r.list}: ${r.entries} entries, ${r.fresh} new; ${r.messages} messages: ${r.stored} stored, ${r.duplicates} duplicates, ${r.errors.length} rejected\n`,
  );
  for (const e of r.errors) process.stdout.write(`  ${e.source} ${e.position}${e.messageId ? ` <${e.messageId}>` : ''}: ${e.reason}\n`);
}

function intervalMs(flag: string | undefined): number {
  const s = flag === undefined ? 300 : Number(flag);
  if (!Number.isFinite(s) || s <= 0) throw new Error(`--interval must be a positive number of seconds, not "${flag}"`);
  return s * 1000;
}

/** Poll until `stop` is aborted (or once); resolves to the exit code. */
export async function runWatch(db: Db, list: string, flags: WatchFlags, stop: AbortSignal): Promise<number> {
  const every = intervalMs(flags.interval);
  for (let first = true; ; first = false) {
    const out = await pollOnce(db, list, flags);
    if (!out.ok) {
      process.stderr.write(`patchlens: PL_ERR_SOURCE_UNREADABLE: ${out.reason}\n`);
      if (flags.once || (first && /HTTP 404/.test(out.reason))) return 2;
    } else {
      printReport(out.report, flags.json === true);
      if (flags.once) return out.report.errors.length ? 1 : 0;
    }
    if (stop.aborted) return 0;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, every);
      stop.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
    if (stop.aborted) return 0;
  }
}

export function register(program: Command): void {
  program
    .command('watch')
    .description("poll a list's lore feed (new.atom) and ingest the threads of new messages")
    .argument('<list>', 'lore list name, e.g. linux-cxl')
    .option('--interval <seconds>', 'time between polls', '300')
    .option('--once', 'poll once and exit (exit code as for ingest)')
    .option('--lore-base <url>', 'lore base URL (env PATCHLENS_LORE_BASE, default https://lore.kernel.org)')
    .option('--json', 'print one JSON object per poll')
    .action(async (list: string, flags: WatchFlags) => {
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        process.exitCode = await withDb((db) => runWatch(db, list, flags, stop.signal));
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

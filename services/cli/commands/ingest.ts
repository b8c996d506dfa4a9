// `patchlens ingest <path|url>` and `patchlens errors`: read a source into the
// database and show the messages that were rejected. Exit codes (contract):
// 0 every message stored or a duplicate, 1 some messages rejected, 2 the
// source itself cannot be read (or the database is unavailable).
import type { Command } from 'commander';
import { withDb, printJson } from '../context.js';
import { ingestMails, type IngestProgress } from '../../ingest/adapters/store.js';
import { resolveSource } from '../../ingest/adapters/sources/index.js';
import { createParsePool } from '../../ingest/adapters/parallel-parse.js';
import { SourceUnreadableError } from '../../ingest/adapters/sources/types.js';
import type { IngestSummary } from '../../ingest/core/types.js';

interface IngestFlags {
  list?: string;
  batch?: string;
  workers?: string;
  json?: boolean;
  loreBase?: string;
}

function progressLine(p: IngestProgress): void {
  process.stderr.write(`\ringest: ${p.messages} messages (${p.rate.toFixed(0)} msg/s), ${p.stored} stored, ${p.duplicates} duplicates, ${p.errors} errors   `);
}

function printSummary(s: IngestSummary): void {
  process.stdout.write(`${s.messages} messages: ${s.stored} stored, ${s.duplicates} duplicates, ${s.errors.length} rejected\n`);
  for (const e of s.errors) process.stdout.write(`  ${e.source} ${e.position}${e.messageId ? ` <${e.messageId}>` : ''}: ${e.reason}\n`);
}

async function runIngest(arg: string, flags: IngestFlags): Promise<number> {
  return withDb(async (db) => {
    let source;
    try {
      source = await resolveSource(arg, { list: flags.list, db, loreBase: flags.loreBase });
    } catch (err) {
      if (err instanceof SourceUnreadableError) {
        process.stderr.write(`patchlens: PL_ERR_SOURCE_UNREADABLE: ${err.message}\n`);
        return 2;
      }
      throw err;
    }
    const tty = process.stderr.isTTY === true && !flags.json;
    const workers = flags.workers ? Math.max(0, Number(flags.workers)) : 0;
    const pool = workers > 0 ? await createParsePool(workers) : null;
    try {
      const summary = await ingestMails(db, source.mails(), {
        list: flags.list,
        listHint: source.listHint,
        chunkSize: flags.batch ? Math.max(1, Number(flags.batch)) : undefined,
        parse: pool ? (raw) => pool.parse(raw) : undefined,
        onProgress: tty ? progressLine : undefined,
        checkpoint: source.checkpoint ? (pos) => source.checkpoint!(pos) : undefined,
      });
      if (tty) process.stderr.write('\n');
      if (flags.json) printJson(summary);
      else printSummary(summary);
      return summary.errors.length > 0 ? 1 : 0;
    } catch (err) {
      if (err instanceof SourceUnreadableError) {
        process.stderr.write(`patchlens: PL_ERR_SOURCE_UNREADABLE: ${err.message}\n`);
        return 2;
      }
      throw err;
    } finally {
      await pool?.close();
    }
  });
}

export function register(program: Command): void {
  program
    .command('ingest')
    .description('read mail (mbox, .mbox.gz, -, Maildir, public-inbox v2, lore URL or Message-ID) into the database')
    .argument('<source>', 'path, folder, "-" for stdin, lore URL or Message-ID')
    .option('--list <id>', 'list id for every mail (default: List-Id of each mail, else "unknown")')
    .option('--lore-base <url>', 'lore base URL (env PATCHLENS_LORE_BASE, default https://lore.kernel.org)')
    .option('--json', 'print the summary as JSON')
    .option('--batch <n>', 'messages per database transaction (default 250)')
    .option('--workers <n>', 'parse on n worker threads (use the other cores on big archives; default 0: in-process)')
    .action(async (arg: string, flags: IngestFlags) => {
      process.exitCode = await runIngest(arg, flags);
    });
  program
    .command('errors')
    .description('messages the ingester rejected, with source, position and reason')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      await withDb(async (db) => {
        const rows = await db.prisma.ingestError.findMany({ orderBy: { id: 'asc' } });
        const errors = rows.map((r) => ({ source: r.source, position: r.position, messageId: r.messageId, reason: r.reason }));
        if (flags.json) printJson(errors);
        else for (const e of errors) process.stdout.write(`${e.source} ${e.position}${e.messageId ? ` <${e.messageId}>` : ''}: ${e.reason}\n`);
      });
    });
}

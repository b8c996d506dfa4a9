// `patchlens series list|show|mbox|link|unlink`: what the ingester made of the
// mail. A series is named by its id or by any of its Message-IDs (cover or
// patch, with or without <>, or a lore URL). JSON shapes are a contract.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { withDb, printJson } from '../context.js';
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { listSeriesIds, resolveSeriesId, seriesJson, seriesJsonMany, type SeriesJson } from '../../ingest/adapters/series-view.js';
import { seriesMbox } from '../../ingest/adapters/series-mbox.js';
import { linkSeries, unlinkSeries } from '../../ingest/adapters/series-edit.js';

async function mustResolve(db: Db, ref: string): Promise<number> {
  const id = await resolveSeriesId(db, ref);
  if (id === null) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id: ref });
  return id;
}

function line(s: SeriesJson): string {
  const tags = [s.rfc ? 'RFC' : '', s.complete ? '' : `missing ${s.missing.join(',')}`].filter(Boolean).join(' ');
  return `${String(s.id).padStart(5)}  v${s.version}  ${s.received}/${s.total}  ${s.title}${tags ? `  [${tags}]` : ''}`;
}

function showText(s: SeriesJson): string {
  const out = [`${s.title} (series ${s.id}, v${s.version}${s.rfc ? ', RFC' : ''})`, `received ${s.received}/${s.total}${s.complete ? ', complete' : `, missing ${s.missing.join(', ')}`}`];
  if (s.cover) out.push(`cover <${s.cover.messageId}>`);
  for (const p of s.patches) {
    out.push(`  ${p.index}/${s.total} ${p.subject} <${p.messageId}>`);
    for (const t of p.trailers) out.push(`      ${t}`);
  }
  out.push(`replies ${s.replies}; previous ${s.previous ?? '-'}; next ${s.next ?? '-'}; base ${s.baseCommit ?? '-'}`);
  return out.join('\n') + '\n';
}

export function register(program: Command): void {
  const series = program.command('series').description('patch series found in the ingested mail');
  series
    .command('list')
    .description('every series, newest first')
    .option('--list <id>', 'only series of this mailing list')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean; list?: string }) => {
      await withDb(async (db) => {
        const all = await seriesJsonMany(db, await listSeriesIds(db, flags.list));
        if (flags.json) printJson(all);
        else process.stdout.write(all.map(line).join('\n') + (all.length ? '\n' : ''));
      });
    });
  series
    .command('show')
    .description('one series with its patches, trailers and version links')
    .argument('<series>', 'series id or a Message-ID of its cover or of a patch')
    .option('--json', 'print JSON')
    .action(async (ref: string, flags: { json?: boolean }) => {
      await withDb(async (db) => {
        const s = await seriesJson(db, await mustResolve(db, ref));
        if (!s) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id: ref });
        if (flags.json) printJson(s);
        else process.stdout.write(showText(s));
      });
    });
  series
    .command('mbox')
    .description('a git-am-ready mbox of the series with the collected trailers and Link: tags (like b4 am)')
    .argument('<series>', 'series id or a Message-ID of its cover or of a patch')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (ref: string, flags: { output?: string }) => {
      await withDb(async (db) => {
        const text = await seriesMbox(db, await mustResolve(db, ref));
        if (text === null) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id: ref });
        if (flags.output) writeFileSync(flags.output, text);
        else process.stdout.write(text);
      });
    });
  registerEdits(series);
}

/** The commands that correct version links. */
function registerEdits(series: Command): void {
  series
    .command('link')
    .description('record <older> as the previous version of <newer> (corrects the automatic link)')
    .argument('<newer>', 'the newer series')
    .argument('<older>', 'the series it replaces')
    .action(async (newer: string, older: string) => {
      await withDb(async (db) => {
        const [n, o] = [await mustResolve(db, newer), await mustResolve(db, older)];
        await linkSeries(db, n, o);
        process.stdout.write(`series ${n}: previous version is now ${o}\n`);
      });
    });
  series
    .command('unlink')
    .description('remove the previous-version link of a series (and keep it removed)')
    .argument('<series>', 'series id or Message-ID')
    .action(async (ref: string) => {
      await withDb(async (db) => {
        const id = await mustResolve(db, ref);
        await unlinkSeries(db, id);
        process.stdout.write(`series ${id}: no previous version\n`);
      });
    });
}

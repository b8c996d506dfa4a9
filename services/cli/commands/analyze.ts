// `patchlens analyze <series> [--json]`: run the lifetime rule engine on a
// series (named by id or by any of its Message-IDs) and print its concerns.
// The work is services/rules/adapters/store.ts; this file only prints.
import type { Command } from 'commander';
import { withDb, printJson } from '../context.js';
import { PatchlensError } from '../../common/errors.js';
import { resolveSeriesId } from '../../ingest/adapters/series-view.js';
import { analyzeSeries, type AnalyzeSeriesResult } from '../../rules/adapters/store.js';

function text(r: AnalyzeSeriesResult, verbose: boolean): string {
  const out = [`series ${r.seriesId}: ${r.concerns.length} concern(s) (run ${r.runId}; ${r.stats.statesExplored} states explored in ${r.stats.ms} ms)`];
  for (const c of r.concerns) {
    const where = c.file ? `${c.file}:${c.lines ? `${c.lines[0]}-${c.lines[1]}` : '?'}` : '(no line)';
    out.push('', `patch ${c.patch ?? '-'}  ${c.severity.toUpperCase()}  ${c.rule}  ${where}`, `  ${c.summary}`, `  ${c.explanation}`);
    for (const s of c.trace) {
      out.push(`  ${s.step}. ${s.event}${s.detail ? `   ← ${s.detail}` : ''}`);
      if (verbose) for (const e of s.effects) out.push(`       ${e}`);
    }
  }
  const nm = [...new Set(r.stats.notModelled.map((n) => `patch ${n.patch}: ${n.function}: ${n.reason}`))];
  if (nm.length) out.push('', 'not modelled:', ...nm.map((n) => `  ${n}`));
  return out.join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('analyze <series>')
    .description('model-check the lifetime rules on a series and store its concerns (series by id or Message-ID)')
    .option('--json', 'print the concerns and run statistics as JSON')
    .option('-v, --verbose', 'print every effect of each counterexample step')
    .action(async (ref: string, opts: { json?: boolean; verbose?: boolean }) => {
      await withDb(async (db) => {
        const id = await resolveSeriesId(db, ref);
        if (id === null) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id: ref });
        const r = await analyzeSeries(db, id);
        if (opts.json) printJson({ seriesId: r.seriesId, runId: r.runId, concerns: r.concerns, stats: r.stats });
        else process.stdout.write(text(r, !!opts.verbose));
      });
    });
}

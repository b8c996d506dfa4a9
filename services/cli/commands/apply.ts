// `patchlens apply <series>`: check a series (by id or any of its Message-IDs)
// against its tree and print the verdict, base and per-patch, per-hunk results.
// The work is services/apply/apply-series.ts; this file parses options and prints.
import type { Command } from 'commander';
import { PatchlensError } from '../../common/errors.js';
import { applySeries, findSeriesId, latestApplyRun } from '../../apply/apply-series.js';
import { renderRun } from '../../apply/core/render.js';
import { printJson, withDb } from '../context.js';

interface ApplyCliOptions {
  tree?: string;
  json?: boolean;
  recheck?: boolean;
  show?: boolean;
  window?: string;
  timeout?: string;
}

export function register(program: Command): void {
  program
    .command('apply <series>')
    .description('check whether a series applies to its tree, patch by patch and hunk by hunk (never touches the checkout)')
    .option('--tree <name>', 'check against this tree instead of the one mapped to the series list')
    .option('--recheck', 'run a new check even if the tree head and the patches are unchanged')
    .option('--show', 'only show the latest stored run')
    .option('--window <n>', 'commits the base guess looks at (default PATCHLENS_GUESS_WINDOW or 1000)')
    .option('--timeout <ms>', 'time limit of each git call in ms (default 60000)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExit code: 0 when the series applies (or no tree is configured), 1 when a patch does not apply,\n2 when the check could not run (git failed; the reason is stored with the run).\nTrees: see `patchlens tree --help` (database or PATCHLENS_TREE_* environment variables).',
    )
    .action(async (ref: string, o: ApplyCliOptions) => {
      await withDb(async (db) => {
        const id = await findSeriesId(db, ref);
        if (id === null) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id: ref });
        const series = await db.prisma.series.findUniqueOrThrow({ where: { id }, select: { title: true, version: true } });
        const title = `series ${id}: ${series.title} (v${series.version})`;
        if (o.show) {
          const run = await latestApplyRun(db, id);
          if (!run) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'apply run of series', id });
          return o.json ? printJson(run) : void process.stdout.write(renderRun(run, title));
        }
        const r = await applySeries(db, id, {
          tree: o.tree,
          recheck: o.recheck,
          guessWindow: o.window ? Number(o.window) : undefined,
          timeoutMs: o.timeout ? Number(o.timeout) : undefined,
          actor: 'cli',
        });
        if (!r.ok) throw new PatchlensError(r.code, { what: 'series', id });
        const run = r.value.run;
        if (o.json) printJson({ ...run, reused: r.value.reused });
        else process.stdout.write(renderRun(run, title + (r.value.reused ? ' [unchanged since the last run; --recheck to run again]' : '')));
        if (run.verdict === 'fails') process.exitCode = 1;
        if (run.verdict === 'error') {
          process.stderr.write(`patchlens: PL_ERR_GIT: ${run.error ?? 'the check could not run'}\n`);
          process.exitCode = 2;
        }
      });
    });
}

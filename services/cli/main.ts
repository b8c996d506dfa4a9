// The `patchlens` command line. Each stage contributes its commands in its own
// file under services/cli/commands/ (exporting `register(program)`); this file
// only discovers them, parses global options and turns the outcome into an
// exit code. Only cli/ decides exit codes.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { PatchlensError } from '../common/errors.js';

export interface CommandModule {
  register(program: Command): void;
}

const COMMANDS_DIR = fileURLToPath(new URL('./commands/', import.meta.url));

export function buildProgram(): Command {
  const program = new Command('patchlens')
    .description('mailing-list review and patch tracking for Linux kernel maintainers')
    .option('--data-dir <dir>', 'embedded database directory (env PATCHLENS_DATA_DIR, default ./.data)')
    .option('--database-url <url>', 'Postgres server to use instead of the embedded database (env DATABASE_URL)')
    .showHelpAfterError()
    .exitOverride();
  program.hook('preAction', (cmd) => {
    const o = cmd.opts<{ dataDir?: string; databaseUrl?: string }>();
    if (o.dataDir) process.env.PATCHLENS_DATA_DIR = o.dataDir;
    if (o.databaseUrl) process.env.DATABASE_URL = o.databaseUrl;
  });
  return program;
}

async function loadCommands(program: Command): Promise<void> {
  const files = readdirSync(COMMANDS_DIR)
    .filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(COMMANDS_DIR, f)).href)) as Partial<CommandModule>;
    if (typeof mod.register === 'function') mod.register(program);
  }
}

/** Run the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  await loadCommands(program);
  process.exitCode = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors with 1 → 2
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof PatchlensError) {
      process.stderr.write(`patchlens: ${err.code}: ${err.message}\n`);
      return err.status === 404 || err.status === 400 ? 1 : 2;
    }
    process.stderr.write(`patchlens: ${(err as Error).stack ?? String(err)}\n`);
    return 2;
  }
}

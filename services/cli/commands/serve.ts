// `patchlens serve [--host] [--port]`: the API and dashboard on the configured
// database, until SIGINT/SIGTERM. On the embedded database jobs (apply,
// analyze, supersede, ledger) run inside this process; on a Postgres server
// they go to the pg-boss queue for `patchlens worker`.
import type { Command } from 'commander';
import { openDb } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { startServer } from '../../api/server.js';

export function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new PatchlensError('PL_ERR_BAD_INPUT', { field: 'port', reason: `${v} is not a port number` });
  return n;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the API and the triage dashboard (prints the URL)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 = any free port)', '8080')
    .action(async (flags: { host: string; port: string }) => {
      const port = parsePort(flags.port);
      const db = await openDb();
      const running = await startServer({ db, host: flags.host, port });
      running.app.addHook('onClose', async () => db.close());
      process.stdout.write(`patchlens: dashboard at ${running.url}/  (API docs at ${running.url}/docs, database ${db.kind} at ${db.where})\n`);
      await new Promise<void>(() => undefined); // until a signal closes the server
    });
}

// `patchlens token create|list|revoke`: API tokens of maintainers. A token is
// printed once, at creation; only its hash is stored.
import type { Command } from 'commander';
import { withDb, printJson } from '../context.js';
import { PatchlensError } from '../../common/errors.js';
import { createToken, listTokens, revokeToken } from '../../api/auth/tokens.js';

const collect = (v: string, prev: string[]) => [...prev, v];

export function register(program: Command): void {
  const token = program.command('token').description('API tokens for writes (state, delegate, links, statuses)');
  token
    .command('create')
    .description('create a token for a maintainer of one or more lists; prints it once')
    .requiredOption('--name <name>', 'who the token belongs to')
    .requiredOption('--email <email>', 'their address')
    .requiredOption('--list <listid>', 'a List-Id the token may write to (repeatable)', collect, [])
    .option('--json', 'print as JSON')
    .action(async (flags: { name: string; email: string; list: string[]; json?: boolean }) => {
      await withDb(async (db) => {
        const t = await createToken(db, { name: flags.name, email: flags.email, lists: flags.list });
        if (flags.json) printJson(t);
        else process.stdout.write(`${t.token}\n(token ${t.id} for ${t.name} <${t.email}> on ${t.lists.join(', ')}; it is shown only now)\n`);
      });
    });
  token
    .command('list')
    .description('list tokens (never their secret)')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }) => {
      await withDb(async (db) => {
        const rows = await listTokens(db);
        if (flags.json) return printJson(rows);
        for (const t of rows) {
          process.stdout.write(`${t.id}\t${t.name} <${t.email}>\t${t.lists.join(',')}\t${t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active'}\n`);
        }
      });
    });
  token
    .command('revoke <id>')
    .description('revoke a token by id')
    .action(async (id: string) => {
      if (!/^\d+$/.test(id)) throw new PatchlensError('PL_ERR_BAD_INPUT', { field: 'id', reason: 'must be a token id' });
      await withDb(async (db) => {
        await revokeToken(db, Number(id));
        process.stdout.write(`token ${id} revoked\n`);
      });
    });
}

// `patchlens tree add|list|remove|recheck`: configure the git trees series are
// checked against and the lists mapped to them (services/apply/adapters/trees.ts).
import type { Command } from 'commander';
import { PatchlensError } from '../../common/errors.js';
import { recheckTree } from '../../apply/apply-series.js';
import { addTree, listTrees, removeTree } from '../../apply/adapters/trees.js';
import { printJson, withDb } from '../context.js';

const ENV_HELP = `
Trees can also come from the environment (they win over the database):
  PATCHLENS_TREE_<NAME>=<path>:<branch>   e.g. PATCHLENS_TREE_CXL=/src/cxl:for-7.1/cxl-type2-support
  PATCHLENS_TREE_LIST_<LIST>=<name>       e.g. PATCHLENS_TREE_LIST_LINUX_CXL_VGER_KERNEL_ORG=cxl
<NAME> is the tree name upper-cased with "-" written "_"; <LIST> is the List-Id
upper-cased with every character other than A-Z and 0-9 written "_".
Other settings: PATCHLENS_GUESS_WINDOW (commits the base guess looks at, default
1000), PATCHLENS_GIT (git binary), PATCHLENS_SCRATCH_DIR (scratch area, default
the OS temp folder).`;

const collect = (v: string, prev: string[]): string[] => [...prev, v];

export function register(program: Command): void {
  const tree = program.command('tree').description('git trees that series are checked against').addHelpText('after', ENV_HELP);
  tree
    .command('add <name> <path>')
    .description('add or update a tree: a local git repository and the branch to check against')
    .requiredOption('--branch <branch>', 'branch to check against')
    .option('--list <listid>', 'List-Id checked against this tree (repeatable)', collect, [])
    .option('--no-verify', 'do not check that the repository and branch exist now')
    .action(async (name: string, path: string, o: { branch: string; list: string[]; verify: boolean }) => {
      await withDb(async (db) => {
        const r = await addTree(db, { name, path, branch: o.branch, lists: o.list, verify: o.verify });
        if (!r.ok) throw new PatchlensError('PL_ERR_BAD_INPUT', { field: r.field, reason: r.reason });
        process.stdout.write(`tree ${r.value.name}: ${r.value.path} branch ${r.value.branch}; lists: ${r.value.lists.join(', ') || '(none)'}\n`);
      });
    });
  tree
    .command('list')
    .description('list trees (database and environment) and their lists')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      await withDb(async (db) => {
        const trees = await listTrees(db);
        if (o.json) return printJson(trees);
        if (trees.length === 0) process.stdout.write('no trees configured (patchlens tree add --help)\n');
        for (const t of trees) process.stdout.write(`${t.name}\t${t.path}\t${t.branch}\t${t.source}\t${t.lists.join(',') || '-'}\n`);
      });
    });
  tree
    .command('remove <name>')
    .description('remove a tree from the database (past runs keep their results)')
    .action(async (name: string) => {
      await withDb(async (db) => {
        if (!(await removeTree(db, name))) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'tree', id: name });
        process.stdout.write(`tree ${name} removed\n`);
      });
    });
  tree
    .command('recheck <name>')
    .description("re-check the series on the tree's lists whose latest run saw an older tree head")
    .option('--limit <n>', 'newest series to look at', '200')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { limit: string; json?: boolean }) => {
      await withDb(async (db) => {
        const s = await recheckTree(db, name, { limit: Number(o.limit) || 200 });
        if (!s) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'tree', id: name });
        if (o.json) return printJson(s);
        process.stdout.write(`tree ${s.tree} at ${s.head?.slice(0, 12) ?? '(unreadable)'}: ${s.checked.length} re-checked, ${s.upToDate} up to date\n`);
        for (const c of s.checked) process.stdout.write(`  series ${c.seriesId}: ${c.verdict}\n`);
      });
    });
}

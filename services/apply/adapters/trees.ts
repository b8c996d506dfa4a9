// Tree configuration: named git trees (a local repository and the branch to
// check against) and which mailing list is checked against which tree. Trees
// come from the database (`patchlens tree add`) and from the environment:
//   PATCHLENS_TREE_<NAME>=<path>:<branch>     e.g. PATCHLENS_TREE_CXL=/src/cxl:next
//   PATCHLENS_TREE_LIST_<LIST>=<name>         e.g. PATCHLENS_TREE_LIST_LINUX_CXL_VGER_KERNEL_ORG=cxl
// <NAME> is the tree name upper-cased with "-" as "_"; <LIST> is the List-Id
// upper-cased with every other character as "_". The environment wins over the
// database for the same name. No tree for a list is a normal answer (null).
import type { Db } from '../../db/adapters/client.js';
import { validRefName } from '../core/base.js';
import type { TreeRef } from '../core/outcomes.js';
import { openRepo, resolveBranch } from './repo.js';

export interface TreeConfig extends TreeRef {
  /** Tree row id; null for a tree only the environment defines (until a run records it) */
  id: number | null;
  source: 'db' | 'env';
  /** List-Ids mapped to this tree */
  lists: string[];
}

export const TREE_NAME_RE = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export function envKey(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** Trees and list mappings the environment defines. */
export function envTrees(env: NodeJS.ProcessEnv = process.env): TreeConfig[] {
  const trees = new Map<string, TreeConfig>();
  for (const [k, v] of Object.entries(env)) {
    if (!k.startsWith('PATCHLENS_TREE_') || k.startsWith('PATCHLENS_TREE_LIST_') || !v) continue;
    const name = k.slice('PATCHLENS_TREE_'.length).toLowerCase().replace(/_/g, '-');
    const colon = v.lastIndexOf(':');
    const path = colon > 0 ? v.slice(0, colon) : v;
    const branch = colon > 0 ? v.slice(colon + 1) : 'HEAD';
    if (!TREE_NAME_RE.test(name) || !validRefName(branch)) continue;
    trees.set(name, { id: null, source: 'env', name, path, branch, lists: [] });
  }
  for (const [k, v] of Object.entries(env)) {
    if (!k.startsWith('PATCHLENS_TREE_LIST_') || !v) continue;
    const t = trees.get(v.toLowerCase());
    if (t) t.lists.push(k.slice('PATCHLENS_TREE_LIST_'.length));
  }
  return [...trees.values()];
}

/** The env list key of a tree matches a List-Id when both normalise the same. */
function envListMatches(t: TreeConfig, listId: string): boolean {
  return t.source === 'env' && t.lists.some((l) => l === envKey(listId));
}

export async function dbTrees(db: Db): Promise<TreeConfig[]> {
  const rows = await db.prisma.tree.findMany({ include: { lists: { include: { list: true } } }, orderBy: { name: 'asc' } });
  return rows.map((r) => ({ id: r.id, source: 'db' as const, name: r.name, path: r.path, branch: r.branch, lists: r.lists.map((l) => l.list.listId) }));
}

/** Every configured tree; an environment tree replaces a database tree of the same name. */
export async function listTrees(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<TreeConfig[]> {
  const fromEnv = envTrees(env);
  const names = new Set(fromEnv.map((t) => t.name));
  const stored = await dbTrees(db);
  const fromDb = stored.filter((t) => !names.has(t.name));
  const byName = new Map(stored.map((t) => [t.name, t.id]));
  return [...fromEnv.map((t) => ({ ...t, id: byName.get(t.name) ?? null })), ...fromDb].sort((a, b) => a.name.localeCompare(b.name));
}

/** The tree a series is checked against: the one named, else the one its list maps to; null when none. */
export async function treeFor(db: Db, q: { treeName?: string; listRowId: number; listId: string }, env: NodeJS.ProcessEnv = process.env): Promise<TreeConfig | null> {
  const all = await listTrees(db, env);
  if (q.treeName) return all.find((t) => t.name === q.treeName) ?? null;
  const viaEnv = all.find((t) => envListMatches(t, q.listId));
  if (viaEnv) return viaEnv;
  const link = await db.prisma.treeList.findUnique({ where: { listId: q.listRowId }, include: { tree: true } });
  if (!link) return null;
  return all.find((t) => t.name === link.tree.name) ?? null;
}

/** The Tree row id for a run; an environment tree gets (or updates) its row so runs can point at it. */
export async function treeRowId(db: Db, t: TreeConfig): Promise<number> {
  if (t.source === 'db' && t.id !== null) return t.id;
  const row = await db.prisma.tree.upsert({ where: { name: t.name }, create: { name: t.name, path: t.path, branch: t.branch }, update: { path: t.path, branch: t.branch } });
  return row.id;
}

export type TreeAddResult = { ok: true; value: TreeConfig } | { ok: false; field: string; reason: string };

/** Add or update a database tree and map lists to it (a list maps to one tree). */
export async function addTree(db: Db, t: { name: string; path: string; branch: string; lists: string[]; verify?: boolean }): Promise<TreeAddResult> {
  if (!TREE_NAME_RE.test(t.name)) return { ok: false, field: 'name', reason: 'use lower-case letters, digits, ".", "_" and "-"' };
  if (!validRefName(t.branch)) return { ok: false, field: 'branch', reason: `"${t.branch}" is not a valid branch name` };
  if (t.verify !== false) {
    const repo = await openRepo(t.path);
    if (!repo.ok) return { ok: false, field: 'path', reason: repo.reason };
    const head = await resolveBranch(repo.value, t.branch);
    if (!head.ok || !head.value) return { ok: false, field: 'branch', reason: head.ok ? `branch ${t.branch} does not exist in ${t.path}` : head.reason };
  }
  const row = await db.prisma.tree.upsert({ where: { name: t.name }, create: { name: t.name, path: t.path, branch: t.branch }, update: { path: t.path, branch: t.branch } });
  for (const listId of t.lists) {
    const list = await db.prisma.mailingList.upsert({ where: { listId }, create: { listId, name: listId }, update: {} });
    await db.prisma.treeList.upsert({ where: { listId: list.id }, create: { treeId: row.id, listId: list.id }, update: { treeId: row.id } });
  }
  const lists = await db.prisma.treeList.findMany({ where: { treeId: row.id }, include: { list: true } });
  return { ok: true, value: { id: row.id, source: 'db', name: row.name, path: row.path, branch: row.branch, lists: lists.map((l) => l.list.listId) } };
}

/** Remove a database tree (its list mappings go with it; past runs keep their results). */
export async function removeTree(db: Db, name: string): Promise<boolean> {
  const r = await db.prisma.tree.deleteMany({ where: { name } });
  return r.count > 0;
}

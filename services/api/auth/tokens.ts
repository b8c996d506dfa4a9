// API tokens of maintainers. The clear text is shown once, at creation, and
// only its SHA-256 is stored (ApiToken.tokenHash); a token names the lists it
// may write to. Used by the API's auth hook and by `patchlens token`.
// Tokens are random (256 bits), so a plain hash without salt is enough: there
// is nothing to brute-force from the hash.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';

/** Who is writing: the token's owner and the lists (row ids) it maintains. */
export interface Actor {
  tokenId: number;
  name: string;
  email: string;
  listIds: number[];
}

export const TOKEN_PREFIX = 'plk_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface CreatedToken {
  id: number;
  token: string;
  name: string;
  email: string;
  lists: string[];
}

/** Create a token for the given lists (by List-Id); the clear text is only in the result. */
export async function createToken(db: Db, o: { name: string; email: string; lists: string[] }): Promise<CreatedToken> {
  if (!o.name.trim()) throw new PatchlensError('PL_ERR_BAD_INPUT', { field: 'name', reason: 'must not be empty' });
  if (!/^[^@\s]+@[^@\s]+$/.test(o.email)) throw new PatchlensError('PL_ERR_BAD_INPUT', { field: 'email', reason: 'not an address' });
  if (!o.lists.length) throw new PatchlensError('PL_ERR_BAD_INPUT', { field: 'list', reason: 'name at least one list' });
  const lists = await db.prisma.mailingList.findMany({ where: { listId: { in: o.lists } } });
  const missing = o.lists.filter((l) => !lists.some((x) => x.listId === l));
  if (missing.length) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'list', id: missing.join(', ') });
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row = await db.prisma.$transaction(async (tx) => {
    const t = await tx.apiToken.create({
      data: { name: o.name, email: o.email.toLowerCase(), tokenHash: hashToken(token), lists: { create: lists.map((l) => ({ listId: l.id })) } },
    });
    await tx.event.create({
      data: { kind: 'token.created', actor: 'cli', subjectType: 'token', subjectId: t.id, payload: { name: o.name, email: o.email, lists: o.lists } },
    });
    return t;
  });
  return { id: row.id, token, name: row.name, email: row.email, lists: lists.map((l) => l.listId) };
}

export interface TokenInfo {
  id: number;
  name: string;
  email: string;
  lists: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

export async function listTokens(db: Db): Promise<TokenInfo[]> {
  const rows = await db.prisma.apiToken.findMany({ include: { lists: { include: { list: true } } }, orderBy: { id: 'asc' } });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    email: t.email,
    lists: t.lists.map((l) => l.list.listId),
    createdAt: t.createdAt,
    revokedAt: t.revokedAt,
  }));
}

export async function revokeToken(db: Db, id: number): Promise<void> {
  const t = await db.prisma.apiToken.findUnique({ where: { id } });
  if (!t) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'token', id });
  await db.prisma.$transaction([
    db.prisma.apiToken.update({ where: { id }, data: { revokedAt: t.revokedAt ?? new Date() } }),
    db.prisma.event.create({ data: { kind: 'token.revoked', actor: 'cli', subjectType: 'token', subjectId: id, payload: { name: t.name } } }),
  ]);
}

/** The actor behind a clear-text token, or null when it is unknown or revoked. */
export async function actorForToken(db: Db, token: string): Promise<Actor | null> {
  const t = await db.prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { lists: true } });
  if (!t || t.revokedAt) return null;
  return { tokenId: t.id, name: t.name, email: t.email, listIds: t.lists.map((l) => l.listId) };
}

/** Throws PL_ERR_FORBIDDEN unless the actor maintains the list (row id). */
export function assertMaintainer(actor: Actor, listRowId: number, listName: string): void {
  if (!actor.listIds.includes(listRowId)) throw new PatchlensError('PL_ERR_FORBIDDEN', { token: actor.name, list: listName });
}

// Authentication of writes: `Authorization: Bearer <token>`. The preHandler
// resolves the token to an Actor (401 when absent, unknown or revoked); the
// command then checks the actor maintains the object's list (403). Reads
// never run this.
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { actorForToken, type Actor } from '../auth/tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1] ?? null;
}

export function requireToken(db: Db): preHandlerAsyncHookHandler {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new PatchlensError('PL_ERR_UNAUTHORIZED');
    const actor = await actorForToken(db, token);
    if (!actor) throw new PatchlensError('PL_ERR_UNAUTHORIZED');
    req.actor = actor;
  };
}

/** The actor set by requireToken; a route that forgot the hook fails loudly. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new PatchlensError('PL_ERR_UNAUTHORIZED');
  return req.actor;
}

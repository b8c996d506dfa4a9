// Retry of a whole transaction when the database connection is lost: the
// transaction was rolled back by the server (or never committed), so running
// it again is safe. Waits with exponential backoff, then gives up with
// PL_ERR_DB_UNAVAILABLE. Errors that are not about the connection (a bug, a
// constraint) are not retried.
import { PatchlensError } from '../../common/errors.js';

const CONNECTION_ERROR =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|Connection terminated|connection (?:is )?closed|terminating connection|server closed the connection|Can't reach database|Client has encountered a connection error|the database system is (?:starting up|shutting down)|Closed|P1001|P1017|P2024|Transaction already closed|Unable to start a transaction/i;

/** True when an error means the connection to the database was lost. */
export function isConnectionError(err: unknown): boolean {
  const e = err as { message?: string; code?: string; cause?: unknown } | null;
  if (!e) return false;
  const text = `${e.code ?? ''} ${e.message ?? String(err)}`;
  if (CONNECTION_ERROR.test(text)) return true;
  return e.cause !== undefined && e.cause !== err ? isConnectionError(e.cause) : false;
}

export interface RetryPolicy {
  attempts?: number;
  baseDelayMs?: number;
}

/** Run `fn`, retrying on connection loss; PL_ERR_DB_UNAVAILABLE when every attempt failed. */
export async function withDbRetry<T>(fn: () => Promise<T>, policy: RetryPolicy = {}): Promise<T> {
  const attempts = policy.attempts ?? 6;
  const base = policy.baseDelayMs ?? 250;
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      if (!isConnectionError(err)) throw err;
      last = err;
      if (i < attempts - 1) await new Promise((r) => setTimeout(r, base * 2 ** i));
    }
  }
  const reason = ((last as Error | undefined)?.message ?? String(last)).split('\n')[0] ?? 'connection lost';
  throw new PatchlensError('PL_ERR_DB_UNAVAILABLE', { attempts, reason });
}

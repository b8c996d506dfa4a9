// The one way the ingest store talks SQL: statements over a JSON array of
// rows (jsonb_to_recordset), so a whole chunk is one round trip per table on
// both back ends, inside a Prisma interactive transaction.
import type { Prisma } from '../../db/adapters/client.js';

export type Tx = Prisma.TransactionClient;

/** Run a query whose only parameters are JSON values (passed as text, cast in SQL). */
export async function q<T>(tx: Tx, sql: string, ...params: unknown[]): Promise<T[]> {
  return tx.$queryRawUnsafe<T[]>(sql, ...params.map((p) => JSON.stringify(p)));
}

/** Run a statement; returns the number of rows it touched. */
export async function x(tx: Tx, sql: string, ...params: unknown[]): Promise<number> {
  return tx.$executeRawUnsafe(sql, ...params.map((p) => JSON.stringify(p)));
}

/** Text for Postgres text columns: NUL is not allowed there. */
export function pgText(s: string): string {
  return s.includes('\u0000') ? s.replace(/\u0000/g, '') : s;
}

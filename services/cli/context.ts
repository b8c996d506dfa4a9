// Helpers shared by the command files: open the database for one command and
// always close it, and print JSON in one place.
import { openDb, type Db } from '../db/adapters/client.js';

export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

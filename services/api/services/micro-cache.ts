// A micro-cache for hot reads (the triage queue): identical requests within
// `ttlMs` share one database round trip (single-flight while it runs, then
// the result for the rest of the window). Writes made through this process
// clear it at once (app.ts), so a maintainer always sees their own change;
// changes from other processes (workers, another API instance) show within
// ttlMs. One cache per database handle, so tests with many databases never
// share entries. PATCHLENS_QUEUE_CACHE_MS=0 turns it off.
import type { Db } from '../../db/adapters/client.js';

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

export class MicroCache<T> {
  private entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 1000,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    const value = load();
    this.entries.set(key, { at: now, value });
    // a failed load is not cached
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

const TTL_MS = Number(process.env.PATCHLENS_QUEUE_CACHE_MS ?? 1000);
const caches = new WeakMap<Db, MicroCache<unknown>>();

export function cacheFor<T>(db: Db): MicroCache<T> {
  let c = caches.get(db);
  if (!c) {
    c = new MicroCache<unknown>(TTL_MS);
    caches.set(db, c);
  }
  return c as MicroCache<T>;
}

/** Set the window for this database's reads (the app does, from AppOptions.readCacheMs). */
export function configureReadCache(db: Db, ttlMs: number): void {
  caches.set(db, new MicroCache<unknown>(ttlMs));
}

/** Forget every cached read of this database (after a write). */
export function invalidateReads(db: Db): void {
  caches.get(db)?.clear();
}

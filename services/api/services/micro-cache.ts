// A micro-cache for hot reads (the triage queue): identical requests within
// `ttlMs` share one database round trip (single-flight while it runs, then
// the result for the rest of the window); for one more window the old value
// is served while a single background refresh runs, so no reader waits on a
// refresh. Writes made through this process clear it at once (app.ts), so a
// maintainer always sees their own change; changes from other processes
// (workers, another API instance) show within 2 × ttlMs. One cache per
// database handle, so tests with many databases never share entries.
// PATCHLENS_QUEUE_CACHE_MS=0 turns it off.
import type { Db } from '../../db/adapters/client.js';

interface Entry<T> {
  /** when the value (or the pending load) was asked for */
  at: number;
  value: Promise<T>;
  /** true once value has resolved: only a settled value is served stale */
  settled: boolean;
  /** a refresh running in the background while the stale value is served */
  refreshing: boolean;
}

export class MicroCache<T> {
  private entries = new Map<string, Entry<T>>();

  /**
   * @param ttlMs how long a value is fresh
   * @param staleMs how much longer it may be served while one refresh runs in the background
   */
  constructor(
    private readonly ttlMs: number,
    private readonly staleMs = ttlMs,
    private readonly max = 1000,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (hit?.settled && now - hit.at < this.ttlMs + this.staleMs) {
      if (!hit.refreshing) this.refresh(key, hit, load);
      return hit.value;
    }
    return this.store(key, load(), now);
  }

  private store(key: string, value: Promise<T>, at: number): Promise<T> {
    if (this.entries.size >= this.max && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value as string);
    const entry: Entry<T> = { at, value, settled: false, refreshing: false };
    this.entries.set(key, entry);
    value.then(
      () => {
        entry.settled = true;
      },
      () => {
        // a failed load is not cached
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  private refresh(key: string, stale: Entry<T>, load: () => Promise<T>): void {
    stale.refreshing = true;
    const next = load();
    next.then(
      () => {
        if (this.entries.get(key) === stale) void this.store(key, next, Date.now());
      },
      () => {
        stale.refreshing = false;
      },
    );
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

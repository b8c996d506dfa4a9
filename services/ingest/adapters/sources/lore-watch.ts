// `watch <list>`: one poll of `<base>/<list>/new.atom`, as a MailSource. The
// feed's entries are messages; each one not seen before has its thread
// fetched (`t.mbox.gz`), once per poll even when several new entries share a
// thread. What was seen is kept in IngestCursor under
// `lore-watch:<base>/<list>` as {Message-ID: updated stamp}, written only once
// the thread's mails are stored (checkpoint) or the poll is over (finish), so
// a crash re-fetches rather than loses. A thread that cannot be fetched stays
// unseen, is retried next poll, and is reported as a SourceDamagedError after
// the other threads. The polling loop itself is the CLI's (commands/watch.ts).
import type { Db } from '../../../db/adapters/client.js';
import type { RawMail } from '../../core/types.js';
import { parseAtom, type AtomEntry } from './atom.js';
import { httpText, HttpError, type HttpOptions } from './http.js';
import { fetchThread, loreBaseUrl, parseLoreUrl, threadMboxUrl } from './lore.js';
import type { MailSource } from './types.js';
import { SourceDamagedError, SourceUnreadableError } from './types.js';

/** at most this many seen entries are remembered; older ones fall below `floor` */
const MAX_SEEN = 2000;

export interface LoreWatchOptions {
  base?: string;
  /** where seen entries are remembered; without it every poll fetches the whole feed */
  db?: Db;
  http?: HttpOptions;
}

interface SeenState {
  /** Message-ID → updated stamp of the feed entry */
  seen: Record<string, string>;
  /** entries updated before this stamp count as seen (forgotten to bound the state) */
  floor: string | null;
}

interface Fresh {
  msgid: string;
  updated: string;
}

export interface WatchPoll extends MailSource {
  /** entries in the feed, and those not seen before */
  entries: number;
  fresh: number;
  /** mark every thread read in full as seen (call after the mails were stored) */
  finish(): Promise<void>;
}

export function watchCursorKey(base: string, list: string): string {
  return `lore-watch:${base}/${list}`;
}

const mid = (raw: Buffer): string | null => /^message-id:[ \t]*<?([^>\s]+)>?/im.exec(raw.subarray(0, 65536).toString('latin1'))?.[1] ?? null;

async function loadState(db: Db | undefined, key: string): Promise<SeenState> {
  const row = db ? await db.prisma.ingestCursor.findUnique({ where: { key } }) : null;
  if (!row) return { seen: {}, floor: null };
  try {
    const v = JSON.parse(row.value) as Partial<SeenState>;
    return { seen: v.seen ?? {}, floor: v.floor ?? null };
  } catch {
    return { seen: {}, floor: null };
  }
}

function freshEntries(entries: AtomEntry[], state: SeenState): Fresh[] {
  const out: Fresh[] = [];
  const dup = new Set<string>();
  for (const e of entries) {
    const ref = parseLoreUrl(e.link);
    if (!ref || dup.has(ref.msgid)) continue;
    dup.add(ref.msgid);
    if (state.seen[ref.msgid] === e.updated) continue;
    if (state.floor && e.updated && e.updated < state.floor) continue;
    out.push({ msgid: ref.msgid, updated: e.updated });
  }
  // oldest first, so threads are stored in the order they were posted
  return out.reverse();
}

/** Poll a list's feed once; the returned source fetches the threads of unseen entries. */
export async function pollLore(list: string, opts: LoreWatchOptions = {}): Promise<WatchPoll> {
  const base = loreBaseUrl(opts.base);
  const feedUrl = `${base}/${encodeURIComponent(list)}/new.atom`;
  let xml: string;
  try {
    xml = await httpText(feedUrl, opts.http);
  } catch (err) {
    const reason = err instanceof HttpError && err.status === 404 ? `${feedUrl}: HTTP 404 (no such list)` : (err as Error).message;
    throw new SourceUnreadableError(list, reason);
  }
  const entries = parseAtom(xml);
  const key = watchCursorKey(base, list);
  const state = await loadState(opts.db, key);
  const fresh = freshEntries(entries, state);
  const tracker = new SeenTracker(opts.db, key, state);
  return {
    name: `${base}/${list}`,
    listHint: list,
    entries: entries.length,
    fresh: fresh.length,
    mails: () => readThreads(base, list, fresh, tracker, opts.http),
    checkpoint: (position) => tracker.storedUpTo(position),
    finish: () => tracker.storedUpTo(null),
  };
}

async function* readThreads(base: string, list: string, fresh: Fresh[], tracker: SeenTracker, http?: HttpOptions): AsyncGenerator<RawMail> {
  const covered = new Set<string>();
  // Message-ID → why its thread could not be fetched; dropped when another
  // entry's fetch brings the same thread after all
  const failed = new Map<string, string>();
  for (const entry of fresh) {
    if (covered.has(entry.msgid)) continue;
    const url = threadMboxUrl({ base, list, msgid: entry.msgid });
    const inThread = new Set<string>([entry.msgid]);
    try {
      const mails = await fetchThread(url, url, http);
      for await (const m of mails()) {
        const id = mid(m.raw);
        if (id) inThread.add(id);
        const mail = { ...m, position: `thread <${entry.msgid}> ${m.position}` };
        tracker.yielded(mail.position);
        yield mail;
      }
    } catch (err) {
      if (!(err instanceof SourceUnreadableError || err instanceof SourceDamagedError)) throw err;
      failed.set(entry.msgid, err instanceof SourceDamagedError ? `${err.position}: ${err.reason}` : err.message);
      continue;
    }
    for (const id of inThread) {
      covered.add(id);
      failed.delete(id);
    }
    tracker.threadRead(fresh.filter((f) => inThread.has(f.msgid)));
  }
  if (failed.size) {
    const reasons = [...failed].slice(0, 5).map(([id, why]) => `<${id}>: ${why}`);
    throw new SourceDamagedError(`${base}/${list}`, `${failed.size} thread(s)`, `not fetched, retried next poll: ${reasons.join('; ')}`);
  }
}

/** Which entries are safe to call seen: their thread was read in full and its mails stored. */
class SeenTracker {
  private order = new Map<string, number>();
  private count = 0;
  /** threads read in full: the ordinal of their last mail and the entries they cover */
  private done: { last: number; entries: Fresh[] }[] = [];

  constructor(
    private db: Db | undefined,
    private key: string,
    private state: SeenState,
  ) {}

  yielded(position: string): void {
    this.order.set(position, ++this.count);
  }

  threadRead(entries: Fresh[]): void {
    this.done.push({ last: this.count, entries });
  }

  /** Everything up to `position` is stored (null: everything handed over so far). */
  async storedUpTo(position: string | null): Promise<void> {
    const upTo = position === null ? this.count : (this.order.get(position) ?? 0);
    const ready = this.done.filter((d) => d.last <= upTo);
    if (ready.length === 0) return;
    this.done = this.done.filter((d) => d.last > upTo);
    for (const d of ready) for (const e of d.entries) this.state.seen[e.msgid] = e.updated;
    this.prune();
    if (!this.db) return;
    const value = JSON.stringify(this.state);
    await this.db.prisma.ingestCursor.upsert({ where: { key: this.key }, create: { key: this.key, value }, update: { value } });
  }

  private prune(): void {
    const ids = Object.keys(this.state.seen);
    if (ids.length <= MAX_SEEN) return;
    ids.sort((a, b) => (this.state.seen[a]! < this.state.seen[b]! ? -1 : 1));
    const drop = ids.slice(0, ids.length - MAX_SEEN);
    for (const id of drop) delete this.state.seen[id];
    this.state.floor = this.state.seen[ids[drop.length]!] ?? null;
  }
}

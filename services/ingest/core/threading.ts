// Threading by In-Reply-To and References (RFC 5322 §3.6.4), robust to what
// list archives really hold: parents that were never received, several
// In-Reply-To headers, References cut short by some mailers, and loops.
// Everything here walks iteratively with a visited set, never recursively.
// Used by series assembly (which patch does a reply concern?) and by the
// store (which thread row does a new message join?).
import type { MailItem, ThreadNode } from './types.js';

type Links = Pick<MailItem, 'messageId' | 'inReplyTo' | 'references'>;

/** The parent among the known messages: an In-Reply-To first, else the nearest known Reference. */
export function knownParent(item: Links, known: ReadonlySet<string>): string | null {
  for (const id of item.inReplyTo) if (id !== item.messageId && known.has(id)) return id;
  for (let i = item.references.length - 1; i >= 0; i--) {
    const id = item.references[i];
    if (id !== undefined && id !== item.messageId && known.has(id)) return id;
  }
  return null;
}

/** The parent as the mail names it, known or not. */
export function declaredParent(item: Links): string | null {
  const irt = item.inReplyTo.find((id) => id !== item.messageId);
  if (irt) return irt;
  for (let i = item.references.length - 1; i >= 0; i--) {
    const id = item.references[i];
    if (id !== undefined && id !== item.messageId) return id;
  }
  return null;
}

/**
 * Parent links among a set of messages. A reference loop (A → B → A, or a
 * message listed as its own ancestor) is cut at the loop member with the
 * greatest Message-ID, which is stable whatever the arrival order. Linear:
 * every message is walked once (white/grey/black marking, no recursion).
 */
export function buildThreadTree(items: Links[]): ThreadNode[] {
  const known = new Set(items.map((i) => i.messageId));
  const parent = new Map<string, string | null>();
  for (const item of items) parent.set(item.messageId, knownParent(item, known));
  const state = new Map<string, 'walking' | 'done'>();
  for (const id of [...parent.keys()].sort()) {
    const path: string[] = [];
    let cur: string | null = id;
    while (cur !== null && !state.has(cur)) {
      state.set(cur, 'walking');
      path.push(cur);
      cur = parent.get(cur) ?? null;
    }
    if (cur !== null && state.get(cur) === 'walking') {
      const loop = path.slice(path.indexOf(cur));
      const cut = loop.reduce((a, b) => (b > a ? b : a));
      parent.set(cut, null);
    }
    for (const p of path) state.set(p, 'done');
  }
  return items.map((i) => ({ messageId: i.messageId, parent: parent.get(i.messageId) ?? null }));
}

/** Ancestors of a message, nearest first, stopping at a loop. */
export function ancestors(id: string, parentOf: ReadonlyMap<string, string | null>): string[] {
  const out: string[] = [];
  const seen = new Set<string>([id]);
  let cur = parentOf.get(id) ?? null;
  while (cur !== null && !seen.has(cur)) {
    out.push(cur);
    seen.add(cur);
    cur = parentOf.get(cur) ?? null;
  }
  return out;
}

/** Map of messageId → parent from thread nodes. */
export function parentMap(nodes: ThreadNode[]): Map<string, string | null> {
  return new Map(nodes.map((n) => [n.messageId, n.parent]));
}

/**
 * The thread a message belongs to, named by the Message-ID of its root as
 * the message itself declares it: the first References entry (the thread
 * root, kept by every mailer that truncates References), else the first
 * In-Reply-To, else the message itself. Needs no other message, so a store
 * can place a message whatever order messages arrive in.
 */
export function declaredRoot(item: Links): string {
  const ref = item.references.find((id) => id !== item.messageId);
  if (ref) return ref;
  const irt = item.inReplyTo.find((id) => id !== item.messageId);
  return irt ?? item.messageId;
}

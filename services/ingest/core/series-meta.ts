// Series metadata written in cover letters and patch notes: `base-commit:`,
// b4's `change-id:`, `Depends-on:` / `prerequisite-*` lines, and references to
// the version a posting supersedes (`Supersedes: <msgid>`, b4's "Link to v1:
// https://lore.kernel.org/r/<msgid>", changelog lines "v1: <lore url>").
// Quoted lines (replies quoting a cover) are ignored. Pure.
import { splitLines } from './diff.js';

const LORE_URL = /https?:\/\/(?:lore\.kernel\.org|patch\.msgid\.link|lkml\.kernel\.org)\/(?:(?:r|all|[\w.+-]+)\/)?([^\s/<>]+@[^\s/<>]+?)(?=[/\s>#?]|$)/i;

function ownLines(body: string): string[] {
  return splitLines(body)
    .map((l) => l.replace(/\r?\n$/, ''))
    .filter((l) => !/^\s*>/.test(l));
}

/** A Message-ID from "<id>", a lore/msgid.link URL, or a bare id@host. */
export function messageIdIn(text: string): string | null {
  const url = LORE_URL.exec(text);
  if (url) return decodeURIComponent(url[1] ?? '');
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(text);
  if (angle) return angle[1] ?? null;
  const bareId = /(?:^|\s)([^\s<>@:/]+@[^\s<>@/]+\.[^\s<>@/]+)\s*$/.exec(text);
  return bareId ? (bareId[1] ?? null) : null;
}

export function baseCommitIn(body: string): string | null {
  for (const l of ownLines(body)) {
    const m = /^base-commit:\s*([0-9a-f]{7,64})\s*$/i.exec(l);
    if (m) return (m[1] ?? '').toLowerCase();
  }
  return null;
}

export function changeIdIn(body: string): string | null {
  for (const l of ownLines(body)) {
    const m = /^change-id:\s*(\S+)\s*$/i.exec(l);
    if (m) return m[1] ?? null;
  }
  return null;
}

/** Depends-on: and prerequisite-*: values; Message-IDs where one can be read, else the raw value. */
export function dependsOnIn(body: string): string[] {
  const out: string[] = [];
  for (const l of ownLines(body)) {
    const m = /^(depends-on|prerequisite-message-id|prerequisite-patch-id|prerequisite-change-id):\s*(.+?)\s*$/i.exec(l);
    if (!m) continue;
    const kind = (m[1] ?? '').toLowerCase();
    const value = m[2] ?? '';
    const ref = kind === 'prerequisite-patch-id' ? `patch-id:${value}` : kind === 'prerequisite-change-id' ? `change-id:${value}` : (messageIdIn(value) ?? value);
    if (!out.includes(ref)) out.push(ref);
  }
  return out;
}

/** Message-IDs of older versions this posting names. */
export function supersedesIn(body: string): string[] {
  const out: string[] = [];
  for (const l of ownLines(body)) {
    const explicit = /^supersedes:\s*(.+)$/i.exec(l);
    const linkTo = /\b(?:link to )?v\d+(?:\.\d+)?\s*(?:\]|:|-)\s*\S*https?:\/\//i.test(l) || /^\s*-?\s*link to v\d+/i.test(l);
    if (!explicit && !linkTo) continue;
    const id = messageIdIn(explicit ? (explicit[1] ?? '') : l);
    if (id && !out.includes(id)) out.push(id);
  }
  return out;
}

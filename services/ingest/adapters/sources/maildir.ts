// Maildir source: the mails in cur/ and new/ (tmp/ holds deliveries in
// progress and is skipped), in a fixed order so two runs see the same
// sequence: by file name without the ":2,flags" suffix (delivery names start
// with the delivery time), then by folder. One file is read at a time.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { MailSource } from './types.js';
import { SourceDamagedError, SourceUnreadableError } from './types.js';

export interface MaildirOptions {
  listHint?: string | null;
}

/** Is `dir` a Maildir (has cur/ or new/ folders)? */
export async function isMaildir(dir: string): Promise<boolean> {
  for (const sub of ['cur', 'new']) {
    const st = await stat(path.join(dir, sub)).catch(() => null);
    if (st?.isDirectory()) return true;
  }
  return false;
}

interface Entry {
  sub: 'cur' | 'new';
  name: string;
  key: string;
}

async function listEntries(dir: string): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const sub of ['cur', 'new'] as const) {
    const names = await readdir(path.join(dir, sub), { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw new SourceUnreadableError(dir, `${sub}/: ${err.message}`);
    });
    for (const d of names) {
      if (d.name.startsWith('.') || !d.isFile()) continue;
      out.push({ sub, name: d.name, key: d.name.replace(/:2,[^/]*$/, '') });
    }
  }
  out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.sub < b.sub ? -1 : a.sub > b.sub ? 1 : 0));
  return out;
}

export async function maildirSource(dir: string, opts: MaildirOptions = {}): Promise<MailSource> {
  if (!(await isMaildir(dir))) throw new SourceUnreadableError(dir, 'not a Maildir (no cur/ or new/ folder)');
  const entries = await listEntries(dir);
  return {
    name: dir,
    listHint: opts.listHint ?? null,
    mails: async function* () {
      const unreadable: string[] = [];
      for (const e of entries) {
        const rel = `${e.sub}/${e.name}`;
        let raw: Buffer;
        try {
          raw = await readFile(path.join(dir, e.sub, e.name));
        } catch (err) {
          // a mail moved by a mail client between listing and reading is gone, not damage
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') unreadable.push(`${rel} (${(err as Error).message})`);
          continue;
        }
        yield { raw, source: dir, position: rel };
      }
      if (unreadable.length) {
        throw new SourceDamagedError(dir, unreadable[0]!.split(' ')[0]!, `${unreadable.length} file(s) could not be read: ${unreadable.slice(0, 10).join(', ')}`);
      }
    },
  };
}

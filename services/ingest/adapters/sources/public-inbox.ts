// public-inbox v2 archives: a folder with git/0.git, git/1.git … (bare
// repositories, "epochs"). Each commit stores one message as the blob `m` at
// the root of its tree; a removal commit has no `m` (public-inbox keeps the
// removed mail as `d`) and is skipped: removing stored mails is not done here.
// Commits are listed oldest first by `git log --reverse` and their blobs read
// one at a time through one `git cat-file --batch` per epoch, so memory stays
// flat. Resumable: checkpoint(position) stores the last stored commit of the
// epoch in IngestCursor under `pi:<absolute epoch path>`; a rerun starts after it.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Db } from '../../../db/adapters/client.js';
import type { RawMail } from '../../core/types.js';
import { ByteReader } from './byte-reader.js';
import type { MailSource } from './types.js';
import { SourceDamagedError, SourceUnreadableError } from './types.js';

export interface PublicInboxOptions {
  /** where resume points are kept; without it every run reads every commit */
  db?: Db;
  listHint?: string | null;
}

interface Epoch {
  n: number;
  dir: string;
}

type Git = ChildProcessByStdio<Writable | null, Readable, Readable>;

const POSITION = /^epoch (\d+) commit ([0-9a-f]{40,64})$/;

async function listEpochs(root: string): Promise<Epoch[]> {
  const names = await readdir(path.join(root, 'git')).catch(() => [] as string[]);
  const out: Epoch[] = [];
  for (const name of names) {
    const m = /^(\d+)\.git$/.exec(name);
    if (!m) continue;
    const dir = path.join(root, 'git', name);
    if ((await stat(dir).catch(() => null))?.isDirectory()) out.push({ n: Number(m[1]), dir });
  }
  return out.sort((a, b) => a.n - b.n);
}

/** Is `dir` a public-inbox v2 archive (a git/ folder with N.git epochs)? */
export async function isPublicInboxV2(dir: string): Promise<boolean> {
  return (await listEpochs(dir)).length > 0;
}

/** The cursor key of an epoch: `pi:<absolute archive path>:<epoch>`. */
export function cursorKey(root: string, epoch: number): string {
  return `pi:${path.resolve(root)}:${epoch}`;
}

function git(epochDir: string, args: string[], stdin: boolean): Git {
  return spawn('git', ['--git-dir', epochDir, ...args], {
    stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
  }) as Git;
}

/** Run git to completion and return stdout (small outputs only). */
async function gitOutput(epochDir: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const child = git(epochDir, args, false);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number>((resolve) => {
    child.on('close', (c) => resolve(c ?? 1));
    child.on('error', (e) => {
      err += e.message;
      resolve(127);
    });
  });
  return { code, out, err };
}

export async function publicInboxSource(root: string, opts: PublicInboxOptions = {}): Promise<MailSource> {
  const epochs = await listEpochs(root);
  if (epochs.length === 0) throw new SourceUnreadableError(root, 'not a public-inbox v2 archive (no git/N.git epochs)');
  const probe = await gitOutput(epochs[0]!.dir, ['rev-parse', '--git-dir']);
  if (probe.code !== 0) throw new SourceUnreadableError(root, `git cannot read ${epochs[0]!.dir}: ${probe.err.trim()}`);
  // last commit read per epoch (removals included): a checkpoint in epoch N
  // means every earlier epoch was read and stored to its end
  const lastRead = new Map<number, string>();
  const saved = new Map<number, string>();
  const save = async (epoch: number, sha: string) => {
    if (!opts.db || saved.get(epoch) === sha) return;
    const key = cursorKey(root, epoch);
    await opts.db.prisma.ingestCursor.upsert({ where: { key }, create: { key, value: sha }, update: { value: sha } });
    saved.set(epoch, sha);
  };
  return {
    name: root,
    listHint: opts.listHint ?? null,
    mails: () => readArchive(root, epochs, opts.db, lastRead),
    checkpoint: async (position: string) => {
      const m = POSITION.exec(position);
      if (!m || !opts.db) return;
      const epoch = Number(m[1]);
      for (const [n, sha] of lastRead) if (n < epoch) await save(n, sha);
      await save(epoch, m[2]!);
    },
  };
}

async function* readArchive(root: string, epochs: Epoch[], db: Db | undefined, lastRead: Map<number, string>): AsyncGenerator<RawMail> {
  const damage: string[] = [];
  for (const epoch of epochs) {
    const since = db ? ((await db.prisma.ingestCursor.findUnique({ where: { key: cursorKey(root, epoch.n) } }))?.value ?? null) : null;
    try {
      yield* readEpoch(root, epoch, since, (sha) => lastRead.set(epoch.n, sha));
    } catch (err) {
      damage.push(`epoch ${epoch.n}: ${(err as Error).message}`);
    }
  }
  if (damage.length) throw new SourceDamagedError(root, damage[0]!.split(':')[0]!, damage.join('; '));
}

/** The range to list: everything, or what came after the stored commit when it is still in history. */
async function commitRange(epoch: Epoch, since: string | null): Promise<string[] | null> {
  const head = await gitOutput(epoch.dir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (head.code !== 0) return null; // an epoch without commits yet
  if (!since) return ['HEAD'];
  const known = await gitOutput(epoch.dir, ['merge-base', '--is-ancestor', since, 'HEAD']);
  // a rewritten epoch (public-inbox purge) no longer contains the stored commit: read it all again;
  // storing is idempotent, so this costs time, not correctness
  return known.code === 0 ? [`${since}..HEAD`] : ['HEAD'];
}

async function* readEpoch(root: string, epoch: Epoch, since: string | null, read: (sha: string) => void): AsyncGenerator<RawMail> {
  const range = await commitRange(epoch, since);
  if (!range) return;
  const log = git(epoch.dir, ['log', '--reverse', '--format=%H', ...range, '--'], false);
  const cat = git(epoch.dir, ['cat-file', '--batch'], true);
  const logErr = collect(log.stderr);
  const catErr = collect(cat.stderr);
  const logExit = exitOf(log);
  const catExit = exitOf(cat);
  const commits = new ByteReader(log.stdout);
  const blobs = new ByteReader(cat.stdout);
  const catIn = cat.stdin!;
  catIn.on('error', () => undefined); // reported through the exit code below
  try {
    for (let sha = await commits.readLine(); sha !== null; sha = await commits.readLine()) {
      if (!sha) continue;
      catIn.write(`${sha}:m\n`);
      const header = await blobs.readLine();
      if (header === null) throw new Error(`git cat-file stopped: ${catErr().trim()}`);
      if (header.endsWith(' missing')) {
        read(sha); // a removal commit: nothing to hand over
        continue;
      }
      const size = Number(header.split(' ')[2]);
      if (!Number.isSafeInteger(size)) throw new Error(`git cat-file: unexpected reply "${header}"`);
      const raw = await blobs.readBytes(size);
      await blobs.readBytes(1); // the newline after the contents
      read(sha);
      yield { raw, source: root, position: `epoch ${epoch.n} commit ${sha}` };
    }
    const code = await logExit;
    if (code !== 0) throw new Error(`git log failed (${code}): ${logErr().trim()}`);
  } finally {
    catIn.end();
    log.kill();
    await catExit;
  }
}

function collect(stream: Readable): () => string {
  let text = '';
  stream.on('data', (d: Buffer) => {
    if (text.length < 4096) text += d.toString();
  });
  return () => text;
}

function exitOf(child: Git): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    child.on('close', (c) => resolve(c ?? 1));
    child.on('error', () => resolve(127));
  });
}

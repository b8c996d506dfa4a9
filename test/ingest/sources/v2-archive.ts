// Builds small public-inbox v2 archives for tests with git plumbing only:
// each epoch is a bare repository whose commits hold one message as the blob
// `m` at the root of the tree (a removal commit holds it as `d` instead).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'archive',
  GIT_AUTHOR_EMAIL: 'archive@example.org',
  GIT_COMMITTER_NAME: 'archive',
  GIT_COMMITTER_EMAIL: 'archive@example.org',
  GIT_AUTHOR_DATE: '1700000000 +0000',
  GIT_COMMITTER_DATE: '1700000000 +0000',
};

function git(gitDir: string, args: string[], input?: string | Buffer): string {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { env: ENV, input, maxBuffer: 256 << 20 }).toString().trim();
}

export class V2Archive {
  constructor(readonly root: string) {
    mkdirSync(path.join(root, 'git'), { recursive: true });
  }

  epochDir(n: number): string {
    return path.join(this.root, 'git', `${n}.git`);
  }

  /** Create epoch n (a bare repository without commits). */
  epoch(n: number): string {
    const dir = this.epochDir(n);
    execFileSync('git', ['init', '--bare', '-q', dir], { env: ENV });
    git(dir, ['symbolic-ref', 'HEAD', 'refs/heads/master']);
    return dir;
  }

  private commitFile(n: number, file: 'm' | 'd', raw: string | Buffer, subject: string): string {
    const dir = this.epochDir(n);
    const blob = git(dir, ['hash-object', '-w', '--stdin'], raw);
    const tree = git(dir, ['mktree'], `100644 blob ${blob}\t${file}\n`);
    const parent = this.head(n);
    const commit = git(dir, ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', subject]);
    git(dir, ['update-ref', 'refs/heads/master', commit]);
    return commit;
  }

  /** The tip of epoch n, null before its first commit. */
  head(n: number): string | null {
    try {
      return git(this.epochDir(n), ['rev-parse', '--verify', '--quiet', 'refs/heads/master^{commit}']) || null;
    } catch {
      return null;
    }
  }

  /** Commit one message to epoch n; returns the commit id. */
  add(n: number, raw: string | Buffer): string {
    return this.commitFile(n, 'm', raw, 'add');
  }

  /** A removal commit (the removed mail kept as `d`, no `m`). */
  remove(n: number, raw: string | Buffer): string {
    return this.commitFile(n, 'd', raw, 'remove');
  }

  /** Throw the history of epoch n away and start it again (what a purge does). */
  rewrite(n: number, raws: (string | Buffer)[]): string[] {
    const dir = this.epochDir(n);
    git(dir, ['update-ref', '-d', 'refs/heads/master']);
    return raws.map((r) => this.add(n, r));
  }
}

export function message(id: string, body = 'hello'): string {
  return `From: Tester <t@example.org>\nMessage-ID: <${id}>\nSubject: ${id}\nDate: Thu, 1 Jan 2026 00:00:00 +0000\n\n${body}\n`;
}

// Runs the real `patchlens` binary in a child process against a database of
// its own: a fresh PGlite data directory, or (when DATABASE_URL is set, as in
// the second pass of .ci/run) a fresh database on the Postgres server, dropped
// afterwards. The test opens the same database in-process to look at rows.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, type Db } from '../../../services/db/adapters/client.js';
import { ROOT } from '../helpers.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliBackend {
  name: string;
  /** run to completion (asynchronously: a blocked test worker would miss vitest's heartbeats) */
  run(args: string[], opts?: { input?: string; cwd?: string }): Promise<CliResult>;
  spawn(args: string[]): ChildProcess;
  open(): Promise<Db>;
  cleanup(): Promise<void>;
}

const BIN = path.join(ROOT, 'bin/patchlens.js');

export async function cliBackend(): Promise<CliBackend> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-cli-'));
  const server = process.env.DATABASE_URL;
  let url: string | null = null;
  if (server) {
    const name = `pl_cli_${randomBytes(5).toString('hex')}`;
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(server);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const env = { ...process.env, PATCHLENS_DATA_DIR: path.join(dir, 'data') } as Record<string, string | undefined>;
  if (url) env.DATABASE_URL = url;
  else delete env.DATABASE_URL;
  return {
    name: url ? 'postgres' : 'pglite',
    run(args, opts = {}) {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
        child.stdin.end(opts.input ?? '');
      });
    },
    spawn(args) {
      return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    },
    open: () => (url ? openDb({ databaseUrl: url, poolSize: 2 }) : openDb({ dataDir: path.join(dir, 'data'), databaseUrl: '' })),
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
      if (url && server) {
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
        await c.end();
      }
    },
  };
}

/** A scratch directory removed by the caller. */
export function scratch(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

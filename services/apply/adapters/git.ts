// Runs git for the applier: every call has a time limit (the child is killed
// with SIGKILL on expiry), a bounded output size, a scrubbed environment (no
// GIT_* variables leak in from a hook or a shell; C locale so messages parse)
// and returns a result value instead of throwing. Missing binary, time-outs and
// non-zero exits are all results with a reason. Callers put "--" before any
// path and pass user text on stdin, never as an option.
import { execFile } from 'node:child_process';

export interface GitOptions {
  /** git binary; default PATCHLENS_GIT or "git" */
  git?: string;
  /** working directory (the applier uses its scratch dir) */
  cwd: string;
  /** extra environment (GIT_DIR, GIT_INDEX_FILE …) */
  env?: Record<string, string>;
  input?: string | Buffer;
  /** ms; default 60 s */
  timeoutMs?: number;
  /** bytes of stdout/stderr kept; default 256 MiB */
  maxBuffer?: number;
}

export type GitResult =
  | { ok: true; stdout: string; stderr: string }
  | { ok: false; kind: 'exit' | 'timeout' | 'missing' | 'spawn'; code: number | null; stdout: string; stderr: string; reason: string };

const DEFAULT_TIMEOUT = 60_000;

/** process.env without GIT_* variables, plus the settings every call needs. */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return {
    ...env,
    LC_ALL: 'C',
    LANG: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_LITERAL_PATHSPECS: '1',
    ...extra,
  };
}

/** Options every call carries: no automatic gc or maintenance, no hooks, no fsmonitor, no pager. */
const SAFE_CONFIG = ['-c', 'gc.auto=0', '-c', 'maintenance.auto=false', '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.splitIndex=false', '-c', 'core.untrackedCache=false', '--no-pager'];

export function gitBinary(opts: { git?: string }): string {
  return opts.git ?? process.env.PATCHLENS_GIT ?? 'git';
}

export function runGit(args: string[], opts: GitOptions): Promise<GitResult> {
  const timeout = opts.timeoutMs ?? DEFAULT_TIMEOUT;
  return new Promise((resolve) => {
    let child: ReturnType<typeof execFile>;
    try {
      child = execFile(
        gitBinary(opts),
        [...SAFE_CONFIG, ...args],
        { cwd: opts.cwd, env: gitEnv(opts.env), timeout, killSignal: 'SIGKILL', maxBuffer: opts.maxBuffer ?? 256 * 1024 * 1024, encoding: 'utf8', windowsHide: true },
        (err, stdout, stderr) => {
          const out = String(stdout ?? '');
          const errText = String(stderr ?? '');
          if (!err) return resolve({ ok: true, stdout: out, stderr: errText });
          const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: number | string; signal?: string };
          if (e.code === 'ENOENT') return resolve({ ok: false, kind: 'missing', code: null, stdout: out, stderr: errText, reason: `git binary "${gitBinary(opts)}" not found` });
          if (e.killed || e.signal === 'SIGKILL') return resolve({ ok: false, kind: 'timeout', code: null, stdout: out, stderr: errText, reason: `git ${args[0]} timed out after ${timeout} ms` });
          if (typeof e.code === 'number') return resolve({ ok: false, kind: 'exit', code: e.code, stdout: out, stderr: errText, reason: firstError(errText) ?? `git ${args[0]} exited with ${e.code}` });
          resolve({ ok: false, kind: 'spawn', code: null, stdout: out, stderr: errText, reason: `git ${args[0]} could not run: ${e.message}` });
        },
      );
    } catch (err) {
      resolve({ ok: false, kind: 'spawn', code: null, stdout: '', stderr: '', reason: `git could not start: ${(err as Error).message}` });
      return;
    }
    child.stdin?.on('error', () => undefined); // git may exit before reading all input
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/** The first "fatal:" or "error:" line of git's stderr, for reasons. */
export function firstError(stderr: string): string | null {
  const line = stderr.split('\n').find((l) => /^(fatal|error): /.test(l));
  return line ? line.replace(/^(fatal|error): /, '') : null;
}

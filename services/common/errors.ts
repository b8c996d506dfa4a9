// The error catalogue: every error patchlens reports to a person or over HTTP
// has a stable PL_ERR_* code, an HTTP status and a message template. Each code
// is documented in docs/errors.md (test/common/errors.test.js checks that).
// Core functions return these as values (see Result); only the CLI picks exit
// codes and only the API picks HTTP statuses.

export interface ErrorSpec {
  status: number;
  /** message template; {name} placeholders are filled from the params */
  message: string;
}

export const ERRORS = {
  PL_ERR_BAD_INPUT: { status: 400, message: '{field}: {reason}' },
  PL_ERR_NOT_FOUND: { status: 404, message: '{what} {id} not found' },
  PL_ERR_UNAUTHORIZED: { status: 401, message: 'an API token is required for this request' },
  PL_ERR_FORBIDDEN: { status: 403, message: 'token {token} is not a maintainer of list {list}' },
  PL_ERR_CONFLICT: { status: 409, message: '{what}: {reason}' },
  PL_ERR_SOURCE_UNREADABLE: { status: 422, message: 'cannot read {source}: {reason}' },
  PL_ERR_MESSAGE_REJECTED: { status: 422, message: '{source} at {position}: {reason}' },
  PL_ERR_DB_UNAVAILABLE: { status: 503, message: 'database unavailable after {attempts} attempts: {reason}' },
  PL_ERR_MIGRATION_CHANGED: { status: 500, message: 'migration {name} was edited after it was applied' },
  PL_ERR_MIGRATION_FAILED: { status: 500, message: 'migration {name} failed: {reason}' },
  PL_ERR_MIGRATION_UNKNOWN: { status: 500, message: 'database has migration {name} that this build does not know' },
  PL_ERR_GIT: { status: 500, message: 'git {op} failed in {repo}: {reason}' },
  PL_ERR_NO_TREE: { status: 404, message: 'no tree is configured for list {list}' },
  PL_ERR_SMTP: { status: 502, message: 'sending mail through {server} failed: {reason}' },
  PL_ERR_INTERNAL: { status: 500, message: 'internal error: {reason}' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** An error carrying a catalogue code; the API maps it to its status. */
export class PatchlensError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Record<string, string | number>;
  constructor(code: ErrorCode, params: Record<string, string | number> = {}) {
    super(formatError(code, params));
    this.name = 'PatchlensError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.params = params;
  }
}

export function formatError(code: ErrorCode, params: Record<string, string | number>): string {
  return ERRORS[code].message.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/** The shape of a core function's outcome: a value, or a reason it could not be had. */
export type Result<T, C extends string = ErrorCode> = { ok: true; value: T } | { ok: false; code: C; reason: string };

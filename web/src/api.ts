// The dashboard's client of the JSON API: GETs are public, writes carry the
// maintainer's token (kept in localStorage, entered once in the header).
// Errors come back as the API's {code, message} and are thrown as ApiError.

export const STATES = ['New', 'Under Review', 'Accepted', 'Changes Requested', 'Rejected', 'RFC', 'Not Applicable', 'Superseded', 'Deferred'] as const;
export const COMMENT_STATUSES = ['open', 'answered', 'acknowledged', 'disputed', 'addressed', 'dismissed'] as const;

const TOKEN_KEY = 'patchlens.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = getToken();
  if (method !== 'GET' && token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, data.code ?? 'PL_ERR_INTERNAL', data.message ?? res.statusText);
  return data as T;
}

export const get = <T>(url: string) => request<T>('GET', url);
export const post = <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {});
export const del = <T>(url: string) => request<T>('DELETE', url);

export interface PersonRef {
  id: number;
  name: string;
  email: string;
}

export interface QueueItem {
  id: number;
  title: string;
  version: number;
  rfc: boolean;
  state: string;
  list: string;
  received: number;
  total: number;
  complete: boolean;
  date: string;
  author: PersonRef | null;
  delegate: PersonRef | null;
  trailers: { reviewed: number; acked: number; tested: number };
  apply: { verdict: string; firstFailing: number | null } | null;
  concerns: { open: number; answered: number };
  versions: { id: number; version: number }[];
}

export interface Trace {
  actors: string[];
  steps: { from: string; to: string; label: string; violating: boolean }[];
}

export interface Concern {
  id: number;
  patchId: number | null;
  rule: string;
  severity: string;
  file: string | null;
  startLine: number | null;
  endLine: number | null;
  summary: string;
  explanation: string;
  origin: string;
  status: string;
  trace: Trace;
}

export interface HunkApply {
  file: string;
  hunk: number;
  header: string;
  status: string;
  mismatch: { expectedAt: number; differingCount: number; treeHas: string[] } | null;
}

export interface Patch {
  id: number;
  index: number;
  subject: string;
  messageId: string;
  author: { name: string; email: string };
  date: string | null;
  commitMessage: string;
  diff: string;
  state: string;
  trailers: { kind: string; name: string; email: string }[];
  apply: { status: string; reason: string; hunks: HunkApply[] } | null;
}

export interface LedgerComment {
  id: number;
  patchId: number | null;
  onCover: boolean;
  concernId: number | null;
  author: { name: string; email: string };
  messageId: string | null;
  quoted: string;
  text: string;
  status: string;
  anchor: { file: string; lines: number[] } | null;
  answers: { messageId: string; fromName: string; byAuthor: boolean }[];
  events: { fromStatus: string | null; toStatus: string; actor: string; evidence: { messageId: string | null; lines: number[] | null; note: string | null } }[];
}

export interface SeriesDetail {
  id: number;
  title: string;
  version: number;
  state: string;
  list: string;
  total: number;
  received: number;
  date: string | null;
  author: PersonRef | null;
  delegate: PersonRef | null;
  cover: { messageId: string; subject: string; body: string; fromName: string; date: string | null } | null;
  trailers: { kind: string; name: string; email: string }[];
  patches: Patch[];
  apply: { verdict: string; firstFailing: number | null; tree: string | null; baseCommit: string | null; baseMethod: string; error: string | null } | null;
  concerns: Concern[];
  ledger: LedgerComment[];
  versions: { id: number; version: number; title: string; state: string }[];
}

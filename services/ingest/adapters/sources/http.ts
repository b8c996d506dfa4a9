// HTTP for the lore sources: Node's fetch with a timeout until the response
// headers arrive, an idle timeout while the body streams, and retries with
// exponential backoff on network errors and 5xx (and 429). A 4xx other than
// 429 is an answer, not a fault: it is returned to the caller, not retried.

export interface HttpOptions {
  /** time allowed until the response headers arrive, ms (default 30 s) */
  timeoutMs?: number;
  /** longest pause while the body streams, ms (default 60 s) */
  idleMs?: number;
  /** attempts after the first one (default 4) */
  retries?: number;
  /** first backoff, ms, doubled each retry (default 500) */
  backoffMs?: number;
  /** for tests */
  fetchImpl?: typeof fetch;
}

export class HttpError extends Error {
  constructor(readonly url: string, readonly status: number | null, reason: string) {
    super(`${url}: ${reason}`);
    this.name = 'HttpError';
  }
}

export interface Fetched {
  response: Response;
  /** the body as chunks; stalls longer than idleMs end it with an error */
  chunks(): AsyncIterable<Buffer>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function retryable(status: number): boolean {
  return status >= 500 || status === 429;
}

/** GET `url`; resolves with a response that is not worth retrying (check .response.ok), rejects with HttpError after the last retry. */
export async function httpGet(url: string, opts: HttpOptions = {}): Promise<Fetched> {
  const retries = opts.retries ?? 4;
  let wait = opts.backoffMs ?? 500;
  let last = '';
  let lastStatus: number | null = null;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      await sleep(wait);
      wait *= 2;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no response within ${opts.timeoutMs ?? 30_000} ms`)), opts.timeoutMs ?? 30_000);
    try {
      const response = await (opts.fetchImpl ?? fetch)(url, { signal: controller.signal, headers: { 'user-agent': 'patchlens' } });
      clearTimeout(timer);
      if (retryable(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        last = `HTTP ${response.status}`;
        lastStatus = response.status;
        continue;
      }
      return { response, chunks: () => bodyChunks(response, controller, opts.idleMs ?? 60_000) };
    } catch (err) {
      clearTimeout(timer);
      last = (err as Error).cause ? `${(err as Error).message} (${String(((err as Error).cause as Error).message ?? (err as Error).cause)})` : (err as Error).message;
      lastStatus = null;
    }
  }
  throw new HttpError(url, lastStatus, `${last} after ${retries + 1} attempts`);
}

async function* bodyChunks(response: Response, controller: AbortController, idleMs: number): AsyncGenerator<Buffer> {
  if (!response.body) return;
  const reader = response.body.getReader();
  let timer: NodeJS.Timeout | null = null;
  let finished = false;
  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`body stalled for ${idleMs} ms`)), idleMs);
  };
  try {
    for (;;) {
      arm();
      const r = await reader.read();
      if (r.done) {
        finished = true;
        return;
      }
      yield Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
    }
  } finally {
    if (timer) clearTimeout(timer);
    // a reader that stops early must not leave the connection half-read
    if (!finished) await reader.cancel().catch(() => undefined);
    else reader.releaseLock();
  }
}

/** GET a small text document (an Atom feed); 404 and other 4xx become HttpError. */
export async function httpText(url: string, opts: HttpOptions = {}): Promise<string> {
  const { response } = await httpGet(url, opts);
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new HttpError(url, response.status, `HTTP ${response.status}`);
  }
  return response.text();
}

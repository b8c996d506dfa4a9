// Reads lines and exact byte counts from a chunked stream (a child process's
// stdout), holding only what the caller has not consumed yet. Used to talk to
// `git log` and `git cat-file --batch`.

export class ByteReader {
  private it: AsyncIterator<Buffer>;
  private buf: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(stream: AsyncIterable<Buffer | string>) {
    const src = stream[Symbol.asyncIterator]();
    this.it = {
      next: async () => {
        const r = await src.next();
        return r.done ? { done: true, value: undefined } : { done: false, value: Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value) };
      },
    };
  }

  private async more(): Promise<boolean> {
    if (this.done) return false;
    const r = await this.it.next();
    if (r.done) {
      this.done = true;
      return false;
    }
    this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : r.value;
    return true;
  }

  /** The next line without its "\n"; null at the end of the stream. */
  async readLine(): Promise<string | null> {
    let from = 0;
    for (;;) {
      const nl = this.buf.indexOf(0x0a, from);
      if (nl >= 0) {
        const line = this.buf.toString('utf8', 0, nl);
        this.buf = this.buf.subarray(nl + 1);
        return line;
      }
      from = this.buf.length;
      if (!(await this.more())) {
        if (this.buf.length === 0) return null;
        const line = this.buf.toString('utf8');
        this.buf = Buffer.alloc(0);
        return line;
      }
    }
  }

  /** Exactly n bytes; throws when the stream ends first. */
  async readBytes(n: number): Promise<Buffer> {
    if (this.buf.length >= n) return this.take(n);
    const parts: Buffer[] = [this.buf];
    let have = this.buf.length;
    this.buf = Buffer.alloc(0);
    while (have < n) {
      if (!(await this.more())) throw new Error(`stream ended after ${have} of ${n} bytes`);
      parts.push(this.buf);
      have += this.buf.length;
      this.buf = Buffer.alloc(0);
    }
    const all = Buffer.concat(parts, have);
    this.buf = all.subarray(n);
    return all.subarray(0, n);
  }

  private take(n: number): Buffer {
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }
}

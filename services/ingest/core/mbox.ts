// Incremental mbox splitter: feed Buffer chunks in any size, get back each
// complete message as a Buffer. Only the incomplete last line and the current
// message are held, never the whole file. Pure: sources (files, gzip, stdin,
// HTTP) live in adapters/sources and feed it. Works on bytes, not strings, so
// NUL bytes and unknown charsets pass through untouched; CRLF files work.
//
// Separator: a line starting with "From " that looks like a postmark
// ("From <sender> <date with hh:mm>") and is at the start of the stream or
// follows a blank line (as git mailsplit and public-inbox's MboxReader read).
// Unquoting (what the writer quoted to keep body lines from looking like
// separators):
//   mboxrd  ">From ", ">>From " … lose one ">"   (lore, public-inbox)
//   mboxo   only ">From " becomes "From "        (classic writers)
//   none    nothing is changed                   (git format-patch)
// 'auto' (default) picks mboxrd when the first postmark is lore's
// "From mboxrd@z …", mboxo otherwise. The blank line a writer adds after each
// message is part of the format and is removed. Not done here: mboxcl
// (Content-Length framing), which lore does not serve.

export type MboxFlavor = 'mboxrd' | 'mboxo' | 'none';

export interface MboxMessage {
  raw: Buffer;
  /** 1-based number of the message in the stream */
  index: number;
  /** byte offset of the message's From line in the stream (0 for a prelude) */
  offset: number;
  /** true for bytes that came before the first From line (a file that is not a proper mbox) */
  prelude: boolean;
}

export interface MboxSplitterOptions {
  flavor?: MboxFlavor | 'auto';
}

const NL = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const FROM_ = Buffer.from('From ');
/** a postmark: From <sender> <anything with a time of day> */
const POSTMARK = /^From \S+ +.*\d{1,2}:\d{2}/;
/** longest postmark line we accept; longer "From " lines are body text */
const MAX_POSTMARK = 1000;
/** an incomplete line longer than this is moved into the message (it cannot be a postmark) */
const MAX_HELD_LINE = 4096;

export class MboxSplitter {
  /** non-fatal findings about the stream (no From line at the start …) */
  readonly notes: string[] = [];
  private flavorSetting: MboxFlavor | 'auto';
  private detected: MboxFlavor | null = null;
  /** slices of the message being assembled */
  private parts: Buffer[] = [];
  private partsLength = 0;
  private messageOffset = 0;
  private inPrelude = true;
  private count = 0;
  /** bytes of the incomplete last line, not yet looked at */
  private held: Buffer[] = [];
  private heldLength = 0;
  /** the held bytes start in the middle of a line (a long line was flushed) */
  private heldMidLine = false;
  /** stream offset of the first held byte */
  private consumed = 0;
  /** the last bytes before the held ones (to see a blank line before a From line) */
  private behind: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(opts: MboxSplitterOptions = {}) {
    this.flavorSetting = opts.flavor ?? 'auto';
  }

  /** The unquoting in use: set by the option, or detected at the first From line. */
  get flavor(): MboxFlavor | null {
    return this.flavorSetting === 'auto' ? this.detected : this.flavorSetting;
  }

  /** true once a From line was seen */
  get sawFromLine(): boolean {
    return !this.inPrelude;
  }

  /** bytes fed so far */
  get bytes(): number {
    return this.consumed + this.heldLength;
  }

  /** Feed the next chunk; returns the messages it completed. */
  push(chunk: Buffer): MboxMessage[] {
    if (this.ended) throw new Error('MboxSplitter: push after end');
    if (chunk.length === 0) return [];
    const lastNl = chunk.lastIndexOf(NL);
    if (lastNl < 0) {
      this.hold(chunk);
      return [];
    }
    const buf = this.heldLength ? Buffer.concat([...this.held, chunk]) : chunk;
    const cut = this.heldLength + lastNl + 1;
    const midLine = this.heldMidLine;
    this.held = [];
    this.heldLength = 0;
    this.heldMidLine = false;
    const out = this.scan(buf.subarray(0, cut), midLine);
    if (cut < buf.length) this.hold(buf.subarray(cut));
    return out;
  }

  /** No more input: returns the last message (and a prelude-only stream as one message). */
  end(): MboxMessage[] {
    if (this.ended) return [];
    const out: MboxMessage[] = [];
    if (this.heldLength) {
      const rest = Buffer.concat(this.held);
      const midLine = this.heldMidLine;
      this.held = [];
      this.heldLength = 0;
      out.push(...this.scan(rest, midLine));
    }
    this.ended = true;
    const last = this.finish();
    if (last) out.push(last);
    return out;
  }

  private hold(bytes: Buffer): void {
    this.held.push(bytes);
    this.heldLength += bytes.length;
    // a line this long is no postmark: look at it now (its start may be a
    // quoted From line) and move it into the message, so a huge line without
    // newlines is never copied again and again
    if (this.heldLength > MAX_HELD_LINE) {
      const line = Buffer.concat(this.held);
      const midLine = this.heldMidLine;
      this.held = [];
      this.heldLength = 0;
      this.scan(line, midLine);
      this.heldMidLine = true;
    }
  }

  /**
   * Walk the "From " occurrences of a run of complete lines: a separator ends
   * the current message, a quoted From line loses one ">" per the flavor.
   */
  private scan(buf: Buffer, midLine: boolean): MboxMessage[] {
    const out: MboxMessage[] = [];
    let copied = 0; // bytes of buf already moved into the message
    let at = buf.indexOf(FROM_);
    while (at >= 0) {
      let start = at;
      while (start > 0 && buf[start - 1] === GT) start--;
      const lineStart = start === 0 ? !midLine : buf[start - 1] === NL;
      if (lineStart && start === at) {
        const eol = buf.indexOf(NL, at);
        const lineEnd = eol < 0 ? buf.length : eol + 1;
        if (this.isSeparator(buf, at, lineEnd)) {
          this.append(buf.subarray(copied, at));
          const done = this.finish();
          if (done) out.push(done);
          this.startMessage(buf.subarray(at, lineEnd), this.consumed + at);
          copied = lineEnd;
        }
      } else if (lineStart && this.unquotes(at - start)) {
        this.append(buf.subarray(copied, start));
        copied = start + 1; // drop one '>'
      }
      at = buf.indexOf(FROM_, at + FROM_.length);
    }
    this.append(buf.subarray(copied));
    this.remember(buf);
    this.consumed += buf.length;
    return out;
  }

  private isSeparator(buf: Buffer, at: number, lineEnd: number): boolean {
    if (lineEnd - at > MAX_POSTMARK) return false;
    const line = buf.toString('latin1', at, lineEnd).replace(/\r?\n$/, '');
    if (!POSTMARK.test(line)) return false;
    if (this.consumed + at === 0) return true;
    return this.blankLineBefore(buf, at);
  }

  /** Do the bytes just before `at` end with an empty line ("\n\n" or "\n\r\n")? */
  private blankLineBefore(buf: Buffer, at: number): boolean {
    const look = at >= 3 ? buf.subarray(at - 3, at) : Buffer.concat([this.behind, buf.subarray(0, at)]).subarray(-3);
    const n = look.length;
    if (n >= 2 && look[n - 1] === NL && look[n - 2] === NL) return true;
    return n >= 3 && look[n - 1] === NL && look[n - 2] === CR && look[n - 3] === NL;
  }

  /** Should a From line quoted with `depth` '>' lose one? */
  private unquotes(depth: number): boolean {
    const flavor = this.flavor ?? 'mboxo';
    if (flavor === 'mboxrd') return true;
    return flavor === 'mboxo' && depth === 1;
  }

  private startMessage(fromLine: Buffer, offset: number): void {
    if (this.inPrelude) {
      this.inPrelude = false;
      if (this.detected === null) this.detected = fromLine.subarray(0, 12).toString('latin1') === 'From mboxrd@' ? 'mboxrd' : 'mboxo';
    }
    this.messageOffset = offset;
  }

  private append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.parts.push(bytes);
    this.partsLength += bytes.length;
  }

  private remember(bytes: Buffer): void {
    this.behind = bytes.length >= 3 ? bytes.subarray(bytes.length - 3) : Buffer.concat([this.behind, bytes]).subarray(-3);
    // keep a copy, not a view: a view would pin the whole chunk in memory
    this.behind = Buffer.from(this.behind);
  }

  /** Close the message being assembled; null when there is nothing to return. */
  private finish(): MboxMessage | null {
    const raw = trimSeparatorBlank(this.partsLength ? Buffer.concat(this.parts, this.partsLength) : Buffer.alloc(0));
    this.parts = [];
    this.partsLength = 0;
    if (this.inPrelude) {
      if (raw.toString('latin1').trim() === '') return null;
      this.notes.push(
        this.ended && this.inPrelude
          ? `no "From " line: the ${raw.length} bytes are read as one message`
          : `does not start with a "From " line: the first ${raw.length} bytes are read as a message`,
      );
      this.count++;
      return { raw, index: this.count, offset: 0, prelude: true };
    }
    this.count++;
    return { raw, index: this.count, offset: this.messageOffset, prelude: false };
  }
}

/** Remove the one blank line a writer puts between messages ("\n" or "\r\n" after the last line). */
function trimSeparatorBlank(raw: Buffer): Buffer {
  const n = raw.length;
  if (n >= 4 && raw[n - 1] === NL && raw[n - 2] === CR && raw[n - 3] === NL && raw[n - 4] === CR) return raw.subarray(0, n - 2);
  if (n >= 2 && raw[n - 1] === NL && raw[n - 2] === NL) return raw.subarray(0, n - 1);
  return raw;
}

/** Split a whole in-memory mbox (tests, small inputs); a convenience over MboxSplitter. */
export function splitMbox(data: Buffer | Iterable<Buffer>, opts: MboxSplitterOptions = {}): MboxMessage[] {
  const s = new MboxSplitter(opts);
  const out: MboxMessage[] = [];
  for (const chunk of Buffer.isBuffer(data) ? [data] : data) out.push(...s.push(chunk));
  out.push(...s.end());
  return out;
}

// A git-am-ready mbox of one series, as `b4 am` makes it: every patch with
// its commit message, the trailers collected from reviews added after the
// ones it already carries, a `Link: https://patch.msgid.link/<msgid>` trailer,
// then `---` and the exact diff. Headers with non-ASCII text are RFC 2047
// encoded. Pure: the caller loads the rows and writes the file.
import { splitLines } from './diff.js';
import { parseTrailerLine, trailerKey } from './trailers.js';

export interface MboxPatch {
  messageId: string;
  index: number;
  total: number;
  /** series version: v2 and later appear in the subject prefix */
  version: number;
  subject: string;
  author: { name: string; email: string };
  date: Date | null;
  commitMessage: string;
  diff: string;
  /** every trailer line the patch should end up with, in order ("Reviewed-by: A <a@b>") */
  trailers: string[];
}

/** RFC 2047 encoded word for a header value that is not plain ASCII. */
export function encodeHeader(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function fromHeader(a: { name: string; email: string }): string {
  if (!a.name) return a.email;
  const name = /^[\x20-\x7e]*$/.test(a.name) && /[(),.:;<>@[\]"]/.test(a.name) ? `"${a.name.replace(/"/g, '\\"')}"` : encodeHeader(a.name);
  return `${name} <${a.email}>`;
}

/** Commit message with the missing trailers appended to its trailer block. */
export function withTrailers(commitMessage: string, trailers: string[], link: string): string {
  const lines = splitLines(commitMessage.replace(/\s+$/, '') + '\n').map((l) => l.replace(/\r?\n$/, ''));
  const present = new Set<string>();
  let lastBlockIsTrailers = false;
  for (let i = lines.length - 1; i >= 0 && (lines[i] ?? '') !== ''; i--) {
    const t = parseTrailerLine(lines[i] ?? '');
    if (t) lastBlockIsTrailers = true;
  }
  for (const l of lines) {
    const t = parseTrailerLine(l);
    if (t) present.add(trailerKey(t));
  }
  const add: string[] = [];
  for (const raw of trailers) {
    const t = parseTrailerLine(raw);
    const key = t ? trailerKey(t) : raw;
    if (present.has(key)) continue;
    present.add(key);
    add.push(raw);
  }
  add.push(`Link: ${link}`);
  const body = lines.join('\n');
  return `${body}${lastBlockIsTrailers ? '\n' : '\n\n'}${add.join('\n')}\n`;
}

/** mboxo From-line quoting of a body (git mailsplit reads it back). */
function quoteFrom(text: string): string {
  return text.replace(/^(>*From )/gm, '>$1');
}

function subjectOf(p: MboxPatch): string {
  const version = p.version > 1 ? ` v${p.version}` : '';
  const counter = p.total > 1 ? ` ${String(p.index).padStart(String(p.total).length, '0')}/${p.total}` : '';
  return encodeHeader(`[PATCH${version}${counter}] ${p.subject}`);
}

/** One patch as an mbox entry. */
export function renderPatch(p: MboxPatch): string {
  const link = `https://patch.msgid.link/${p.messageId}`;
  const message = withTrailers(p.commitMessage, p.trailers, link);
  const diff = p.diff.endsWith('\n') ? p.diff : `${p.diff}\n`;
  const headers = [
    'From git@z Thu Jan  1 00:00:00 1970',
    `From: ${fromHeader(p.author)}`,
    ...(p.date ? [`Date: ${p.date.toUTCString().replace('GMT', '+0000')}`] : []),
    `Subject: ${subjectOf(p)}`,
    `Message-Id: <${p.messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  return `${headers.join('\n')}\n\n${quoteFrom(message)}---\n${diff}\n`;
}

/** The whole series, patches in index order. */
export function renderSeriesMbox(patches: MboxPatch[]): string {
  return [...patches].sort((a, b) => a.index - b.index).map(renderPatch).join('');
}

// Renders the review reply patchlens sends for one patch: kernel-list
// headers (From the reviewer, To the patch author, Cc the original To/Cc,
// "Re:" subject, In-Reply-To/References to the patch), a plain-text body that
// quotes only the hunk lines each concern is about with "> " and "[...]"
// between, the concern wrapped at 72 columns with its counterexample as
// numbered steps, and a note that a model wrote it and how to dispute it.
// Pure string building: no MIME library, no HTML, no attachments.
import { linesForRange, parseDiff, type DiffLine } from './anchor.js';
import { foldHeader, formatAddress, encodeWord, rfc5322Date } from './mail-format.js';
import type { Person } from './types.js';
import { numbered, wrapText } from './wrap.js';

export interface ReplyConcern {
  /** ledger comment id, for the dispute hint */
  commentId: number | null;
  rule: string;
  severity: string;
  summary: string;
  explanation: string;
  file: string | null;
  startLine: number | null;
  endLine: number | null;
  /** the counterexample, one readable action per step */
  steps: string[];
}

export interface ReplyPatch {
  messageId: string;
  subject: string;
  from: Person;
  to: Person[];
  cc: Person[];
  references: string[];
  date: Date | null;
  diff: string;
}

export interface ReplyInput {
  reviewer: Person;
  patch: ReplyPatch;
  concerns: ReplyConcern[];
  /** fresh Message-ID, without brackets */
  messageId: string;
  date: Date;
}

export interface RenderedReply {
  messageId: string;
  from: Person;
  to: Person[];
  cc: Person[];
  subject: string;
  /** the body, LF line ends */
  body: string;
  /** the whole message (headers + body), LF line ends */
  raw: string;
}

/** Most lines quoted for one concern; a longer range is cut with "[...]". */
const MAX_QUOTE = 12;

export function renderReply(input: ReplyInput): RenderedReply {
  const { patch, reviewer } = input;
  const to = [patch.from];
  const seen = new Set([reviewer.email, patch.from.email]);
  const cc = [...patch.to, ...patch.cc].filter((p) => !seen.has(p.email) && (seen.add(p.email), true));
  const subject = /^re:/i.test(patch.subject) ? patch.subject : `Re: ${patch.subject}`;
  const body = renderBody(input);
  const headers = [
    `From: ${formatAddress(reviewer)}`,
    foldHeader('To', to.map(formatAddress)),
    ...(cc.length ? [foldHeader('Cc', cc.map(formatAddress))] : []),
    `Subject: ${encodeWord(subject)}`,
    `Date: ${rfc5322Date(input.date)}`,
    `Message-ID: <${input.messageId}>`,
    `In-Reply-To: <${patch.messageId}>`,
    foldHeader('References', [...patch.references.filter((r) => r !== patch.messageId), patch.messageId].map((r) => `<${r}>`), ' '),
    'MIME-Version: 1.0',
    `Content-Type: text/plain; charset=${/^[\x00-\x7f]*$/.test(body) ? 'us-ascii' : 'utf-8'}`,
    `Content-Transfer-Encoding: ${/^[\x00-\x7f]*$/.test(body) ? '7bit' : '8bit'}`,
    'X-Mailer: patchlens',
  ];
  return { messageId: input.messageId, from: reviewer, to, cc, subject, body, raw: `${headers.join('\n')}\n\n${body}` };
}

function renderBody(input: ReplyInput): string {
  const diff = parseDiff(input.patch.diff);
  const when = input.patch.date ? `On ${rfc5322Date(input.patch.date)}, ` : '';
  const parts: string[] = [`${when}${input.patch.from.name || input.patch.from.email} wrote:`];
  const ordered = [...input.concerns].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.startLine ?? 0) - (b.startLine ?? 0));
  ordered.forEach((c, i) => {
    const quoted = c.file && c.startLine ? quoteLines(linesForRange(diff, c.file, c.startLine, c.endLine ?? c.startLine)) : [];
    if (i > 0 && quoted.length) parts.push('[...]\n');
    if (quoted.length) parts.push(quoted.join('\n'));
    parts.push(concernText(c));
  });
  parts.push(footer(input.concerns));
  return `${parts.join('\n\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

function quoteLines(lines: DiffLine[]): string[] {
  const q = lines.map((l) => `> ${l.kind}${l.text}`.replace(/\s+$/, ''));
  if (q.length <= MAX_QUOTE) return q;
  return [...q.slice(0, MAX_QUOTE / 2), '> [...]', ...q.slice(-MAX_QUOTE / 2)];
}

/** The first paragraph of a concern in the mail: severity, summary, place. The ledger quotes-matches on it. */
export function concernHead(c: Pick<ReplyConcern, 'severity' | 'summary' | 'file' | 'startLine' | 'endLine'>): string {
  const where = c.file ? ` (${c.file}${c.startLine ? `:${c.startLine}${c.endLine && c.endLine !== c.startLine ? `-${c.endLine}` : ''}` : ''})` : '';
  return `${c.severity ? `[${c.severity}] ` : ''}${c.summary}${where}`;
}

function concernText(c: ReplyConcern): string {
  const parts = [wrapText(concernHead(c))];
  if (c.explanation.trim()) parts.push(wrapText(c.explanation.trim()));
  if (c.steps.length) parts.push(`A sequence that breaks it:\n\n${numbered(c.steps)}`);
  return parts.join('\n\n');
}

function footer(concerns: ReplyConcern[]): string {
  const ids = concerns.map((c) => c.commentId).filter((x): x is number => x !== null);
  const rules = [...new Set(concerns.map((c) => c.rule))].join(', ');
  const how = ids.length
    ? `A maintainer can dismiss a finding with "patchlens review set <id> dismissed --reason ..." (ids: ${ids.join(', ')}).`
    : 'A maintainer can dismiss a finding with "patchlens review set <id> dismissed --reason ...".';
  return `-- \n${wrapText(
    `This review was produced by patchlens, a model of the kernel's object lifetime rules (rules: ${rules}), not by a person. It can be wrong. To dispute a finding, reply to this mail and say why; the reply is tracked with the finding. ${how}`,
  )}`;
}

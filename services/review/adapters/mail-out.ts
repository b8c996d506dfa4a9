// Where a rendered review reply goes: an .eml file (the message as is), an
// mbox (mboxrd "From " line and quoting, appended), or — only when the
// caller passes an SMTP URL, which the CLI does only for --send — a mail
// server through nodemailer, sending the exact bytes that were rendered.
import { appendFileSync, writeFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { PatchlensError } from '../../common/errors.js';
import type { RenderedReply } from '../core/render.js';

/** ctime(3) form for the mbox "From " line: "Wed Nov 25 09:00:00 2026". */
function asctime(d: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const time = d.toISOString().slice(11, 19);
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} ${d.getUTCFullYear()}`;
}

/** One mboxrd entry: "From " separator line, ">From " quoting, a blank line after. */
export function toMbox(reply: RenderedReply, date = new Date()): string {
  const body = reply.raw.replace(/^(>*From )/gm, '>$1');
  return `From ${reply.from.email} ${asctime(date)}\n${body}${body.endsWith('\n') ? '' : '\n'}\n`;
}

/** Write to `file`: .eml gets the message alone, anything else is appended as mbox. */
export function writeReply(file: string, reply: RenderedReply): 'eml' | 'mbox' {
  if (/\.eml$/i.test(file)) {
    writeFileSync(file, reply.raw);
    return 'eml';
  }
  appendFileSync(file, toMbox(reply));
  return 'mbox';
}

export interface SendResult {
  accepted: string[];
  rejected: string[];
  response: string;
}

/** Send through an SMTP server (smtp://user:pass@host:port). Envelope: reviewer → To and Cc. */
export async function sendReply(reply: RenderedReply, smtpUrl: string): Promise<SendResult> {
  const transport = nodemailer.createTransport(smtpUrl);
  const server = new URL(smtpUrl).host;
  try {
    const info = await transport.sendMail({
      envelope: { from: reply.from.email, to: [...reply.to, ...reply.cc].map((p) => p.email) },
      raw: reply.raw.replace(/\r?\n/g, '\r\n'),
    });
    return { accepted: info.accepted.map(String), rejected: info.rejected.map(String), response: info.response };
  } catch (err) {
    throw new PatchlensError('PL_ERR_SMTP', { server, reason: (err as Error).message });
  } finally {
    transport.close();
  }
}

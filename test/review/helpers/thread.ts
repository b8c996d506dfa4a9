// Test helper: reads a corpus mbox with mailparser and turns it into the
// plain ThreadInput the review core takes (cover, patches, replies), the way
// the ingester would. Deliberately independent of services/ingest.
import { readFileSync } from 'node:fs';
import { simpleParser, type AddressObject } from 'mailparser';
import type { PatchDoc, Person, ThreadInput, ThreadMessage } from '../../../services/review/core/types.js';

export interface ParsedMail {
  messageId: string;
  from: Person;
  to: Person[];
  cc: Person[];
  date: Date | null;
  subject: string;
  body: string;
  inReplyTo: string | null;
  references: string[];
  flowed: boolean;
}

const strip = (id: string) => id.replace(/^<|>$/g, '');

function people(a: AddressObject | AddressObject[] | undefined): Person[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return list.flatMap((x) => x.value).map((v) => ({ name: v.name ?? '', email: (v.address ?? '').toLowerCase() }));
}

export async function readMbox(file: string): Promise<ParsedMail[]> {
  const text = readFileSync(file, 'utf8');
  const chunks = text.split(/^From [^\n]*\n/m).filter((c) => c.trim());
  const out: ParsedMail[] = [];
  for (const chunk of chunks) {
    const raw = chunk.replace(/^>(>*From )/gm, '$1');
    const m = await simpleParser(Buffer.from(raw, 'utf8'), { skipHtmlToText: true, skipTextToHtml: true });
    const ct = m.headers.get('content-type') as { params?: Record<string, string> } | undefined;
    const refs = m.references ? (Array.isArray(m.references) ? m.references : [m.references]) : [];
    out.push({
      messageId: strip(m.messageId ?? ''),
      from: people(m.from)[0] ?? { name: '', email: '' },
      to: people(m.to),
      cc: people(m.cc),
      date: m.date ?? null,
      subject: m.subject ?? '',
      body: (m.text ?? '').replace(/\n$/, ''),
      inReplyTo: m.inReplyTo ? strip(m.inReplyTo) : null,
      references: refs.map(strip),
      flowed: ct?.params?.format === 'flowed',
    });
  }
  return out;
}

const COUNTER = /\[[^\]]*?(\d+)\/(\d+)\]/;

export function titleOf(subject: string): string {
  return subject.replace(/^(re|fwd?):\s*/i, '').replace(/^\[[^\]]*\]\s*/, '').trim();
}

export function splitPatchBody(body: string): { commitMessage: string; diff: string } {
  const d = body.indexOf('\ndiff --git ');
  const diffPart = d >= 0 ? body.slice(d + 1) : '';
  const sig = diffPart.search(/^-- $/m);
  const sep = body.search(/^---$/m);
  return { commitMessage: body.slice(0, sep >= 0 ? sep : d >= 0 ? d : body.length).trimEnd(), diff: sig >= 0 ? diffPart.slice(0, sig) : diffPart };
}

/** The whole mbox as one series (cover = 0/N, patches = n/N, the rest replies). */
export function threadInput(mails: ParsedMail[], bot: Person = { name: 'patchlens', email: 'patchlens@example.org' }): ThreadInput {
  const isReply = (m: ParsedMail) => /^re:/i.test(m.subject);
  const posts = mails.filter((m) => !isReply(m));
  const coverMail = posts.find((m) => COUNTER.exec(m.subject)?.[1] === '0') ?? null;
  const patches: PatchDoc[] = posts
    .filter((m) => m !== coverMail && m.body.includes('diff --git'))
    .map((m) => ({ index: Number(COUNTER.exec(m.subject)?.[1] ?? 1), messageId: m.messageId, title: titleOf(m.subject), ...splitPatchBody(m.body), author: m.from }));
  const byId = new Map(patches.map((p) => [p.messageId, p.index]));
  const replies: ThreadMessage[] = mails.filter(isReply).map((m) => {
    const parent = m.inReplyTo ?? m.references[m.references.length - 1] ?? null;
    const chain = [...m.references, ...(parent ? [parent] : [])];
    const patchId = chain.map((id) => byId.get(id)).filter((x) => x !== undefined).pop() ?? null;
    // mailparser's text has format=flowed undone already: do not unflow twice
    return { messageId: m.messageId, from: m.from, date: m.date, subject: m.subject, body: m.body, parentMessageId: parent, flowed: false, patchIndex: patchId, onCover: patchId === null };
  });
  const authors = [...new Set([...(coverMail ? [coverMail.from.email] : []), ...patches.map((p) => p.author.email)])];
  return { seriesAuthors: authors, cover: coverMail ? { messageId: coverMail.messageId, body: coverMail.body, author: coverMail.from } : null, patches, replies, concerns: [], bot };
}

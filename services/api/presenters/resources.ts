// Presenters of the smaller resources: lists, people, messages, events and
// search hits. Explicit field lists; rows from services/reads.ts and
// services/search.ts in, schema types out.
import type { List } from '../schemas/lists.js';
import type { Person } from '../schemas/people.js';
import type { Message, SearchHit } from '../schemas/messages.js';
import type { Event } from '../schemas/events.js';
import type { getMessage, getPerson, listLists, listEvents } from '../services/reads.js';
import type { SearchHit as SearchRow } from '../services/search.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentList(r: Awaited<ReturnType<typeof listLists>>[number]): List {
  return { id: r.list.id, listId: r.list.listId, name: r.list.name, series: r.series, open: r.open };
}

export function presentPersonDetail(r: Awaited<ReturnType<typeof getPerson>>): Person {
  return {
    id: r.person.id,
    name: r.person.name,
    addresses: r.person.addresses.map((a) => a.email),
    messages: r.messages,
    series: r.series.map((s) => ({ id: s.id, title: s.title, version: s.version, state: s.state, date: iso(s.date) })),
  };
}

export function presentMessage(m: Awaited<ReturnType<typeof getMessage>>): Message {
  return {
    id: m.id,
    messageId: m.messageId,
    list: m.list.listId,
    date: iso(m.date),
    from: { name: m.fromName, email: m.fromEmail },
    authorId: m.authorId,
    subject: m.subject,
    inReplyTo: m.inReplyTo,
    references: m.references,
    kind: m.kind,
    threadId: m.threadId,
    seriesId: m.patch?.seriesId ?? m.reply?.seriesId ?? null,
    patchId: m.patch?.id ?? m.reply?.patchId ?? null,
    body: m.body,
  };
}

export function presentEvent(e: Awaited<ReturnType<typeof listEvents>>['events'][number]): Event {
  const payload = e.payload && typeof e.payload === 'object' && !Array.isArray(e.payload) ? (e.payload as Record<string, unknown>) : {};
  return { id: e.id, kind: e.kind, actor: e.actor, subjectType: e.subjectType, subjectId: e.subjectId, payload, createdAt: e.createdAt.toISOString() };
}

export function presentSearchHit(h: SearchRow): SearchHit {
  return {
    id: h.id,
    messageId: h.messageId,
    subject: h.subject,
    from: { name: h.fromName, email: h.fromEmail },
    date: h.date,
    kind: h.kind,
    seriesId: h.seriesId,
    snippet: h.snippet,
  };
}

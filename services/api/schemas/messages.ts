// Schemas of the message resource and of full-text search.
import { Type, type Static, DateTime, Nullable } from './common.js';

export const MessageParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 998, description: 'row id or Message-ID' }) });

export const Message = Type.Object({
  id: Type.Integer(),
  messageId: Type.String(),
  list: Type.String(),
  date: Nullable(DateTime),
  from: Type.Object({ name: Type.String(), email: Type.String() }),
  authorId: Nullable(Type.Integer()),
  subject: Type.String(),
  inReplyTo: Type.Array(Type.String()),
  references: Type.Array(Type.String()),
  kind: Type.String(),
  threadId: Nullable(Type.Integer()),
  seriesId: Nullable(Type.Integer()),
  patchId: Nullable(Type.Integer()),
  body: Type.String(),
});
export type Message = Static<typeof Message>;

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200 }),
  list: Type.Optional(Type.String({ minLength: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, default: 0 })),
});

export const SearchHit = Type.Object({
  id: Type.Integer(),
  messageId: Type.String(),
  subject: Type.String(),
  from: Type.Object({ name: Type.String(), email: Type.String() }),
  date: Nullable(DateTime),
  kind: Type.String(),
  seriesId: Nullable(Type.Integer()),
  /** plain text; «» mark the matched words */
  snippet: Type.String(),
});
export type SearchHit = Static<typeof SearchHit>;
export const SearchResult = Type.Object({ items: Type.Array(SearchHit) });

// Schemas of the series resource: the queue (list query and row), the series
// detail with its patches, apply results, concerns and ledger, and the write
// bodies (state, delegate, version links). Types are inferred from them and
// used by presenters/series.ts, so the wire shape is defined exactly once.
import { Type, type Static, DateTime, Nullable, PersonRef, StateSchema, STATES, StringEnum } from './common.js';

export const QueueQuery = Type.Object({
  list: Type.Optional(Type.String({ minLength: 1, description: 'List-Id, e.g. linux-cxl.vger.kernel.org' })),
  state: Type.Optional(Type.String({ pattern: `^(${STATES.join('|')})(,(${STATES.join('|')}))*$`, description: 'comma-separated states' })),
  author: Type.Optional(Type.String({ minLength: 1, description: 'person id or address' })),
  delegate: Type.Optional(Type.String({ minLength: 1, description: "person id, address, or 'none'" })),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  concerns: Type.Optional(StringEnum(['open', 'none'] as const)),
  verdict: Type.Optional(Type.String({ minLength: 1, description: "latest apply verdict, or 'none'" })),
  since: Type.Optional(Type.String({ format: 'date-time' })),
  until: Type.Optional(Type.String({ format: 'date-time' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'full-text search over the thread' })),
  sort: Type.Optional(StringEnum(['-date', 'date'] as const, { default: '-date' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ minLength: 1 })),
});
export type QueueQuery = Static<typeof QueueQuery>;

export const QueueItem = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  version: Type.Integer(),
  rfc: Type.Boolean(),
  state: Type.String(),
  list: Type.String(),
  received: Type.Integer(),
  total: Type.Integer(),
  complete: Type.Boolean(),
  date: DateTime,
  previousId: Nullable(Type.Integer()),
  author: Nullable(PersonRef),
  delegate: Nullable(PersonRef),
  trailers: Type.Object({ reviewed: Type.Integer(), acked: Type.Integer(), tested: Type.Integer() }),
  apply: Nullable(Type.Object({ verdict: Type.String(), firstFailing: Nullable(Type.Integer()) })),
  concerns: Type.Object({ open: Type.Integer(), answered: Type.Integer() }),
  versions: Type.Array(Type.Object({ id: Type.Integer(), version: Type.Integer() })),
});
export type QueueItem = Static<typeof QueueItem>;

export const QueuePage = Type.Object({ items: Type.Array(QueueItem), nextCursor: Nullable(Type.String()) });
export type QueuePage = Static<typeof QueuePage>;

export const Trailer = Type.Object({
  kind: Type.String(),
  name: Type.String(),
  email: Type.String(),
  inPatch: Type.Boolean(),
  mismatch: Type.Boolean(),
});
export type Trailer = Static<typeof Trailer>;

export const Hunk = Type.Object({
  file: Type.String(),
  header: Type.String(),
  oldStart: Type.Integer(),
  oldLines: Type.Integer(),
  newStart: Type.Integer(),
  newLines: Type.Integer(),
});

export const HunkApply = Type.Object({
  file: Type.String(),
  /** 1-based within the file section of the patch */
  hunk: Type.Integer(),
  header: Type.String(),
  status: Type.String(),
  appliedAt: Nullable(Type.Integer()),
  offset: Nullable(Type.Integer()),
  mismatch: Nullable(Type.Object({ expectedAt: Type.Integer(), differingCount: Type.Integer(), treeHas: Type.Array(Type.String()) })),
});
export type HunkApply = Static<typeof HunkApply>;

export const PatchApply = Type.Object({ status: Type.String(), reason: Type.String(), hunks: Type.Array(HunkApply) });

export const Patch = Type.Object({
  id: Type.Integer(),
  seriesId: Type.Integer(),
  index: Type.Integer(),
  subject: Type.String(),
  messageId: Type.String(),
  author: Type.Object({ name: Type.String(), email: Type.String() }),
  date: Nullable(DateTime),
  commitMessage: Type.String(),
  diff: Type.String(),
  files: Type.Array(Type.String()),
  hunks: Type.Array(Hunk),
  additions: Type.Integer(),
  deletions: Type.Integer(),
  state: Type.String(),
  trailers: Type.Array(Trailer),
  apply: Nullable(PatchApply),
});
export type Patch = Static<typeof Patch>;

/** A counterexample as a sequence diagram: actors and the arrows between them. */
export const Trace = Type.Object({
  actors: Type.Array(Type.String()),
  steps: Type.Array(
    Type.Object({ from: Type.String(), to: Type.String(), label: Type.String(), violating: Type.Boolean() }),
  ),
});
export type Trace = Static<typeof Trace>;

export const Concern = Type.Object({
  id: Type.Integer(),
  patchId: Nullable(Type.Integer()),
  rule: Type.String(),
  severity: Type.String(),
  file: Nullable(Type.String()),
  startLine: Nullable(Type.Integer()),
  endLine: Nullable(Type.Integer()),
  hunkIndex: Nullable(Type.Integer()),
  summary: Type.String(),
  explanation: Type.String(),
  origin: Type.String(),
  fingerprint: Type.String(),
  /** open until a ledger comment on it moves off "open" */
  status: Type.String(),
  trace: Trace,
});
export type Concern = Static<typeof Concern>;

export const Evidence = Type.Object({
  messageId: Nullable(Type.String()),
  lines: Nullable(Type.Array(Type.Integer())),
  note: Nullable(Type.String()),
});

export const LedgerComment = Type.Object({
  id: Type.Integer(),
  patchId: Nullable(Type.Integer()),
  onCover: Type.Boolean(),
  concernId: Nullable(Type.Integer()),
  author: Type.Object({ name: Type.String(), email: Type.String() }),
  messageId: Nullable(Type.String()),
  date: Nullable(DateTime),
  anchor: Nullable(Type.Object({ file: Type.String(), lines: Type.Array(Type.Integer()) })),
  quoted: Type.String(),
  text: Type.String(),
  status: Type.String(),
  answers: Type.Array(
    Type.Object({ messageId: Type.String(), fromName: Type.String(), date: Nullable(DateTime), byAuthor: Type.Boolean(), byCommenter: Type.Boolean() }),
  ),
  events: Type.Array(
    Type.Object({ fromStatus: Nullable(Type.String()), toStatus: Type.String(), actor: Type.String(), evidence: Evidence, createdAt: DateTime }),
  ),
});
export type LedgerComment = Static<typeof LedgerComment>;

export const ApplySummary = Type.Object({
  id: Type.Integer(),
  verdict: Type.String(),
  firstFailing: Nullable(Type.Integer()),
  tree: Nullable(Type.String()),
  treeHead: Nullable(Type.String()),
  baseCommit: Nullable(Type.String()),
  baseMethod: Type.String(),
  baseNote: Nullable(Type.String()),
  error: Nullable(Type.String()),
  createdAt: DateTime,
});

export const VersionRef = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  title: Type.String(),
  state: Type.String(),
  date: Nullable(DateTime),
  previousLink: Nullable(Type.String()),
});

export const Cover = Type.Object({
  messageRowId: Type.Integer(),
  messageId: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  fromName: Type.String(),
  fromEmail: Type.String(),
  date: Nullable(DateTime),
});

export const SeriesDetail = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  version: Type.Integer(),
  rfc: Type.Boolean(),
  state: Type.String(),
  list: Type.String(),
  prefixes: Type.Array(Type.String()),
  total: Type.Integer(),
  received: Type.Integer(),
  complete: Type.Boolean(),
  missing: Type.Array(Type.Integer()),
  date: Nullable(DateTime),
  baseCommit: Nullable(Type.String()),
  changeId: Nullable(Type.String()),
  previousId: Nullable(Type.Integer()),
  previousLink: Nullable(Type.String()),
  author: Nullable(PersonRef),
  delegate: Nullable(PersonRef),
  cover: Nullable(Cover),
  trailers: Type.Array(Trailer),
  patches: Type.Array(Patch),
  apply: Nullable(ApplySummary),
  concerns: Type.Array(Concern),
  ledger: Type.Array(LedgerComment),
  versions: Type.Array(VersionRef),
});
export type SeriesDetail = Static<typeof SeriesDetail>;

export const SetStateBody = Type.Object({ state: StateSchema, patches: Type.Optional(Type.Boolean({ description: 'also set every patch' })) });
export const BulkStateBody = Type.Object({
  ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 500 }),
  state: StateSchema,
});
export const SetDelegateBody = Type.Object({ delegate: Nullable(Type.String({ minLength: 1, description: 'address or person id; null clears' })) });
export const LinkBody = Type.Object({ previousId: Type.Integer({ minimum: 1 }) });

export const SeriesState = Type.Object({ id: Type.Integer(), state: Type.String(), delegate: Nullable(PersonRef), previousId: Nullable(Type.Integer()) });
export type SeriesState = Static<typeof SeriesState>;
export const BulkResult = Type.Object({ updated: Type.Array(SeriesState) });

export const RangeDiffQuery = Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) });
export const RangeDiff = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  pairs: Type.Array(
    Type.Object({
      fromIndex: Nullable(Type.Integer()),
      toIndex: Nullable(Type.Integer()),
      subject: Type.String(),
      /** '=' identical, '!' changed, '<' only in from, '>' only in to */
      status: Type.Union([Type.Literal('='), Type.Literal('!'), Type.Literal('<'), Type.Literal('>')]),
      diff: Type.String(),
    }),
  ),
});
export type RangeDiff = Static<typeof RangeDiff>;

// Domain types of the ingest stage: what a mail becomes once parsed, and what
// the pure threading / series assembly functions produce from a set of mails.
// These types are the contract between services/ingest/core (pure) and
// services/ingest/adapters (sources, Prisma store, CLI). No I/O here.

export interface Address {
  name: string;
  /** lower-cased */
  email: string;
}

/** One mail, decoded. Produced by core/parse.ts from raw bytes. */
export interface ParsedMessage {
  /** without angle brackets */
  messageId: string;
  /** true when the mail had no usable Message-ID and one was derived from its content */
  messageIdDerived: boolean;
  date: Date | null;
  /** the Date header as written, kept when it cannot be parsed */
  dateRaw: string | null;
  from: Address;
  to: Address[];
  cc: Address[];
  /** decoded (RFC 2047), unfolded */
  subject: string;
  /** Message-IDs, without brackets, in header order (several In-Reply-To headers are merged) */
  inReplyTo: string[];
  references: string[];
  /** List-Id (e.g. linux-cxl.vger.kernel.org) when the mail carries one */
  listId: string | null;
  /** the headers later stages need, lower-case names (to, cc, list-id, content-type, x-mailing-list, …) */
  headers: Record<string, string>;
  /** the decoded text/plain body (for a patch: commit message, ---, diffstat, diff, signature) */
  body: string;
  /** the exact diff text when the mail carries one, inline or as an attachment; else null */
  diff: string | null;
  /** the whole text of a patch sent as an attachment (then `body` is only the text/plain part) */
  attachedPatch?: string | null;
  rawSize: number;
  /** sha256 over the normalised content (dedup of the same posting sent twice) */
  contentHash: string;
  /** non-fatal problems (derived Message-ID, unparsable date, unknown charset …) */
  warnings: string[];
}

/** A subject's bracketed prefix, understood. `[RFC PATCH v3 2/7] foo` → … */
export interface SubjectInfo {
  /** the subject with Re:/Fwd: and the bracketed prefixes removed */
  title: string;
  isReply: boolean;
  /** every bracket token except the n/N counter and vN, e.g. ['RFC', 'PATCH', 'net-next'] */
  prefixes: string[];
  isPatch: boolean;
  rfc: boolean;
  /** 1 when absent; v5.1 → 5 (minor kept in versionText) */
  version: number;
  versionText: string | null;
  /** n of n/N; null when there is no counter */
  index: number | null;
  /** N of n/N; null when there is no counter */
  total: number | null;
}

/** One line `Key: Name <email>` at the end of a commit message or reply. */
export interface TrailerLine {
  kind: string;
  name: string;
  email: string;
  /** the line as written */
  raw: string;
}

/** A message as the pure series/thread functions see it (parsed or loaded back from the database). */
export interface MailItem {
  messageId: string;
  date: Date | null;
  from: Address;
  subject: string;
  inReplyTo: string[];
  references: string[];
  body: string;
  diff: string | null;
  /** the text of a patch sent as an attachment, when it was */
  attachedPatch?: string | null;
  /** the commit message, when the caller already cut it out (saves reading the diff again) */
  commitMessage?: string | null;
}

export interface ThreadNode {
  messageId: string;
  /** null for a root (no known parent) */
  parent: string | null;
}

/** What series assembly makes of a set of mails. */
export interface SeriesDraft {
  /** stable identity: Message-ID of the cover, else of the lowest-numbered patch */
  key: string;
  title: string;
  version: number;
  rfc: boolean;
  prefixes: string[];
  total: number;
  coverMessageId: string | null;
  /** index → Message-ID; a single patch without counter has index 1 */
  patches: { index: number; messageId: string }[];
  /** indices 1..total not received */
  missing: number[];
  /** Message-IDs of extra parts (index > total, or a second mail for one index) */
  extra: string[];
  complete: boolean;
  submitter: Address;
  date: Date | null;
  baseCommit: string | null;
  changeId: string | null;
  /** Depends-on:, prerequisite-patch-id:, prerequisite-message-id: values */
  dependsOnRefs: string[];
  /** Message-IDs this posting says it supersedes (Supersedes:, In-Reply-To an older version) */
  supersedes: string[];
}

/** A reply and what it concerns. */
export interface ReplyDraft {
  messageId: string;
  parentMessageId: string | null;
  seriesKey: string | null;
  /** index of the patch it concerns (walking up the thread), null for the cover or the series */
  patchIndex: number | null;
  onCover: boolean;
}

/** One mail as a source hands it over, before parsing. */
export interface RawMail {
  raw: Buffer;
  /** the source as the user named it (file path, folder, URL) */
  source: string;
  /** where in the source: "message 12 (byte 40321)", "epoch 0 commit abc123", "cur/1234.eml" */
  position: string;
}

/** The summary `patchlens ingest --json` prints (a contract: acceptance checks read it). */
export interface IngestSummary {
  messages: number;
  stored: number;
  duplicates: number;
  errors: { source: string; position: string; messageId: string | null; reason: string }[];
}

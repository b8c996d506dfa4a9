// Domain types of the review stage: what the ledger builder reads (a thread
// of plain messages, the patches and cover of one series version, the rule
// engine's concerns) and what it produces (comment drafts with answers and
// status events). Pure data; the Prisma store in adapters/ maps rows to and
// from these. Nothing here knows about the database.

export interface Person {
  name: string;
  /** lower-cased */
  email: string;
}

/** `{file, lines:[a,b]}`: lines are post-image (new file) line numbers. */
export interface Anchor {
  file: string;
  lines: [number, number];
}

/** One reply in the thread, as the splitter sees it. */
export interface ThreadMessage {
  messageId: string;
  from: Person;
  date: Date | null;
  subject: string;
  /** decoded text/plain body */
  body: string;
  /** Message-ID of the message it answers (In-Reply-To, else the last References entry) */
  parentMessageId: string | null;
  /** the mail was format=flowed (RFC 3676) and its body was not yet unflowed */
  flowed?: boolean;
  /** the patch (by index) this reply concerns, when the ingester knows it */
  patchIndex?: number | null;
  onCover?: boolean;
}

/** One patch of the series version under review. */
export interface PatchDoc {
  index: number;
  messageId: string;
  /** subject without Re:/[PATCH …] prefixes; matches patches across versions */
  title: string;
  /** the commit message (text before the `---` line) */
  commitMessage: string;
  /** the diff exactly as mailed */
  diff: string;
  author: Person;
}

export interface CoverDoc {
  messageId: string;
  body: string;
  author: Person;
}

/** A rule-engine concern, as far as the ledger needs it. */
export interface ConcernDoc {
  /** stable across runs and versions (rule + file + function) */
  fingerprint: string;
  /** row id, kept so the store can link Comment.concernId */
  concernId?: number;
  patchIndex: number | null;
  file: string | null;
  startLine: number | null;
  endLine: number | null;
  severity?: string;
  summary: string;
  explanation: string;
  /** Message-ID of the reply mail patchlens rendered for it, once rendered */
  postedMessageId: string | null;
}

export interface ThreadInput {
  /** addresses of the series author (submitter, cover and patch senders) */
  seriesAuthors: string[];
  cover: CoverDoc | null;
  patches: PatchDoc[];
  replies: ThreadMessage[];
  concerns: ConcernDoc[];
  /** the identity concerns are posted under */
  bot: Person;
}

export const COMMENT_STATUSES = ['open', 'answered', 'acknowledged', 'disputed', 'addressed', 'dismissed'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** What a status change rests on: the message and lines, or a note. */
export interface Evidence {
  messageId?: string;
  /** 1-based line range in that message's body */
  lines?: [number, number];
  excerpt?: string;
  note?: string;
  /** how an answer reads: the answerer agrees, or explains/disagrees */
  stance?: 'agrees' | 'explains';
  /** set when a person changed the status by hand */
  manual?: boolean;
}

export interface StatusEvent {
  from: CommentStatus | null;
  to: CommentStatus;
  actor: string;
  evidence: Evidence;
}

export interface AnswerDraft {
  messageId: string;
  byAuthor: boolean;
  byCommenter: boolean;
}

export interface CommentDraft {
  fingerprint: string;
  /** the message it was written in; null for a concern never seen on the list */
  messageId: string | null;
  concernFingerprint: string | null;
  concernId: number | null;
  patchIndex: number | null;
  onCover: boolean;
  parentFingerprint: string | null;
  author: Person;
  anchor: Anchor | null;
  /** the quoted text the comment sits under (diff lines for a line anchor) */
  quoted: string;
  text: string;
  /** order within its message */
  position: number;
  /** where in its message the text is (1-based body lines) */
  lines: [number, number] | null;
  answers: AnswerDraft[];
  /** automatic history, oldest first, starting with the `open` event */
  events: StatusEvent[];
  status: CommentStatus;
}

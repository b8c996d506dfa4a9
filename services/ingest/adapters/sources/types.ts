// What every ingest source provides: a stream of raw mails, read lazily so
// memory stays flat whatever the archive size, and optional checkpoints for
// sources that can resume (public-inbox epochs, lore watch).
import type { RawMail } from '../../core/types.js';

export interface MailSource {
  /** as the user named it, for messages */
  name: string;
  /** the list this source belongs to when the source knows it (public-inbox folder name, lore URL) */
  listHint: string | null;
  mails(): AsyncIterable<RawMail>;
  /** called after every mail up to `position` is durably stored; resumable sources persist it */
  checkpoint?(position: string): Promise<void>;
}

/** The source as a whole cannot be read (missing file, not an mbox, HTTP 404…): exit code 2. */
export class SourceUnreadableError extends Error {
  constructor(readonly source: string, reason: string) {
    super(`cannot read ${source}: ${reason}`);
    this.name = 'SourceUnreadableError';
  }
}

/**
 * Part of a source could not be read after some mails were already handed
 * over (a truncated gzip, a read error, bytes that are not a mail). A source's
 * mails() iterator throws it once, at the point of damage, after yielding every
 * complete mail before it; there is nothing more to read from that source.
 * The ingester records it as one error `{source, position, messageId: null,
 * reason}` (exit 1), unlike SourceUnreadableError (nothing readable, exit 2).
 */
export class SourceDamagedError extends Error {
  constructor(readonly source: string, readonly position: string, readonly reason: string) {
    super(`${source}: ${position}: ${reason}`);
    this.name = 'SourceDamagedError';
  }
}

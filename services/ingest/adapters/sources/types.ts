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

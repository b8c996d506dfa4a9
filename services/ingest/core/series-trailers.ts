// Trailer collection for one assembled series, as b4 does it: each patch's
// own trailers, the ones replies give to that patch (a reply anywhere below a
// patch counts for it), and the ones replies to the cover give to every patch
// of that version. Pure; the store writes these as Trailer rows, the series
// view and `series mbox` read them back in `applied` order.
import { patchOf } from './diff.js';
import { commitTrailers, orderTrailers, trailersFromReply, type CollectedTrailer } from './trailers.js';
import type { MailItem, ReplyDraft, SeriesDraft } from './types.js';

export interface DatedTrailer {
  trailer: CollectedTrailer;
  date: Date | null;
}

export interface SeriesTrailers {
  /** patch Message-ID → trailers written in the patch, in order */
  own: Map<string, CollectedTrailer[]>;
  /** patch Message-ID → trailers given in replies to that patch */
  onPatch: Map<string, DatedTrailer[]>;
  /** trailers given in replies to the cover: they apply to every patch */
  onCover: DatedTrailer[];
}

/** Collect the trailers of one series from its mails and the replies assembly found. */
export function collectSeriesTrailers(draft: SeriesDraft, replies: ReplyDraft[], mails: ReadonlyMap<string, MailItem>): SeriesTrailers {
  const own = new Map<string, CollectedTrailer[]>();
  const onPatch = new Map<string, DatedTrailer[]>();
  const onCover: DatedTrailer[] = [];
  const patchByIndex = new Map(draft.patches.map((p) => [p.index, p.messageId]));
  for (const p of draft.patches) {
    const m = mails.get(p.messageId);
    if (!m) continue;
    const msg = m.commitMessage ?? patchOf(m.body, m.attachedPatch)?.commitMessage ?? m.body;
    own.set(p.messageId, commitTrailers(msg).map((t) => ({ ...t, sourceMessageId: m.messageId, inPatch: true, mismatch: false, fromCover: false })));
    onPatch.set(p.messageId, []);
  }
  for (const r of replies) {
    if (r.seriesKey !== draft.key) continue;
    const m = mails.get(r.messageId);
    if (!m) continue;
    const given = trailersFromReply(m, r.onCover).map((trailer) => ({ trailer, date: m.date }));
    if (r.onCover) onCover.push(...given);
    else {
      const target = r.patchIndex === null ? undefined : patchByIndex.get(r.patchIndex);
      if (target) onPatch.get(target)?.push(...given);
    }
  }
  return { own, onPatch, onCover };
}

/** The trailers of one patch in the order they should appear when applied. */
export function appliedTrailers(t: SeriesTrailers, patchMessageId: string): CollectedTrailer[] {
  return orderTrailers(t.own.get(patchMessageId) ?? [], [...(t.onPatch.get(patchMessageId) ?? []), ...t.onCover]);
}

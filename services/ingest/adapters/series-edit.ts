// Manual corrections of version links: `series link <newer> <older>` and
// `series unlink <id>`. Both are recorded as previousLink = 'manual', which
// the automatic linker (store-versions.ts) never overrides, and each writes
// an Event row in the same transaction.
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';

/** Make `older` the previous version of `newer`. */
export async function linkSeries(db: Db, newer: number, older: number, actor = 'cli'): Promise<void> {
  if (newer === older) throw new PatchlensError('PL_ERR_BAD_INPUT', { field: 'older', reason: 'a series cannot be its own previous version' });
  await db.prisma.$transaction(async (tx) => {
    const found = await tx.series.findMany({ where: { id: { in: [newer, older] } }, select: { id: true, previousId: true } });
    for (const id of [newer, older]) if (!found.some((f) => f.id === id)) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id });
    // refuse a cycle: walking back from `older` must not reach `newer`
    let cur: number | null = older;
    const seen = new Set<number>();
    while (cur !== null && !seen.has(cur)) {
      if (cur === newer) throw new PatchlensError('PL_ERR_CONFLICT', { what: `series ${newer}`, reason: `is already an earlier version of ${older}` });
      seen.add(cur);
      const row: { previousId: number | null } | null = await tx.series.findUnique({ where: { id: cur }, select: { previousId: true } });
      cur = row?.previousId ?? null;
    }
    const before = found.find((f) => f.id === newer)?.previousId ?? null;
    await tx.series.update({ where: { id: newer }, data: { previousId: older, previousLink: 'manual' } });
    await tx.event.create({ data: { kind: 'series.link', actor, subjectType: 'series', subjectId: newer, payload: { previous: older, before } } });
  });
}

/** Remove the previous-version link of a series, and keep it removed. */
export async function unlinkSeries(db: Db, id: number, actor = 'cli'): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    const row = await tx.series.findUnique({ where: { id }, select: { previousId: true } });
    if (!row) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id });
    await tx.series.update({ where: { id }, data: { previousId: null, previousLink: 'manual' } });
    await tx.event.create({ data: { kind: 'series.unlink', actor, subjectType: 'series', subjectId: id, payload: { before: row.previousId } } });
  });
}

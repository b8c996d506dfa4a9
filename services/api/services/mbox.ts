// mbox downloads: one patch, or a whole series in patch order, as mboxrd that
// `git am` takes. A series mbox is the ingest stage's writer (it also folds
// the trailers given in replies into each patch) when it is available; a
// single message is its raw bytes behind a From_ line.
import type { Db } from '../../db/adapters/client.js';
import { PatchlensError } from '../../common/errors.js';
import { seriesMboxFromIngest } from '../jobs/stage-calls.js';

const FROM_LINE = 'From mboxrd@z Thu Jan  1 00:00:00 1970\n';

/** mboxrd quoting: a body line matching /^>*From / gets one more '>'. */
export function mboxrdEntry(raw: Buffer): string {
  const text = raw.toString('utf8').replace(/\r\n/g, '\n');
  const quoted = text.replace(/^(>*From )/gm, '>$1');
  return FROM_LINE + quoted + (quoted.endsWith('\n') ? '' : '\n') + '\n';
}

export async function patchMbox(db: Db, patchId: number): Promise<{ filename: string; body: string }> {
  const patch = await db.prisma.patch.findUnique({ where: { id: patchId }, include: { message: { include: { raw: true } } } });
  if (!patch) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'patch', id: patchId });
  if (!patch.message.raw) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'raw message of patch', id: patchId });
  return { filename: `patch-${patchId}.mbox`, body: mboxrdEntry(Buffer.from(patch.message.raw.raw)) };
}

export async function seriesMbox(db: Db, seriesId: number): Promise<{ filename: string; body: string }> {
  const series = await db.prisma.series.findUnique({ where: { id: seriesId }, select: { id: true, version: true } });
  if (!series) throw new PatchlensError('PL_ERR_NOT_FOUND', { what: 'series', id: seriesId });
  const filename = `series-${seriesId}-v${series.version}.mbox`;
  const fromIngest = await seriesMboxFromIngest(db, seriesId);
  if (fromIngest !== null) return { filename, body: fromIngest };
  const patches = await db.prisma.patch.findMany({ where: { seriesId }, orderBy: { index: 'asc' }, include: { message: { include: { raw: true } } } });
  return { filename, body: patches.map((p) => (p.message.raw ? mboxrdEntry(Buffer.from(p.message.raw.raw)) : '')).join('') };
}

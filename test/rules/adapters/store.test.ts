// analyzeSeries on the ingested seed thread, through the real chain: stored
// diffs → tree-sitter extraction → model → Concern rows; a rerun keeps the
// same rows (ids), and `series show --json` carries them per patch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../services/db/adapters/client.js';
import { ingestMails } from '../../../services/ingest/adapters/store.js';
import { resolveSource } from '../../../services/ingest/adapters/sources/index.js';
import { resolveSeriesId, seriesJson } from '../../../services/ingest/adapters/series-view.js';
import { analyzeSeries } from '../../../services/rules/adapters/store.js';
import { backendName, testDb } from '../../helpers/db.js';

let db: Db;
let seriesId: number;

beforeAll(async () => {
  db = await testDb();
  const source = await resolveSource('test/fixtures/corpus/cxl-region-attach-rfc.mbox');
  await ingestMails(db, source.mails());
  seriesId = (await resolveSeriesId(db, '20260403210050.1058650-5-dan.j.williams@intel.com')) as number;
});
afterAll(async () => db?.close());

describe(`analyzeSeries (${backendName()})`, { timeout: 180_000 }, () => {
  it('stores one run with the seed concerns, located on the right patches', async () => {
    const r = await analyzeSeries(db, seriesId);
    const byPatch = (k: number) => r.concerns.filter((c) => c.patch === k).map((c) => c.rule).sort();
    expect(byPatch(1)).toEqual(['contract/devres-group-noop']);
    expect(byPatch(2)).toEqual([]);
    expect(byPatch(3)).toEqual(['contract/unlocked-flag-test']);
    expect(byPatch(4)).toEqual(expect.arrayContaining(['model/devres-found', 'model/hazard', 'model/no-self-deadlock', 'model/no-uaf']));
    const uaf = r.concerns.find((c) => c.rule === 'model/no-uaf');
    expect(uaf).toMatchObject({ patch: 4, file: 'drivers/cxl/core/region.c', origin: 'new', severity: 'error' });
    expect(uaf?.trace.map((s) => s.event)).toEqual(['acpi.bind(P)', 'pci.probe(D)', 'acpi.unbind(P)']);
    expect(await db.prisma.analysisRun.count({ where: { seriesId } })).toBe(1);
    const ev = await db.prisma.event.findFirst({ where: { kind: 'series.analyzed', subjectId: seriesId } });
    expect(ev?.payload).toMatchObject({ runId: r.runId });
  });

  it('is idempotent: a rerun keeps the same concern rows and one run', async () => {
    const ids = async () => (await db.prisma.concern.findMany({ where: { seriesId }, orderBy: { id: 'asc' } })).map((c) => [c.id, c.fingerprint]);
    const before = await ids();
    const r2 = await analyzeSeries(db, seriesId);
    expect(await ids()).toEqual(before);
    expect(await db.prisma.analysisRun.findMany({ where: { seriesId }, select: { id: true } })).toEqual([{ id: r2.runId }]);
  });

  it('series show --json lists the concerns under each patch', async () => {
    const s = await seriesJson(db, seriesId);
    const p4 = s?.patches.find((p) => p.index === 4);
    const p2 = s?.patches.find((p) => p.index === 2);
    expect(p2?.concerns).toEqual([]);
    const uaf = p4?.concerns.find((c) => c.rule === 'model/no-uaf');
    expect(uaf).toBeDefined();
    expect(Object.keys(uaf ?? {}).sort()).toEqual(['file', 'lines', 'rule', 'severity', 'summary', 'trace']);
    expect(uaf?.lines?.[0]).toBeLessThanOrEqual(uaf?.lines?.[1] ?? 0);
    expect(uaf?.trace[2]?.effects.join('\n')).toMatch(/devres_release_all\(P\): P.devres = \[\]/);
  });
});

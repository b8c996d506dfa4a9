// The acceptance bar on the seed RFC, computed from the patches' effects,
// twice: from the hand-written fixtures and through the whole chain (diff →
// tree-sitter extractor → model → concerns):
// patch 4 — UAF + WARN in cxl_endpoint_region_autoremove during cxl_acpi
// unbind, the accelerator's stale range, the -ENOMEM self-deadlock; patch 1 —
// the devres group changes nothing; patch 3 — the unlocked LOCK test; patch 2
// — nothing; the base tree alone — none of these.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionEffects } from '../../services/model/core/effects.js';
import { loadCParser } from '../../services/rules/adapters/tree-sitter.js';
import { analyzePatches, type AnalysisOut, type ConcernOut } from '../../services/rules/core/analyze.js';
import { extractPatch } from '../../services/rules/core/extract/index.js';
import { seedFixture } from './fixtures/seed-effects.js';
import { lineOf, seedPatches, type SeedPatch } from './seed.js';

type Source = (patches: SeedPatch[]) => Promise<Record<number, FunctionEffects[]>>;
const SOURCES: [string, Source][] = [
  ['hand-written effects', async (ps) => seedFixture(ps)],
  ['extracted from the C', async (ps) => {
    const parser = await loadCParser();
    return Object.fromEntries(ps.map((p) => [p.index, extractPatch(parser, p.diff).functions]));
  }],
];

const REGION = 'drivers/cxl/core/region.c';
let patches: SeedPatch[];
let out: AnalysisOut;
const on = (k: number): ConcernOut[] => out.concerns.filter((c) => c.patchIndex === k);
const rule = (k: number, id: string): ConcernOut => {
  const c = on(k).find((x) => x.rule === id);
  if (!c) throw new Error(`no ${id} on patch ${k}: ${on(k).map((x) => x.rule).join(', ')}`);
  return c;
};

describe.each(SOURCES)('seed series from %s', (_name, source) => {
  beforeAll(async () => {
    patches = await seedPatches();
    const fx = await source(patches);
    out = analyzePatches(patches.map((p) => ({ index: p.index, diff: p.diff, functions: fx[p.index] ?? [] })));
  });

  describe('patch 4', () => {
    it('finds the use-after-free in cxl_endpoint_region_autoremove during cxl_acpi unbind', () => {
      const p4 = patches[3] as SeedPatch;
      const c = rule(4, 'model/no-uaf');
      const start = lineOf(p4.diff, REGION, 'static void cxl_endpoint_region_autoremove');
      const end = lineOf(p4.diff, REGION, 'devm_release_action(port->uport_dev, unregister_region, cxlr);');
      expect(c.file).toBe(REGION);
      expect(c.startLine).toBeGreaterThanOrEqual(start);
      expect(c.endLine).toBeLessThanOrEqual(end);
      expect(c.severity).toBe('error');
      expect(c.origin).toBe('new');
      expect(c.trace.map((s) => s.event)).toEqual(['acpi.bind(P)', 'pci.probe(D)', 'acpi.unbind(P)']);
      const unbind = (c.trace[2]?.effects ?? []).map((l) => l.trim());
      // LIFO on P: the region goes first, then the depth-first port teardown reaches the endpoint's autoremove
      const emptied = unbind.findIndex((l) => l.startsWith('devres_release_all(P): P.devres = [] ; todo = [unregister_port(R), cxld_unregister(RD), unregister_port(H), unregister_region(X)]'));
      const freed = unbind.indexOf('X refcount 0: X freed');
      const autoremove = unbind.findIndex((l) => l.startsWith('E: release cxl_endpoint_region_autoremove(X)'));
      expect(emptied).toBeGreaterThanOrEqual(0);
      expect(freed).toBeGreaterThan(emptied);
      expect(autoremove).toBeGreaterThan(freed);
      expect(c.explanation).toMatch(/X refcount 0: X freed/);
    });

    it('finds the devm_release_action WARN for the action already gone, at the same function', () => {
      const c = rule(4, 'model/devres-found');
      const line = lineOf((patches[3] as SeedPatch).diff, REGION, 'devm_release_action(port->uport_dev, unregister_region, cxlr);');
      expect([c.startLine, c.endLine]).toEqual([line, line]);
      expect(c.summary).toMatch(/devm_release_action\(P, unregister_region\(X\)\) found nothing/);
      expect(c.trace[2]?.detail).toMatch(/no-uaf.*devres-found|devres-found.*no-uaf/);
    });

    it('matches the variants of the brief: RCH warns without a UAF; a type-3 expander is not affected', () => {
      const run = (sc: string) => out.stats.runs.find((r) => r.version === 'patch-4' && r.scenario === sc)?.violated ?? [];
      expect(run('rch-accel').some((v) => v.startsWith('devres-found|'))).toBe(true);
      expect(run('rch-accel').some((v) => v.startsWith('no-uaf|'))).toBe(false);
      expect(run('vh-switch-expander')).toEqual([]);
    });

    it('finds the accelerator keeping a range whose region is gone until the detach work runs', () => {
      const c = rule(4, 'model/hazard');
      expect(c.trace.map((s) => s.event)).toEqual(['acpi.bind(P)', 'pci.probe(D)', 'acpi.unbind(P)', 'accel.use_range(D)']);
      expect(c.trace[2]?.effects.some((l) => l.includes('queue_work(cxl_bus_wq, detach_memdev(M))'))).toBe(true);
      expect(c.startLine).toBe(lineOf((patches[3] as SeedPatch).diff, REGION, 'attach->region = (struct range) {'));
      // the window is unbounded until the work runs: the metric reaches its cap in the scenario
      expect(out.stats.runs.find((r) => r.version === 'patch-4' && r.scenario === 'vh-switch-accel')?.hazardWindow).toBe(3);
      expect(out.stats.runs.filter((r) => r.version === 'base').every((r) => r.hazardWindow === 0)).toBe(true);
    });

    it('finds the self-deadlock when the autoremove action cannot be registered', () => {
      const c = rule(4, 'model/no-self-deadlock');
      expect(c.summary).toMatch(/rwsem.region taken for write while this task holds it for read/);
      expect(c.trace.map((s) => s.event)).toContain('fault.alloc_fail(cxl_endpoint_region_autoremove)');
      const p4 = (patches[3] as SeedPatch).diff;
      expect(c.startLine).toBe(lineOf(p4, REGION, 'guard(rwsem_read)(&cxl_rwsem.region);'));
      expect(c.endLine).toBe(lineOf(p4, REGION, 'rc = devm_add_action_or_reset(&endpoint->dev,'));
      const probe = (c.trace.at(-1)?.effects ?? []).join('\n');
      expect(probe).toMatch(/or_reset: runs cxl_endpoint_region_autoremove\(X\) synchronously/);
      expect(probe).toMatch(/unregister_region\(X\)/);
    });
  });

  describe('patches 1–3 and the base', () => {
    it('patch 1: the devres group changes nothing, and the model agrees', () => {
      expect(on(1).map((c) => c.rule)).toEqual(['contract/devres-group-noop']);
      const c = rule(1, 'contract/devres-group-noop');
      expect(c.file).toBe('drivers/cxl/mem.c');
      expect(c.explanation).toMatch(/releases an empty group/);
      expect(c.explanation).toMatch(/drops only the markers/);
      const base = out.stats.runs.filter((r) => r.version === 'base');
      const p1 = out.stats.runs.filter((r) => r.version === 'patch-1');
      expect(p1.map((r) => r.violated)).toEqual(base.map((r) => r.violated));
    });

    it('patch 3: the LOCK test in delete_region is made without the lock that orders it', () => {
      expect(on(3).map((c) => c.rule)).toEqual(['contract/unlocked-flag-test']);
      const c = rule(3, 'contract/unlocked-flag-test');
      expect(c.startLine).toBe(lineOf((patches[2] as SeedPatch).diff, REGION, 'if (test_bit(CXL_REGION_F_LOCK, &cxlr->flags))'));
      expect(c.explanation).toMatch(/rwsem.region/);
      expect(c.explanation).toMatch(/cxl_region_setup_flags/);
    });

    it('patch 2: no concern', () => {
      expect(on(2)).toEqual([]);
    });

    it('the base tree alone shows none of the patch-4 findings', () => {
      const base = analyzePatches([]);
      expect(base.concerns).toEqual([]);
      const seen = base.stats.baseViolations.map((v) => v.violation);
      for (const v of seen) expect(v).not.toMatch(/^(no-uaf|devres-found|hazard)\||rwsem.region taken for write/);
    });

    it('stays within the time budget for the whole series', () => {
      expect(out.stats.ms).toBeLessThan(5000); // the bench reports the one-core figure; this only guards against blow-ups
    });
  });
});

import { describe, expect, it } from 'vitest';
import { presentTrace } from '../../services/api/presenters/trace.js';

describe('presentTrace', () => {
  it('draws the model’s steps: event arrows, effects per device, the fault highlighted', () => {
    const t = presentTrace([
      { event: 'acpi.unbind(P)', effects: [{ depth: 1, text: 'devres_release_all(P)', devres: { dev: 'P', list: [] } }, { depth: 2, text: 'unregister_region(X)' }], faults: [] },
      { event: 'port.unbind(E)', effects: [{ depth: 1, text: 'cxl_endpoint_region_autoremove(X)' }], faults: [{ invariant: 'no-use-after-free', detail: 'reads X after free', locs: [] }] },
    ]);
    expect(t.actors).toEqual(['acpi', 'P cxl_acpi', 'X region', 'port', 'E endpoint']);
    expect(t.steps[0]).toEqual({ from: 'acpi', to: 'P cxl_acpi', label: 'unbind(P)', violating: false });
    expect(t.steps[2]).toMatchObject({ from: 'P cxl_acpi', to: 'X region', label: 'unregister_region(X)' });
    const bad = t.steps.filter((s) => s.violating);
    expect(bad).toEqual([{ from: 'E endpoint', to: 'X region', label: 'no-use-after-free: reads X after free', violating: true }]);
  });

  it('reads generic step lists and never throws on junk', () => {
    expect(presentTrace([{ actor: 'a', target: 'b', action: 'x' }]).steps).toEqual([{ from: 'a', to: 'b', label: 'x', violating: true }]);
    expect(presentTrace(null)).toEqual({ actors: [], steps: [] });
    expect(presentTrace('nonsense')).toEqual({ actors: [], steps: [] });
    expect(presentTrace(['step one', 'step two']).steps.map((s) => s.label)).toEqual(['step one', 'step two']);
  });
});

describe('presentTrace on the rules stage format', () => {
  it('keeps top-level effects, the lines before the fault, and marks the fault', () => {
    const t = presentTrace([
      { step: 1, event: 'acpi.bind(P)', effects: ['lock dev:P (exclusive)', '  cxl_acpi_probe(P)', '    device_add(R)', '    devm_add_action(P, unregister_port(R))   P.devres = [unregister_port(R)]   [drivers/cxl/acpi.c:10]'] },
      { step: 2, event: 'port.unbind(E)', detail: 'no-uaf: read cxlr->cxlrd: X was already freed', effects: ['  cxl_endpoint_region_autoremove(X)   [drivers/cxl/core/region.c:4262]', '    read X->cxlrd'] },
    ]);
    expect(t.steps[0]).toEqual({ from: 'acpi', to: 'P cxl_acpi', label: 'bind(P)', violating: false });
    expect(t.steps.map((s) => s.label)).toContain('cxl_endpoint_region_autoremove(X)');
    expect(t.steps.some((s) => s.label.includes('P.devres'))).toBe(false);
    const bad = t.steps.filter((s) => s.violating);
    expect(bad).toEqual([{ from: 'E endpoint', to: 'X region', label: 'no-uaf: read cxlr->cxlrd: X was already freed', violating: true }]);
    expect(t.steps.length).toBeLessThan(12);
  });
});

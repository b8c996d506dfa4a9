// Each invariant can fail: a deliberately broken kernel function (or a
// scenario variant) must make the explorer report it, with a short trace,
// while the unbroken base keeps it.
import { describe, expect, it } from 'vitest';
import type { CodeVersion, Effect, FunctionEffects } from '../../services/model/core/effects.js';
import { explore } from '../../services/model/core/explore.js';
import { cxlModel, type Scenario } from '../../services/model/core/model.js';
import { vhSwitchAccel } from '../../services/model/scenarios/index.js';

const version = (fns: FunctionEffects[]): CodeVersion => ({ id: 'mutant', label: 'mutant', functions: Object.fromEntries(fns.map((f) => [f.name, f])) });
const fn = (name: string, role: 'memdev', body: Effect[]): FunctionEffects => ({ name, params: [{ name: 'x', role }], body, source: 'patch', unresolved: [] });
const run = (sc: Scenario, v?: CodeVersion) => explore(cxlModel(sc, v).model, { depth: sc.depth });

describe('invariants have teeth', () => {
  it('attach-liveness: an endpoint teardown that queues no detach work', () => {
    expect(run(vhSwitchAccel).verdicts['attach-liveness']).toBe('holds');
    const r = run(vhSwitchAccel, version([fn('schedule_detach', 'memdev', [])]));
    expect(r.verdicts['attach-liveness']).toBe('violated');
    expect(r.counterexamples['attach-liveness']?.steps).toEqual(['acpi.bind(P)', 'pci.probe(D)', 'acpi.unbind(P)']);
  });

  it('full-unload: a memdev unregister that forgets its put leaks M', () => {
    expect(run(vhSwitchAccel).verdicts['full-unload']).toBe('holds');
    const leak = fn('cxl_memdev_unregister', 'memdev', [{ op: 'call', fn: 'cdev_device_del', args: [{ role: 'memdev' }] }]);
    const r = run(vhSwitchAccel, version([leak]));
    expect(r.verdicts['full-unload']).toBe('violated');
    // no topology: the memdev fails to attach and is unregistered at once, but never freed
    expect(r.counterexamples['full-unload']?.steps).toEqual(['pci.probe(D)']);
  });

  it('single-unregister: unregistering the memdev twice', () => {
    const twice = fn('cxl_memdev_unregister', 'memdev', [
      { op: 'call', fn: 'cdev_device_del', args: [{ role: 'memdev' }] },
      { op: 'call', fn: 'cdev_device_del', args: [{ role: 'memdev' }] },
      { op: 'ref.put', obj: { role: 'memdev' } },
    ]);
    expect(run(vhSwitchAccel, version([twice])).verdicts['single-unregister']).toBe('violated');
  });

  it('descriptor-lifetime: @attach on the probe stack (RFC example), and a cxl_mem re-probe that calls through it', () => {
    // In the base the queued detach work makes the re-probe fail with -EBUSY; without it the re-probe
    // reaches attach->probe through the dead descriptor.
    const onStack: Scenario = { ...vhSwitchAccel, id: 'stack', topology: { ...vhSwitchAccel.topology, attachOnStack: true }, events: ['acpi.bind', 'pci.probe', 'mem.unbind', 'mem.bind'] };
    expect(run(onStack).verdicts['descriptor-lifetime']).toBe('holds');
    const noWork = version([fn('schedule_detach', 'memdev', [])]);
    expect(run({ ...onStack, topology: vhSwitchAccel.topology }, noWork).verdicts['descriptor-lifetime']).toBe('holds');
    const r = run(onStack, noWork);
    expect(r.verdicts['descriptor-lifetime']).toBe('violated');
    expect(r.counterexamples['descriptor-lifetime']?.steps).toEqual(['acpi.bind(P)', 'pci.probe(D)', 'mem.unbind(M)', 'mem.bind(M)']);
  });
});

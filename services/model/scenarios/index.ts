// The seed scenarios (house style 15): small topologies with the events the
// semantics brief needs. The expected state counts and verdicts per code
// version live in manifest.json beside this file; test/model compares them.
import type { Scenario } from '../core/model.js';

const EVENTS = [
  'acpi.bind', 'acpi.unbind', 'pci.probe', 'pci.remove', 'port.unbind', 'port.bind', 'mem.unbind', 'mem.bind',
  'sysfs.delete_region', 'sysfs.commit_reset', 'wq.detach_memdev', 'accel.use_range', 'cxl_test.unload',
];

/** VH with a switch, auto-assembled locked region, accelerator bound: the S1 trace of the brief. */
export const vhSwitchAccel: Scenario = {
  id: 'vh-switch-accel',
  description: 'P→R→H→S→E, firmware-committed locked decoder, accelerator with @attach (descriptor devm on D)',
  topology: { kind: 'vh-switch', pciDriver: 'accel', autoRegion: true, hwLockedDecoder: true, attachOnStack: false },
  events: EVENTS,
  allocFail: [],
  depth: 12,
};

/** Same topology, fewer events, one devres allocation failure anywhere (D2, N1). */
export const vhSwitchAllocFail: Scenario = {
  id: 'vh-switch-allocfail',
  description: 'P→R→H→S→E accelerator; any one devm_add_action* allocation may fail',
  topology: { kind: 'vh-switch', pciDriver: 'accel', autoRegion: true, hwLockedDecoder: true, attachOnStack: false },
  events: ['acpi.bind', 'acpi.unbind', 'pci.probe', 'pci.remove', 'wq.detach_memdev'],
  allocFail: ['*'],
  depth: 12,
};

/** RCH: the endpoint's devres host is P itself (S1 variant). */
export const rchAccel: Scenario = {
  id: 'rch-accel',
  description: 'P→R→E (RCH), accelerator with @attach',
  topology: { kind: 'rch', pciDriver: 'accel', autoRegion: true, hwLockedDecoder: true, attachOnStack: false },
  events: ['acpi.bind', 'acpi.unbind', 'pci.probe', 'pci.remove', 'port.unbind', 'mem.unbind', 'wq.detach_memdev', 'accel.use_range'],
  allocFail: [],
  depth: 12,
};

/** A type-3 expander through cxl_pci (attach NULL): Dan's "shared with the expander" claim. */
export const vhSwitchExpander: Scenario = {
  id: 'vh-switch-expander',
  description: 'P→R→H→S→E, cxl_pci memdev without @attach, unlocked auto region',
  topology: { kind: 'vh-switch', pciDriver: 'cxl_pci', autoRegion: true, hwLockedDecoder: false, attachOnStack: false },
  events: [
    'acpi.bind', 'acpi.unbind', 'pci.probe', 'pci.remove', 'port.unbind', 'mem.unbind', 'mem.bind', 'region.unbind', 'region.bind',
    'sysfs.create_region', 'sysfs.delete_region', 'sysfs.commit_reset', 'sysfs.target_detach', 'wq.detach_memdev',
  ],
  allocFail: [],
  depth: 12,
};

export const SEED_SCENARIOS: Scenario[] = [vhSwitchAccel, vhSwitchAllocFail, rchAccel, vhSwitchExpander];

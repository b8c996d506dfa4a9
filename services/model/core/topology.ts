// Which objects a scenario has and how they hang together (§1 of the
// semantics brief). One slot per role: a scenario has at most one endpoint,
// one region and one accelerator, so a role names exactly one object and no
// symmetry between objects exists (which is why the explorer applies no
// symmetry reduction to this model).
import type { Role } from './effects.js';
import { DEV_IDS, emptyDev, presentDev, type DevId, type ModelState, type ObjId } from './state.js';

export interface Topology {
  /** vh-switch: P→R→H→S→E; vh: P→R→H→E; rch: P→R→E (endpoint's devres host is P) */
  kind: 'vh-switch' | 'vh' | 'rch';
  /** which PCI driver binds D: an accelerator passing @attach, or cxl_pci (type-3, attach NULL) */
  pciDriver: 'accel' | 'cxl_pci';
  /** the endpoint decoder is firmware-committed, so endpoint probe auto-assembles X */
  autoRegion: boolean;
  /** the decoder carries the hardware lock bit (CXL_DECODER_F_LOCK) */
  hwLockedDecoder: boolean;
  /** the attach descriptor lives on the accelerator probe's stack (RFC example) instead of devm on D */
  attachOnStack: boolean;
}

export function hasSwitch(t: Topology): boolean {
  return t.kind === 'vh-switch';
}

/** struct device parent of each slot. */
export function parentOf(t: Topology, id: DevId): DevId | null {
  switch (id) {
    case 'R': return 'P';
    case 'RD': return 'R';
    case 'H': return 'R';
    case 'S': return 'H';
    case 'E': return t.kind === 'vh-switch' ? 'S' : t.kind === 'vh' ? 'H' : 'R';
    case 'ED': return 'E';
    case 'X': return 'RD';
    case 'M': return 'D';
    default: return null;
  }
}

/** endpoint_host(): the parent port's device, or the root's uport (P) for RCH. */
export function endpointHost(t: Topology): DevId {
  return t.kind === 'vh-switch' ? 'S' : t.kind === 'vh' ? 'H' : 'P';
}

/** Objects the roles of the effect language name when a caller did not bind them. */
export function roleMap(t: Topology): Record<Role, ObjId | null> {
  return {
    acpi: 'P', root: 'R', rootDecoder: 'RD', hostBridge: 'H', switch: hasSwitch(t) ? 'S' : null,
    endpoint: 'E', endpointDecoder: 'ED', region: 'X', memdev: 'M', pciDev: 'D',
    attach: t.pciDriver === 'accel' ? 'A' : null, parentPort: parentOf(t, 'E'), port: null, device: null,
  };
}

/**
 * Lock ranks from §3.4 (outermost first). Port locks follow depth, parent
 * before child. A task may only take a lock of higher rank than all it holds.
 */
export function lockRank(id: string): number {
  const ranks: Record<string, number> = {
    'dev:D': 1, 'dev:M': 2, 'dev:P': 3, 'dev:R': 3, 'dev:H': 4, 'dev:S': 5, 'dev:E': 6, 'dev:RD': 6, 'dev:ED': 7,
    regions_lock: 8, 'dev:X': 9, 'rwsem.region': 10, 'rwsem.dpa': 11,
  };
  return ranks[id] ?? 0;
}

/** Before anything runs: ACPI enumerated P and PCI enumerated D; no driver bound. */
export function initialState(_t: Topology): ModelState {
  const devs = {} as ModelState['devs'];
  for (const id of DEV_IDS) devs[id] = id === 'P' || id === 'D' ? presentDev() : emptyDev();
  const flags = {} as ModelState['flags'];
  for (const id of [...DEV_IDS, 'A'] as ObjId[]) flags[id] = [];
  return { devs, flags, work: [], faults: [], hung: false, alloc: 'unused', hazard: 0 };
}

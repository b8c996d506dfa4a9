// The rule catalogue: every rule is data (id, kind, severity, title,
// rationale) plus a detector. Model rules are detected by comparing the
// explorer's verdicts before and after a patch (model-rules.ts); contract
// rules read the extracted effects of the patch alone (contract.ts).
// The analyze pipeline (analyze.ts) runs them; the store keeps `id`.
import { FAULT_INVARIANTS } from '../../model/core/invariants.js';
import type { ContractFinding, ContractInput } from './contract.js';
import { emptyGroupRule, releaseOtherHostRule, unlockedFlagTestRule } from './contract.js';

export type Severity = 'error' | 'warning' | 'info';

export interface RuleBase {
  id: string;
  severity: Severity;
  title: string;
  /** why the rule exists: the kernel behaviour behind it */
  rationale: string;
}

export interface ModelRule extends RuleBase {
  kind: 'model';
  /** the model invariant whose new violations this rule reports */
  invariant: string;
}

export interface ContractRule extends RuleBase {
  kind: 'contract';
  detect(input: ContractInput): ContractFinding[];
}

export type Rule = ModelRule | ContractRule;

const MODEL_RATIONALE: Record<string, [Severity, string]> = {
  'devres-found': ['warning', 'devm_release_action() on a (fn, data) pair that is not on the live devres list returns -ENOENT and hits WARN_ON; the action does not run (D3). During devres_release_all() the list is already empty (D4).'],
  'no-uaf': ['error', 'An object is freed when its refcount reaches 0 (D7). A devres action or pointer that holds no reference must provably run before the final put, or it reads freed memory.'],
  'single-unregister': ['error', 'unregister_region, unregister_port and cxl_memdev_unregister end in device_del, which must run at most once per device.'],
  'locked-region': ['warning', 'CXL_REGION_F_LOCK marks a region userspace must not delete or reset (hardware lock or an @attach owner).'],
  'bad-devm-context': ['warning', 'devres added to an unbound or releasing device is never released (or leaks into the next probe, which then fails with -EBUSY).'],
  'lock-order': ['warning', 'Locks are taken outermost first (device D, M, ports parent before child, regions_lock, region, cxl_rwsem.region, cxl_rwsem.dpa); region device_del/unbind/attach must not run under cxl_rwsem.region, because region probe takes it for read under the region lock.'],
  'no-self-deadlock': ['error', 'rwsems and device locks are not recursive: taking write on an rwsem held for read, or a device lock already held, blocks the task forever.'],
  hazard: ['warning', 'Between the region being unregistered and the accelerator\'s remove() (run asynchronously by detach_memdev), the accelerator can still use the HPA range it mapped; the freed range may even be handed to a new region.'],
  'descriptor-lifetime': ['error', 'cxlmd->attach is dereferenced on every cxl_mem probe; it must outlive the memdev.'],
  'full-unload': ['warning', 'After every driver is unloaded and work is drained, no device, devres node or region may be left behind.'],
  'attach-liveness': ['error', 'When an attach memdev loses its endpoint, the accelerator must be detached (detach_memdev is the only link).'],
  'parent-pinning': ['warning', 'A port must be unregistered before (or when) its devres host goes away.'],
};

const TITLES: Record<string, string> = Object.fromEntries([
  ...FAULT_INVARIANTS.map((f) => [f.id, f.title]),
  ['full-unload', 'everything is released after a full unload'],
  ['attach-liveness', 'losing the endpoint of an attach memdev detaches the accelerator'],
  ['parent-pinning', 'no port outlives its devres host'],
]);

export const MODEL_RULES: ModelRule[] = Object.entries(MODEL_RATIONALE).map(([invariant, [severity, rationale]]) => ({
  kind: 'model', id: `model/${invariant}`, invariant, severity, title: TITLES[invariant] ?? invariant, rationale,
}));

export const CONTRACT_RULES: ContractRule[] = [
  {
    kind: 'contract', id: 'contract/devres-group-noop', severity: 'info',
    title: 'a devres group that changes nothing',
    rationale: 'devres_remove_group() drops only the group markers (D9) and devres_release_group() releases only what was registered on the same device inside the group; a group with nothing registered inside it on every path that releases it has no effect.',
    detect: emptyGroupRule,
  },
  {
    kind: 'contract', id: 'contract/release-other-host', severity: 'error',
    title: 'devm_release_action on a device other than the one the action was added to',
    rationale: 'devm_release_action() searches only the given device\'s list (D3): releasing on another device finds nothing, WARNs, and the action never runs until that other device unbinds.',
    detect: releaseOtherHostRule,
  },
  {
    kind: 'contract', id: 'contract/unlocked-flag-test', severity: 'warning',
    title: 'a flag test without the lock that orders it against the setter',
    rationale: 'A flag set under a lock (e.g. CXL_REGION_F_LOCK in cxl_region_setup_flags under cxl_rwsem.region) can change between an unlocked test and the action it guards; the test must hold a lock the setter holds.',
    detect: unlockedFlagTestRule,
  },
];

export const RULES: Rule[] = [...MODEL_RULES, ...CONTRACT_RULES];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

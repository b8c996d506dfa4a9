// The invariants of §6 of the semantics brief, as predicates on a state.
// Violations that happen inside an event (a WARN, a use-after-free, a lock
// taken twice) are recorded by the interpreter as faults in the state, so
// they are predicates too; the rest are judged on the state itself.
import type { Invariant } from './explore.js';
import { hasFlag, type DevId, type ModelState } from './state.js';
import { endpointHost, type Topology } from './topology.js';

const faultFree = (id: string) => (s: ModelState) => !s.faults.some((f) => f.startsWith(`${id}:`));

const faultDetails = (id: string) => (s: ModelState) =>
  s.faults.filter((f) => f.startsWith(`${id}:`)).map((f) => f.slice(id.length + 2));

/**
 * Why the fault-based ones: the kernel gives no state to look at after a
 * WARN or a UAF read; the model records the event as it happens (D3/D4 for
 * devres-found, refcount 0 for no-uaf, §3.4 for the lock rules).
 */
export const FAULT_INVARIANTS: { id: string; title: string }[] = [
  // 1: devm_release_action/remove_action/group ops find their node (no WARN_ON)
  { id: 'devres-found', title: 'every devm_release_action finds its (fn, data) on the live list' },
  // 2: nothing reads, locks, gets or puts an object whose refcount reached 0
  { id: 'no-uaf', title: 'no object is touched after its release' },
  // 3: device_del at most once per device (covers the unregister_* actions)
  { id: 'single-unregister', title: 'unregister_region/unregister_port/cxl_memdev_unregister run at most once' },
  // 4: a LOCKed region survives delete_region and commit=0
  { id: 'locked-region', title: 'a region with LOCK set is never deleted or reset from userspace' },
  // 5: actions land only on bound devices not in release, or in their own probe; probes start clean
  { id: 'bad-devm-context', title: 'no devres added to an unbound or releasing device; no probe with leftover devres' },
  // 9a: §3.4 order, and no region device_del/unbind/attach under cxl_rwsem.region
  { id: 'lock-order', title: 'locks are taken in the §3.4 order' },
  // 9b: no task takes a lock (or rwsem write) it already holds
  { id: 'no-self-deadlock', title: 'no task re-takes a lock it holds (rwsem read→write included)' },
  // 8: the accelerator never uses a range whose region is gone (bound: 0 uses)
  { id: 'hazard', title: 'the accelerator never uses a range whose region is gone' },
  // 11: cxlmd->attach points to live memory whenever it is dereferenced
  { id: 'descriptor-lifetime', title: 'the attach descriptor is live whenever it is used' },
];

/**
 * 6 full-unload. Why only in quiescent states: "after unloading everything
 * and draining work" is exactly a state where P and D are unbound, nothing
 * is queued and no task hangs; every other slot must then be deleted and
 * freed, and every devres list empty.
 */
function fullUnload(s: ModelState): boolean {
  if (s.hung || s.devs.P.driver || s.devs.D.driver || s.work.length) return true;
  for (const id of Object.keys(s.devs) as DevId[]) {
    const d = s.devs[id];
    if (d.devres.length) return false;
    if (id !== 'P' && id !== 'D' && (d.added || d.live)) return false;
  }
  return true;
}

/**
 * 7 attach-liveness. Why this form: the only link from topology loss to the
 * accelerator's remove() is the queued detach work (S3/S6), so "eventually
 * released" holds iff, whenever the attach memdev has lost its endpoint (or
 * its driver) while the accelerator is bound, the work is queued.
 */
function attachLiveness(s: ModelState): boolean {
  if (s.hung || !s.devs.D.driver || !s.devs.M.live || !hasFlag(s, 'M', 'attach')) return true;
  const detached = !s.devs.M.driver || !s.devs.E.live || !s.devs.E.driver;
  return !detached || s.work.includes('detach_memdev(M)');
}

/**
 * 10 parent-pinning. Why: device_add pins the parent, so memory order is
 * automatic; what can go wrong is a port still registered after its devres
 * host was deleted (it would never be unregistered).
 */
function parentPinning(t: Topology) {
  const hosts: [DevId, DevId][] = [['H', 'P'], ['S', 'H'], ['E', endpointHost(t)]];
  return (s: ModelState) => hosts.every(([p, h]) => !(s.devs[p].live && s.devs[p].added) || s.devs[h].added);
}

export function invariants(t: Topology): Invariant<ModelState>[] {
  return [
    ...FAULT_INVARIANTS.map((f) => ({ id: f.id, title: f.title, holds: faultFree(f.id), details: faultDetails(f.id) })),
    { id: 'full-unload', title: 'after a full unload and drained work, everything is released', holds: fullUnload, details: () => ['leak after unload'] },
    { id: 'attach-liveness', title: 'losing the endpoint of an attach memdev queues the accelerator detach', holds: attachLiveness, details: () => ['accelerator never detached'] },
    { id: 'parent-pinning', title: 'no port stays registered after its devres host is gone', holds: parentPinning(t), details: () => ['port outlives its host'] },
  ];
}

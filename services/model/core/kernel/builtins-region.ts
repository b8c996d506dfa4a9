// Base-tree region functions (§3.1.3c, §3.2, §3.3 of the semantics brief) as
// lifetime effects. Simplifications:
// - one region X with one target (ED): interleave and multi-target
//   assembly add positions, not new lifetime orders.
// - the HPA resource is not a separate object: it lives and dies with X's
//   registration (released inside unregister_region).
// - region probe creates no dax/pmem child: the RFC skips it for attach
//   regions, and for expanders the child is a devres of X itself, released
//   by X's own unbind before anything in this model looks at X again.
// - commit=0 resets the decoders by clearing `committed`; the drop/retake of
//   the lock around device_release_driver is kept (the yield point).
import type { FunctionEffects } from '../effects.js';
import {
  addOrReset, call, clearFlag, failed, flag, fn, get, lockRw, not, put, release, ret, retValue, setFlag, unlockRw, via, when,
} from './dsl.js';

const uport = via('acpi', 'cxlrd_to_port(cxlrd)->uport_dev');

export function regionBuiltins(): FunctionEffects[] {
  return [...assemblyBuiltins(), ...sysfsBuiltins()];
}

/** Auto-assembly, probe and teardown of the region. */
function assemblyBuiltins(): FunctionEffects[] {
  return [
    // auto-assembly from an endpoint probe (E lock held): find or construct, then attach
    fn('cxl_add_to_region', [['cxled', 'endpointDecoder']], [
      lockRw('regions_lock', 'exclusive'),
      call('region_find_or_construct', ['region'], 'rc'),
      unlockRw('regions_lock', 'exclusive'),
      when(failed('rc'), [ret('-ENXIO')]),
      lockRw('rwsem.region', 'write'),
      lockRw('rwsem.dpa', 'read'),
      call('cxl_region_attach_target', ['region', 'endpointDecoder']),
      unlockRw('rwsem.dpa', 'read'),
      unlockRw('rwsem.region', 'write'),
      call('device_attach', ['region']),
      ret(),
    ]),
    // construct: pin the root decoder, register, and hang unregister_region on P
    fn('cxl_region_construct', [['cxlr', 'region']], [
      call('device_initialize', ['region']),
      get('rootDecoder'),
      call('device_add', ['region']),
      addOrReset(uport, 'unregister_region', 'region', 'rc'),
      when(failed('rc'), [ret('-ENOMEM')]),
      ret(),
    ]),
    // under cxl_rwsem.region write: the decoder takes a region reference; last target commits
    fn('cxl_region_attach_target', [['cxlr', 'region'], ['cxled', 'endpointDecoder']], [
      setFlag('endpointDecoder', 'attached'),
      setFlag('region', 'target'),
      get('region'),
      call('cxl_region_setup_flags', ['region', 'endpointDecoder']),
      setFlag('region', 'committed'),
    ]),
    fn('cxl_region_setup_flags', [['cxlr', 'region'], ['cxld', 'endpointDecoder']], [
      when(flag('endpointDecoder', 'hwlock'), [setFlag('region', 'LOCK')]),
    ]),
    fn('cxl_region_probe', [['dev', 'region']], [
      when(not(flag('region', 'committed')), [ret('-ENXIO')]),
      lockRw('rwsem.region', 'read', true),
      ret(),
    ]),
    // §3.2: device_del, detach every target under the write lock, put (usually the last ref)
    fn('unregister_region', [['cxlr', 'region']], [
      call('device_del', ['region']),
      lockRw('rwsem.region', 'write'),
      call('cxl_region_detach_all', ['region']),
      unlockRw('rwsem.region', 'write'),
      put('region'),
    ]),
    fn('cxl_region_detach_all', [['cxlr', 'region']], [
      when(flag('region', 'target'), [
        clearFlag('region', 'target'), clearFlag('endpointDecoder', 'attached'), clearFlag('region', 'committed'), put('region'),
      ]),
    ]),
    // decoder unregister: DETACH_INVALIDATE under the lock, then device_unregister
    fn('cxld_unregister', [['cxld', 'device']], [
      lockRw('rwsem.region', 'write'),
      when(flag('device', 'attached'), [
        clearFlag('region', 'target'), clearFlag('device', 'attached'), clearFlag('region', 'committed'), put('region'),
      ]),
      unlockRw('rwsem.region', 'write'),
      call('device_unregister', ['device']),
    ]),
  ];
}

/** The sysfs handlers of §3.3, base tree. */
function sysfsBuiltins(): FunctionEffects[] {
  return [
    // sysfs delete_region (base): lookup (a counted reference), release P's action, put it
    fn('delete_region_store', [['dev', 'rootDecoder']], [
      call('cxl_find_region_by_name', ['rootDecoder'], 'cxlr'),
      when(failed('cxlr'), [ret('-ENODEV')]),
      get('region'),
      release(uport, 'unregister_region', 'region'),
      put('region'),
      ret(),
    ]),
    // sysfs create_ram_region: a region with no targets yet, unregistered by P's action
    fn('create_region_store', [['dev', 'rootDecoder']], [call('cxl_region_construct', ['region'], 'rc'), retValue('rc')]),
    // sysfs targetN = "": detach under the write lock; not blocked by LOCK [S] (N6)
    fn('target_detach_store', [['dev', 'region']], [
      lockRw('rwsem.region', 'write'),
      when(flag('region', 'target'), [
        clearFlag('region', 'target'), clearFlag('endpointDecoder', 'attached'), clearFlag('region', 'committed'), put('region'),
      ]),
      unlockRw('rwsem.region', 'write'),
      ret(),
    ]),
    // sysfs commit=0 (base): LOCK refuses; otherwise unbind the region and reset the decoders
    fn('commit_store', [['dev', 'region']], [
      when(flag('region', 'LOCK'), [ret('-EPERM')]),
      lockRw('rwsem.region', 'write'),
      setFlag('region', 'reset_pending'),
      unlockRw('rwsem.region', 'write'),
      call('device_release_driver', ['region']),
      lockRw('rwsem.region', 'write'),
      when(flag('region', 'reset_pending'), [clearFlag('region', 'reset_pending'), clearFlag('region', 'committed')]),
      unlockRw('rwsem.region', 'write'),
      ret(),
    ]),
  ];
}

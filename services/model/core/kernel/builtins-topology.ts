// Base-tree kernel functions for the port topology, the memdev and the PCI
// drivers (§3.1, §3.2 of the semantics brief), written as lifetime effects.
// They are what "base" means; a patch overrides any of them by name.
// Simplifications (each keeps the lifetime order the rules depend on):
// - P's devres holds only R, RD and H (not cxl_res, dports, nvdimm bridge):
//   the others are released after H and touch no object of the model.
// - the endpoint's uport/dport link actions are left out: delete_endpoint
//   releases them under the same guard as unregister_port(E).
// - debugfs, EDAC and suspend actions have no body: they are kept as nodes
//   only so the LIFO order on M matches the brief.
import type { FunctionEffects } from '../effects.js';
import type { Topology } from '../topology.js';
import { hasSwitch } from '../topology.js';
import {
  NULL, addOrFail, addOrReset, bound, call, clearFlag, failed, flag, fn, get, lockDev, not, put, release, ret, retValue, setFlag,
  unlockDev, via, when,
} from './dsl.js';

const host = via('parentPort', 'endpoint_host(endpoint)');

export function topologyBuiltins(t: Topology): FunctionEffects[] {
  return [
    // cxl_acpi probe on P: root port, root decoders, then host-bridge ports (§3.1.1)
    fn('cxl_acpi_probe', [['pdev', 'acpi']], [
      call('device_register', ['root']),
      ...addOrFail('acpi', 'unregister_port', 'root'),
      call('device_register', ['rootDecoder']),
      ...addOrFail('acpi', 'cxld_unregister', 'rootDecoder'),
      call('device_register', ['hostBridge']),
      ...addOrFail('acpi', 'unregister_port', 'hostBridge'),
      call('cxl_bus_rescan'),
      ret(),
    ]),
    fn('cxl_port_probe', [['port', 'port']], [ret()]),
    // endpoint branch of cxl_port probe (E lock held by really_probe)
    fn('cxl_endpoint_port_probe', [['endpoint', 'endpoint']], [
      call('get_device', ['memdev']),
      ...addOrFail('endpoint', 'schedule_detach', 'memdev'),
      call('device_register', ['endpointDecoder']),
      ...addOrFail('endpoint', 'cxld_unregister', 'endpointDecoder'),
      when(flag('endpointDecoder', 'auto'), [call('cxl_add_to_region', ['endpointDecoder'])]),
      ret(),
    ]),
    // unregister_port: dead, then device_unregister (children go via their own devres, D8)
    fn('unregister_port', [['port', 'port']], [setFlag('port', 'dead'), call('device_unregister', ['port'])]),
    fn('schedule_detach', [['cxlmd', 'memdev']], [call('queue_detach_work', ['memdev'])]),
    // the asynchronous work: unbind the accelerator (attach) or the memdev, then drop schedule_detach's ref
    fn('detach_memdev', [['cxlmd', 'memdev']], [
      clearFlag('memdev', 'detach_pending'),
      when(flag('memdev', 'attach'), [call('device_release_driver', ['pciDev'])], [call('device_release_driver', ['memdev'])]),
      put('memdev'),
    ]),
    memProbe(),
    fn('delete_endpoint', [['cxlmd', 'memdev']], [
      lockDev(host),
      when(bound(host), [when(not(flag('endpoint', 'dead')), [release(host, 'unregister_port', 'endpoint')])]),
      unlockDev(host),
      clearFlag('memdev', 'endpoint'),
      put('endpoint'),
      put(host),
    ]),
    fn('cxl_detach_ep', [['cxlmd', 'memdev']], hasSwitch(t) ? [
      // reap the switch port this memdev was the last user of; the lookup finds registered ports only
      call('cxl_find_port', ['switch'], 'port'),
      when(failed('port'), [ret()]),
      get('switch'),
      lockDev('hostBridge'),
      when(bound('hostBridge'), [when(not(flag('switch', 'dead')), [release('hostBridge', 'unregister_port', 'switch')])]),
      unlockDev('hostBridge'),
      put('switch'),
    ] : []),
    fn('remove_debugfs', [['cxlmd', 'memdev']], []),
    fn('enable_suspend', [['cxlmd', 'memdev']], []),
    fn('cxl_memdev_unregister', [['cxlmd', 'memdev']], [call('cdev_device_del', ['memdev']), put('memdev')]),
    ...memdevBuiltins(),
  ];
}

/** cxl_mem_probe (M lock held): ports, endpoint, then attach->probe (§3.1.3). */
function memProbe(): FunctionEffects {
  return fn('cxl_mem_probe', [['dev', 'memdev']], [
    when(flag('memdev', 'detach_pending'), [ret('-EBUSY')]),
    ...addOrFail('memdev', 'remove_debugfs', 'memdev'),
    call('devm_cxl_enumerate_ports', ['memdev'], 'rc'),
    when(failed('rc'), [ret('-ENXIO')]),
    lockDev(host),
    when(not(bound(host)), [unlockDev(host), ret('-ENXIO')]),
    call('device_register', ['endpoint']),
    ...addOrFail(host, 'unregister_port', 'endpoint', [unlockDev(host)]),
    setFlag('memdev', 'endpoint'),
    get('endpoint'),
    get(host),
    ...addOrFail('memdev', 'delete_endpoint', 'memdev', [unlockDev(host)]),
    when(not(bound('endpoint')), [unlockDev(host), ret('-ENXIO')]),
    unlockDev(host),
    when(flag('memdev', 'attach'), [call('attach_probe', ['memdev'], 'rc3'), when(failed('rc3'), [ret('-ENXIO')])]),
    ...addOrFail('memdev', 'enable_suspend', 'memdev'),
    ret(),
  ]);
}

function memdevBuiltins(): FunctionEffects[] {
  return [
    fn('devm_cxl_add_memdev', [['cxlds', 'pciDev'], ['attach', 'attach']], [
      call('__devm_cxl_add_memdev', ['pciDev', 'attach'], 'cxlmd'),
      retValue('cxlmd'),
    ]),
    fn('__devm_cxl_add_memdev', [['cxlds', 'pciDev'], ['attach', 'attach']], [
      call('memdev_alloc', ['memdev', 'attach']),
      call('device_add', ['memdev']), // synchronous cxl_mem_probe (PROBE_FORCE_SYNCHRONOUS)
      call('cxl_memdev_autoremove', ['memdev'], 'rc'),
      when(failed('rc'), [ret('-ENXIO')]),
      ret(),
    ]),
    // v2 6/6: an attach memdev that did not bind is unregistered at once
    fn('cxl_memdev_autoremove', [['cxlmd', 'memdev']], [
      lockDev('memdev'),
      when(flag('memdev', 'attach'), [when(not(bound('memdev')), [
        unlockDev('memdev'), call('cxl_memdev_unregister', ['memdev']), ret('-ENXIO'),
      ])]),
      unlockDev('memdev'),
      addOrReset('pciDev', 'cxl_memdev_unregister', 'memdev', 'rc'),
      when(failed('rc'), [ret('-ENOMEM')]),
      ret(),
    ]),
    // the accelerator (sfc-like): memdev with @attach, then map what attach returned
    fn('accel_probe', [['pdev', 'pciDev']], [
      call('attach_alloc', ['attach']),
      call('devm_cxl_add_memdev', ['pciDev', 'attach'], 'cxlmd'),
      when(failed('cxlmd'), [call('attach_stack_end', ['attach']), ret('-ENXIO')]),
      call('accel_map_range', ['pciDev']),
      call('attach_stack_end', ['attach']),
      ret(),
    ]),
    fn('accel_remove', [['pdev', 'pciDev']], [clearFlag('pciDev', 'mapped')]),
    // the base tree has no region helper: the accelerator's own attach probe does nothing
    fn('accel_attach_noop', [['cxlmd', 'memdev']], [ret()]),
    fn('cxl_pci_probe', [['pdev', 'pciDev']], [call('devm_cxl_add_memdev', ['pciDev', NULL]), ret()]),
  ];
}

// The declared accessor table: how C expressions name model objects (roles of
// services/model/core/effects.ts). Data only; resolve.ts interprets it.
// Entries (object → field → object; "self" = the same model object):
// - pointer types: struct cxl_region → region, cxl_root_decoder → rootDecoder,
//   cxl_endpoint_decoder → endpointDecoder, cxl_memdev → memdev,
//   cxl_memdev_attach / cxl_attach_region → attach, cxl_root → root,
//   cxl_port → port (generic), device → device (generic), pci_dev → pciDev,
//   cxl_dev_state → pciDev (the device state is devm-allocated on D and lives
//   exactly as long as D's binding; the model folds it into D, as its
//   built-in devm_cxl_add_memdev does).
// - fields: region.cxlrd → rootDecoder; region.dev.parent → rootDecoder;
//   region.params.targets[i] → endpointDecoder; rootDecoder.dev.parent → root;
//   root.uport_dev → acpi; root.dev.parent → acpi; hostBridge.dev.parent → root;
//   endpoint.uport_dev → memdev; endpoint.dev.parent → parentPort;
//   endpointDecoder.cxld.region → region; endpointDecoder.dev.parent → endpoint;
//   memdev.endpoint → endpoint; memdev.cxlds → pciDev; memdev.attach → attach;
//   memdev.dev.parent → pciDev; pciDev(cxlds).dev → pciDev; any.dev → self.
// - embedded "self" prefixes: dev (all), cxld and cxld.dev (endpoint decoder),
//   cxlsd.cxld[.dev] (root decoder), port (cxl_root).
// - functions: cxlrd_to_port(RD) → root (reads RD's dev.parent);
//   cxled_to_memdev(ED) → memdev, cxled_to_port(ED) → endpoint (read ED's
//   dev.parent); to_cxl_region/to_cxl_root_decoder/
//   to_cxl_endpoint_decoder/to_cxl_memdev/to_pci_dev → that role;
//   endpoint_host(E) → parentPort (its `via` keeps the call: the model binds
//   it to the endpoint's devres host, P for an RCH); to_cxl_port
//   → the argument's port role, else port; container_of(x, T, m) → T's role.
// - lookups (take a reference; `__free(put_*)` makes it scoped):
//   cxl_find_region_by_name(RD, name) → region; device_find_child(E, …) →
//   endpointDecoder (an endpoint port's only child devices are its decoders);
//   find_cxl_root(port) → root.
// - conditions on fields: memdev.attach → flag `attach`; any.dev.driver →
//   bound; port.dead → flag `dead`; region.params.state vs CXL_CONFIG_COMMIT →
//   flag `committed`.
// What is not listed is not a model object: a read through it is not
// tracked, and using it where an object is needed is reported unresolved.
import type { Role } from '../../../model/core/effects.js';

export const PORT_ROLES: readonly Role[] = ['root', 'hostBridge', 'switch', 'endpoint', 'parentPort', 'port'];

/** struct name → role of a pointer to it */
export const TYPES: Readonly<Record<string, Role>> = {
  cxl_region: 'region',
  cxl_root_decoder: 'rootDecoder',
  cxl_endpoint_decoder: 'endpointDecoder',
  cxl_memdev: 'memdev',
  cxl_memdev_attach: 'attach',
  cxl_attach_region: 'attach',
  cxl_root: 'root',
  cxl_port: 'port',
  device: 'device',
  pci_dev: 'pciDev',
  cxl_dev_state: 'pciDev',
};

/** Path prefixes that name the object itself (embedded struct device / decoder). */
export const SELF_PREFIXES: Readonly<Partial<Record<Role | '*', readonly string[]>>> = {
  '*': ['dev'],
  endpointDecoder: ['cxld.dev', 'cxld'],
  rootDecoder: ['cxlsd.cxld.dev', 'cxlsd.cxld', 'cxlsd'],
  root: ['port.dev', 'port'],
};

/** (role, canonical field path) → role of the object the field points to */
export const FIELDS: Readonly<Partial<Record<Role, Readonly<Record<string, Role>>>>> = {
  region: { cxlrd: 'rootDecoder', parent: 'rootDecoder', 'params.targets[]': 'endpointDecoder' },
  rootDecoder: { parent: 'root' },
  root: { uport_dev: 'acpi', parent: 'acpi' },
  hostBridge: { parent: 'root' },
  endpoint: { uport_dev: 'memdev', parent: 'parentPort' },
  endpointDecoder: { region: 'region', parent: 'endpoint' },
  memdev: { endpoint: 'endpoint', cxlds: 'pciDev', attach: 'attach', parent: 'pciDev' },
};

/**
 * pure functions returning an object from their first argument: the role they
 * return, and the field of the argument they load on the way (a `read`)
 */
export const FUNCTIONS: Readonly<Record<string, { from?: Role; to: Role | 'sameIfPort'; reads?: string }>> = {
  cxlrd_to_port: { from: 'rootDecoder', to: 'root', reads: 'cxlsd.cxld.dev.parent' },
  cxled_to_memdev: { from: 'endpointDecoder', to: 'memdev', reads: 'cxld.dev.parent' },
  cxled_to_port: { from: 'endpointDecoder', to: 'endpoint', reads: 'cxld.dev.parent' },
  to_cxl_region: { to: 'region' },
  to_cxl_root_decoder: { to: 'rootDecoder' },
  to_cxl_endpoint_decoder: { to: 'endpointDecoder' },
  to_cxl_memdev: { to: 'memdev' },
  to_pci_dev: { to: 'pciDev' },
  endpoint_host: { from: 'endpoint', to: 'parentPort' },
  to_cxl_port: { to: 'sameIfPort' },
};

/** lookups that return a referenced object: parent role (null = any) → result role */
export const LOOKUPS: Readonly<Record<string, { parent: Role | null; to: Role }[]>> = {
  cxl_find_region_by_name: [{ parent: null, to: 'region' }],
  device_find_child: [{ parent: 'endpoint', to: 'endpointDecoder' }],
  find_cxl_root: [{ parent: null, to: 'root' }],
};

export type FieldCond = { kind: 'flag'; flag: string } | { kind: 'bound' };

/** truthiness of (role, canonical field) as a model condition; '*' = any role */
export const COND_FIELDS: Readonly<Record<string, FieldCond>> = {
  'memdev.attach': { kind: 'flag', flag: 'attach' },
  '*.driver': { kind: 'bound' },
  '*.dead': { kind: 'flag', flag: 'dead' },
};

/** (role.field, constant) comparisons the model knows: `<` means "not yet" */
export const STATE_FLAGS: Readonly<Record<string, { constant: string; flag: string }>> = {
  'region.params.state': { constant: 'CXL_CONFIG_COMMIT', flag: 'committed' },
};

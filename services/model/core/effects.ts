// The lifetime-effect language: what a kernel function does to object
// lifetimes, abstracted from its C. Built-in functions of the base tree are
// written in it by hand (services/model/core/kernel/…); functions added or
// changed by a patch are translated into it from their C by
// services/rules/core/extract (tree-sitter). The model interprets it.
//
// This file is the contract between the extractor (services/rules/core/extract)
// and the model (services/model/core). Keep it small; extend it by adding
// variants, never by loosening existing ones.

/**
 * The model objects an expression can name. Roles are per call: inside a
 * function the parameters are bound to concrete objects by the caller.
 * (P = cxl_acpi platform device, R = root port, RD = root decoder,
 * H = host-bridge port, S = switch port, E = endpoint port, ED = endpoint
 * decoder, X = region, M = memdev, D = PCI device, A = attach descriptor)
 */
export type Role =
  | 'acpi' // P
  | 'root' // R (cxl_root port; its uport_dev is P)
  | 'rootDecoder' // RD
  | 'hostBridge' // H
  | 'switch' // S
  | 'endpoint' // E
  | 'endpointDecoder' // ED
  | 'region' // X
  | 'memdev' // M
  | 'pciDev' // D
  | 'attach' // A (struct cxl_memdev_attach)
  | 'parentPort' // the endpoint's parent port (H, S, or R for RCH), resolved by the model
  // Added (compatible): generic roles a caller binds, for functions that run on
  // more than one kind of object (unregister_port runs on H, S and E).
  | 'port' // any cxl_port, bound by the caller
  | 'device'; // any struct device, bound by the caller

/** An expression resolved to a model object, or the text we could not resolve. */
export type ObjRef = { role: Role; via?: string } | { unresolved: string };

/** Where an effect came from: the line in the post-image file and its text. */
export interface Loc {
  file: string;
  line: number;
  text: string;
}

/** Lock names the model knows (§3.4 of the semantics brief). */
export type LockName =
  | 'device' // the device lock of `obj`
  | 'rwsem.region' // cxl_rwsem.region
  | 'rwsem.dpa' // cxl_rwsem.dpa
  | 'regions_lock'; // the per-root-decoder range lock / regions_lock

/** A condition an `if` tests. What the model cannot evaluate it explores both ways. */
export type Cond =
  | { kind: 'flag'; obj: ObjRef; flag: string } // test_bit(FLAG, &obj->flags)
  | { kind: 'bound'; obj: ObjRef } // obj->dev.driver != NULL
  | { kind: 'failed'; result: string } // IS_ERR(x) / !x / rc != 0 of an earlier step's `result`
  | { kind: 'not'; cond: Cond }
  | { kind: 'unknown'; text: string };

export type Effect = (
  | { op: 'devres.add'; host: ObjRef; action: string; data: ObjRef; orReset: boolean; result?: string }
  | { op: 'devres.release'; host: ObjRef; action: string; data: ObjRef } // devm_release_action
  | { op: 'devres.remove'; host: ObjRef; action: string; data: ObjRef } // devm_remove_action
  | { op: 'group.open'; host: ObjRef; group: string; result?: string }
  | { op: 'group.remove'; host: ObjRef; group: string }
  | { op: 'group.release'; host: ObjRef; group: string }
  | { op: 'lock'; lock: LockName; obj?: ObjRef; mode: 'read' | 'write' | 'exclusive'; scoped: boolean }
  | { op: 'unlock'; lock: LockName; obj?: ObjRef; mode: 'read' | 'write' | 'exclusive' }
  | { op: 'flag.set'; obj: ObjRef; flag: string }
  | { op: 'flag.clear'; obj: ObjRef; flag: string }
  | { op: 'flag.test'; obj: ObjRef; flag: string } // a bare test whose result feeds a later `if`
  | { op: 'ref.get'; obj: ObjRef; scoped: boolean } // get_device / lookup; scoped = __free(put_*)
  // Added (compatible): `result` names the pointer a lookup that can fail stored
  // its value in (`x = cxl_find_region_by_name(…)`, `device_find_child(…)`);
  // a later `if (IS_ERR(x))` / `if (!x)` tests it as failed(result).
  | { op: 'ref.get'; obj: ObjRef; scoped: boolean; result: string }
  | { op: 'ref.put'; obj: ObjRef }
  | { op: 'read'; obj: ObjRef; field: string } // dereference: a use of obj
  // Added (compatible): a store into an object's field, e.g. `attach->region = …`
  // (value = the object the stored data was taken from, when resolvable).
  | { op: 'write'; obj: ObjRef; field: string; value?: ObjRef }
  | { op: 'call'; fn: string; args: ObjRef[]; result?: string }
  | { op: 'if'; cond: Cond; then: Effect[]; else: Effect[] }
  | { op: 'return'; error: string | null; value?: string } // error: '-ENXIO', … or null for success; value (added, compatible): `return x;` of an earlier result, whose error it passes on
  | { op: 'unmodelled'; text: string }
) & { loc?: Loc };

export interface FunctionEffects {
  name: string;
  /** parameter names in order, with the role each is bound to when known */
  params: { name: string; role: Role | null }[];
  body: Effect[];
  /** 'builtin' = written by hand in the model; 'patch' = extracted from a patch's C */
  source: 'builtin' | 'patch';
  file?: string;
  startLine?: number;
  endLine?: number;
  /**
   * Added (compatible): true when only part of the function is visible (the
   * hunks of a patch without a post-image tree). The model then keeps the
   * built-in body and reports the patched function as "not modelled".
   */
  partial?: boolean;
  /** expressions the extractor could not resolve (reported as "not modelled") */
  unresolved: { text: string; line: number }[];
}

/** A version of the code: the base tree, or the tree after patch k of a series. */
export interface CodeVersion {
  id: string; // 'base', 'patch-1', …
  label: string;
  /** functions overriding or adding to the built-in base; by name */
  functions: Record<string, FunctionEffects>;
}

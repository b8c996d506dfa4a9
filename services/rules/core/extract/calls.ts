// The declared call table: kernel APIs whose lifetime effect the model knows,
// one entry each. Data only; effects.ts (in this folder: callfx.ts) applies it.
// Argument positions are the C ones.
// - devm_add_action_or_reset(host, fn, data) → devres.add orReset;
//   devm_add_action(host, fn, data) → devres.add; devm_release_action →
//   devres.release; devm_remove_action → devres.remove
// - devres_open_group(host, id, gfp) → group.open (the group is `id`, or the
//   variable the result is stored in when id is NULL); devres_remove_group /
//   devres_release_group(host, group) → group.remove / group.release
// - guard(device)(dev) → lock device; guard(rwsem_read|rwsem_write)(&sem) →
//   lock rwsem.* read|write; both scoped. ACQUIRE(class, var)(arg) likewise
//   (the model does not fail a killable/interruptible acquisition). device_lock/device_unlock,
//   down_read/up_read, down_write/up_write (+ _killable/_interruptible) →
//   lock/unlock; scoped_guard(class, arg) { … } and
//   scoped_cond_guard(class, fail, arg) { … } → lock, body, unlock;
//   mutex_lock/mutex_unlock/guard(mutex) on the root decoder's range_lock or
//   regions_lock → lock regions_lock; other mutexes are not modelled
// - set_bit/clear_bit/test_bit(FLAG, &obj->flags) → flag.set/clear/test, for
//   flags in FLAGS (CXL_REGION_F_*, CXL_DECODER_F_*)
// - get_device(dev) → ref.get; put_device(dev) / put_cxl_root → ref.put
// - logging and pure helpers (IGNORED) have no effect
// Calls not listed: CXL functions (CXL_NAME) and any other call give a `call`
// effect (the model runs the callee if it knows it); names that look
// lifetime-related (LIFETIME_LIKE) give an `unmodelled` effect; kfree() of a
// non-object has no effect. Bit operations on anything but a CXL_*_F_* flag
// in `obj->flags` are not lifetime state and have no effect.
import type { LockName } from '../../../model/core/effects.js';

/** how the lock is named: the device lock of the argument, a known rwsem, a known mutex field */
export type LockKind = 'device' | 'rwsem' | 'mutex';

export type CallSpec =
  | { kind: 'devres.add'; orReset: boolean }
  | { kind: 'devres.release' }
  | { kind: 'devres.remove' }
  | { kind: 'group.open' }
  | { kind: 'group.remove' }
  | { kind: 'group.release' }
  | { kind: 'lock'; lock: LockKind; mode: 'read' | 'write' | 'exclusive' }
  | { kind: 'unlock'; lock: LockKind; mode: 'read' | 'write' | 'exclusive' }
  | { kind: 'flag.set' }
  | { kind: 'flag.clear' }
  | { kind: 'flag.test' }
  | { kind: 'ref.get' }
  | { kind: 'ref.put' };

export const CALLS: Readonly<Record<string, CallSpec>> = {
  devm_add_action_or_reset: { kind: 'devres.add', orReset: true },
  devm_add_action: { kind: 'devres.add', orReset: false },
  devm_release_action: { kind: 'devres.release' },
  devm_remove_action: { kind: 'devres.remove' },
  devres_open_group: { kind: 'group.open' },
  devres_remove_group: { kind: 'group.remove' },
  devres_release_group: { kind: 'group.release' },
  device_lock: { kind: 'lock', lock: 'device', mode: 'exclusive' },
  device_unlock: { kind: 'unlock', lock: 'device', mode: 'exclusive' },
  down_read: { kind: 'lock', lock: 'rwsem', mode: 'read' },
  down_read_interruptible: { kind: 'lock', lock: 'rwsem', mode: 'read' },
  down_read_killable: { kind: 'lock', lock: 'rwsem', mode: 'read' },
  up_read: { kind: 'unlock', lock: 'rwsem', mode: 'read' },
  down_write: { kind: 'lock', lock: 'rwsem', mode: 'write' },
  down_write_killable: { kind: 'lock', lock: 'rwsem', mode: 'write' },
  up_write: { kind: 'unlock', lock: 'rwsem', mode: 'write' },
  mutex_lock: { kind: 'lock', lock: 'mutex', mode: 'exclusive' },
  mutex_lock_interruptible: { kind: 'lock', lock: 'mutex', mode: 'exclusive' },
  mutex_lock_killable: { kind: 'lock', lock: 'mutex', mode: 'exclusive' },
  mutex_unlock: { kind: 'unlock', lock: 'mutex', mode: 'exclusive' },
  set_bit: { kind: 'flag.set' },
  clear_bit: { kind: 'flag.clear' },
  test_bit: { kind: 'flag.test' },
  get_device: { kind: 'ref.get' },
  put_device: { kind: 'ref.put' },
  put_cxl_root: { kind: 'ref.put' },
};

/** guard(class)(arg) / scoped_guard(class, arg) classes */
export const GUARDS: Readonly<Record<string, { lock: LockKind; mode: 'read' | 'write' | 'exclusive' }>> = {
  device: { lock: 'device', mode: 'exclusive' },
  rwsem_read: { lock: 'rwsem', mode: 'read' },
  rwsem_read_intr: { lock: 'rwsem', mode: 'read' },
  rwsem_read_kill: { lock: 'rwsem', mode: 'read' },
  rwsem_write: { lock: 'rwsem', mode: 'write' },
  rwsem_write_kill: { lock: 'rwsem', mode: 'write' },
  mutex: { lock: 'mutex', mode: 'exclusive' },
  mutex_intr: { lock: 'mutex', mode: 'exclusive' },
};

/** the semaphores the model knows, by the C expression after `&` */
export const RWSEMS: Readonly<Record<string, LockName>> = {
  'cxl_rwsem.region': 'rwsem.region',
  'cxl_rwsem.dpa': 'rwsem.dpa',
  cxl_region_rwsem: 'rwsem.region',
  cxl_dpa_rwsem: 'rwsem.dpa',
};

/** mutexes the model knows, by (role.field) of `&obj->field` */
export const MUTEXES: Readonly<Record<string, LockName>> = {
  'rootDecoder.range_lock': 'regions_lock',
  'rootDecoder.regions_lock': 'regions_lock',
};

/** flag constants → the model's flag names */
export const FLAGS: Readonly<Record<string, string>> = {
  CXL_REGION_F_LOCK: 'LOCK',
  CXL_REGION_F_AUTO: 'AUTO',
  CXL_REGION_F_NEEDS_RESET: 'NEEDS_RESET',
  CXL_DECODER_F_LOCK: 'hwlock',
  CXL_DECODER_F_ENABLE: 'ENABLE',
};

/** `__free(…)` cleanups that drop a device reference at scope exit */
export const REF_CLEANUPS: readonly string[] = ['put_device', 'put_cxl_region', 'put_cxl_port', 'put_cxl_root'];

/** calls with no lifetime effect: logging, error-pointer helpers, predicates */
export const IGNORED: ReadonlySet<string> = new Set([
  'dev_dbg', 'dev_err', 'dev_warn', 'dev_info', 'dev_notice', 'dev_name', 'dev_err_probe', 'dev_WARN_ONCE',
  'pr_debug', 'pr_err', 'pr_warn', 'pr_info', 'sysfs_emit', 'sysfs_streq', 'kstrtobool', 'kstrtoint',
  'IS_ERR', 'IS_ERR_OR_NULL', 'PTR_ERR', 'ERR_PTR', 'ERR_CAST', 'PTR_ERR_OR_ZERO', 'container_of', 'typeof',
  'sizeof', 'offsetof', 'likely', 'unlikely', 'WARN_ON', 'WARN_ON_ONCE', 'lockdep_assert_held',
  'lockdep_assert_held_write', 'might_sleep', 'is_endpoint_decoder', 'is_root_decoder', 'is_switch_decoder',
  'is_cxl_region', 'is_cxl_memdev', 'is_cxl_port', 'is_cxl_endpoint', 'is_cxl_root', 'memset', 'memcpy',
  'strcmp', 'strncmp', 'min', 'max', 'min_t', 'max_t', 'BIT', 'GENMASK', 'range_len', 'resource_size',
  'EXPORT_SYMBOL_GPL', 'EXPORT_SYMBOL_NS_GPL', 'ACQUIRE_ERR',
]);

/** kernel functions the model runs itself (driver-core natives): a plain `call` */
export const MODEL_CALLS: ReadonlySet<string> = new Set([
  'device_add', 'device_del', 'device_register', 'device_unregister', 'device_initialize',
  'device_release_driver', 'device_attach', 'devres_release_all', 'cdev_device_del',
]);

/** CXL functions (the model may know them as built-ins): always a `call`, never "unmodelled" */
export const CXL_NAME = /^_*(?:devm_)?cxl_|^(?:un)?register_(?:region|port)$|^_*devm_cxl_/;

/** memory frees: an effect only when what is freed is a model object */
export const FREES: ReadonlySet<string> = new Set(['kfree', 'kvfree', 'vfree', 'kfree_sensitive']);

/** names that suggest a lifetime effect the table does not model */
export const LIFETIME_LIKE =
  /^(?:devm_|devres_|device_|get_|put_|kref_|kfree|kvfree|kzalloc|kmalloc|mutex_|spin_|down_|up_|queue_work|queue_delayed_work|flush_|cancel_|free_|release_|schedule_|init_rwsem|ida_)|_(?:lock|unlock|get|put|register|unregister|release|free|alloc|destroy|del|add)$/;

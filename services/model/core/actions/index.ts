// The event vocabulary (§4 of the brief), by the names scenario configs use.
import { accelUseRange } from './accel-use-range.js';
import { acpiBind } from './acpi-bind.js';
import { acpiUnbind } from './acpi-unbind.js';
import { cxlTestUnload } from './cxltest-unload.js';
import type { ModelAction } from './event.js';
import { memBind } from './mem-bind.js';
import { memUnbind } from './mem-unbind.js';
import { pciProbe } from './pci-probe.js';
import { pciRemove } from './pci-remove.js';
import { portBind } from './port-bind.js';
import { portUnbind } from './port-unbind.js';
import { regionBind } from './region-bind.js';
import { regionUnbind } from './region-unbind.js';
import { sysfsCommitReset } from './sysfs-commit-reset.js';
import { sysfsCreateRegion } from './sysfs-create-region.js';
import { sysfsDeleteRegion } from './sysfs-delete-region.js';
import { sysfsTargetDetach } from './sysfs-target-detach.js';
import { wqDetachMemdev } from './wq-detach-memdev.js';

export { faultAllocFail } from './fault-alloc-fail.js';
export type { ModelAction } from './event.js';

export const EVENTS: Record<string, ModelAction> = {
  'acpi.bind': acpiBind,
  'acpi.unbind': acpiUnbind,
  'port.bind': portBind,
  'port.unbind': portUnbind,
  'mem.bind': memBind,
  'mem.unbind': memUnbind,
  'pci.probe': pciProbe,
  'pci.remove': pciRemove,
  'region.bind': regionBind,
  'region.unbind': regionUnbind,
  'sysfs.delete_region': sysfsDeleteRegion,
  'sysfs.commit_reset': sysfsCommitReset,
  'sysfs.create_region': sysfsCreateRegion,
  'sysfs.target_detach': sysfsTargetDetach,
  'wq.detach_memdev': wqDetachMemdev,
  'accel.use_range': accelUseRange,
  'cxl_test.unload': cxlTestUnload,
};

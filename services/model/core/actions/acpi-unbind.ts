// acpi.unbind: rmmod cxl_acpi or sysfs unbind of P: P lock, then
// devres_release_all(P), LIFO (D4, D5).
import { releaseDriver } from '../kernel/driver-core.js';
import { idle, runEvent, type ModelAction } from './event.js';

export const acpiUnbind: ModelAction = {
  name: 'acpi.unbind(P)',
  guard: (s) => idle(s) && s.devs.P.driver !== null,
  next: (s, env, trace) => runEvent(s, env, trace, (ctx) => releaseDriver(ctx, 'P')),
};

// cxl_test.unload: `modprobe -r cxl_test` removes the mock memdevs (the
// PCI-side driver) before the cxl_acpi platform device (§3.5).
import { releaseDriver } from '../kernel/driver-core.js';
import { idle, runEvent, type ModelAction } from './event.js';

export const cxlTestUnload: ModelAction = {
  name: 'cxl_test.unload',
  guard: (s) => idle(s) && (s.devs.D.driver !== null || s.devs.P.driver !== null),
  next: (s, env, trace) =>
    runEvent(s, env, trace, (ctx) => {
      releaseDriver(ctx, 'D');
      releaseDriver(ctx, 'P');
    }),
};

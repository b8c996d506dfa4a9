// mem.bind(M): sysfs bind of a registered memdev: cxl_mem_probe again, which
// calls attach->probe through cxlmd->attach (descriptor-lifetime, N5).
import { reallyProbe } from '../kernel/driver-core.js';
import { idle, runEvent, type ModelAction } from './event.js';

export const memBind: ModelAction = {
  name: 'mem.bind(M)',
  guard: (s) => idle(s) && s.devs.M.live && s.devs.M.added && s.devs.M.driver === null,
  next: (s, env, trace) => runEvent(s, env, trace, (ctx) => void reallyProbe(ctx, 'M')),
};

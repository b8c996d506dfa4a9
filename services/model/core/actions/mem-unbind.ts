// mem.unbind(M): sysfs unbind of the memdev from cxl_mem; M.devres LIFO.
import { releaseDriver } from '../kernel/driver-core.js';
import { idle, runEvent, type ModelAction } from './event.js';

export const memUnbind: ModelAction = {
  name: 'mem.unbind(M)',
  guard: (s) => idle(s) && s.devs.M.added && s.devs.M.driver !== null,
  next: (s, env, trace) => runEvent(s, env, trace, (ctx) => releaseDriver(ctx, 'M')),
};

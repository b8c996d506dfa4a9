// port.unbind(E): sysfs unbind of the endpoint from cxl_port; E.devres LIFO.
import { releaseDriver } from '../kernel/driver-core.js';
import { idle, runEvent, type ModelAction } from './event.js';

export const portUnbind: ModelAction = {
  name: 'port.unbind(E)',
  guard: (s) => idle(s) && s.devs.E.added && s.devs.E.driver !== null,
  next: (s, env, trace) => runEvent(s, env, trace, (ctx) => releaseDriver(ctx, 'E')),
};

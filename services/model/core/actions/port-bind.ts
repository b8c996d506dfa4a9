// port.bind(E): sysfs bind of a registered, unbound endpoint: re-runs the
// endpoint probe (may rediscover the region) but not attach->probe (N4).
import { reallyProbe } from '../kernel/driver-core.js';
import { idle, runEvent, type ModelAction } from './event.js';

export const portBind: ModelAction = {
  name: 'port.bind(E)',
  guard: (s) => idle(s) && s.devs.E.live && s.devs.E.added && s.devs.E.driver === null,
  next: (s, env, trace) => runEvent(s, env, trace, (ctx) => void reallyProbe(ctx, 'E')),
};

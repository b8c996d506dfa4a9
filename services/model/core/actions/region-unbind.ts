// region.unbind(X): unbind the cxl_region driver; X stays registered.
import { releaseDriver } from '../kernel/driver-core.js';
import { idle, runEvent, type ModelAction } from './event.js';

export const regionUnbind: ModelAction = {
  name: 'region.unbind(X)',
  guard: (s) => idle(s) && s.devs.X.added && s.devs.X.driver !== null,
  next: (s, env, trace) => runEvent(s, env, trace, (ctx) => releaseDriver(ctx, 'X')),
};

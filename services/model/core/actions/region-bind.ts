// region.bind(X): bind cxl_region to a registered region again.
import { reallyProbe } from '../kernel/driver-core.js';
import { idle, runEvent, type ModelAction } from './event.js';

export const regionBind: ModelAction = {
  name: 'region.bind(X)',
  guard: (s) => idle(s) && s.devs.X.live && s.devs.X.added && s.devs.X.driver === null,
  next: (s, env, trace) => runEvent(s, env, trace, (ctx) => void reallyProbe(ctx, 'X')),
};

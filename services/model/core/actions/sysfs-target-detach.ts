// sysfs.target_detach(X): write "" to the region's target0. Not blocked by
// LOCK in the base tree (N6), so locked-region does not cover it.
import { callFn } from '../interp.js';
import { hasFlag } from '../state.js';
import { idle, runEvent, type ModelAction } from './event.js';

export const sysfsTargetDetach: ModelAction = {
  name: 'sysfs.target_detach(X, 0)',
  guard: (s) => idle(s) && s.devs.X.live && s.devs.X.added && hasFlag(s, 'X', 'target'),
  next: (s, env, trace) => runEvent(s, env, trace, (ctx) => void callFn(ctx, 'target_detach_store', ['X'])),
};

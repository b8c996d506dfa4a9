// accel.use_range(D): the accelerator touches the range it mapped. The
// hazard invariant (8) is judged here: the region behind the range must still
// be registered.
import { idle, runEvent, staleRange, type ModelAction } from './event.js';
import { hasFlag } from '../state.js';

export const accelUseRange: ModelAction = {
  name: 'accel.use_range(D)',
  guard: (s) => idle(s) && s.devs.D.driver !== null && hasFlag(s, 'D', 'mapped'),
  next: (s, env, trace) =>
    runEvent(s, env, trace, (ctx) => {
      if (ctx.log) ctx.note('accelerator reads/writes its mapped range');
      if (staleRange(s)) ctx.fault('hazard', 'accelerator uses a range whose region X is gone', ctx.flagLoc('A', 'range'));
    }),
};

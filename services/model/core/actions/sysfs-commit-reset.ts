// sysfs.commit(X, 0): reset a committed region. locked-region: a region with
// LOCK set must stay committed.
import { callFn } from '../interp.js';
import { hasFlag } from '../state.js';
import { idle, runEvent, type ModelAction } from './event.js';

export const sysfsCommitReset: ModelAction = {
  name: 'sysfs.commit(X, 0)',
  guard: (s) => idle(s) && s.devs.X.live && s.devs.X.added && hasFlag(s, 'X', 'committed'),
  next: (s, env, trace) =>
    runEvent(s, env, trace, (ctx) => {
      const locked = hasFlag(s, 'X', 'LOCK');
      callFn(ctx, 'commit_store', ['X']);
      if (locked && !hasFlag(ctx.s, 'X', 'committed')) ctx.fault('locked-region', 'commit=0 reset a region with LOCK set');
    }),
};

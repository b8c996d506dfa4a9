// sysfs.delete_region(RD, X): write the region's name to delete_region.
// locked-region (invariant 4) is judged here: a region that had LOCK set
// must still be registered after the write.
import { callFn } from '../interp.js';
import { hasFlag } from '../state.js';
import { idle, runEvent, type ModelAction } from './event.js';

export const sysfsDeleteRegion: ModelAction = {
  name: 'sysfs.delete_region(RD, X)',
  guard: (s) => idle(s) && s.devs.RD.added && s.devs.X.live && s.devs.X.added,
  next: (s, env, trace) =>
    runEvent(s, env, trace, (ctx) => {
      const locked = hasFlag(s, 'X', 'LOCK');
      callFn(ctx, 'delete_region_store', ['RD']);
      if (locked && !ctx.s.devs.X.added) ctx.fault('locked-region', 'delete_region unregistered a region with LOCK set');
    }),
};

// sysfs.create_region(RD): write create_ram_region on the root decoder: a new
// region with no targets, its unregister action on P. Enabled only while the
// region slot is free (one region per scenario).
import { callFn } from '../interp.js';
import { idle, runEvent, type ModelAction } from './event.js';

export const sysfsCreateRegion: ModelAction = {
  name: 'sysfs.create_region(RD)',
  guard: (s) => idle(s) && s.devs.RD.live && s.devs.RD.added && !s.devs.X.live,
  next: (s, env, trace) => runEvent(s, env, trace, (ctx) => void callFn(ctx, 'create_region_store', ['RD'])),
};

// pci.remove(D): driver remove(), then D.devres LIFO (cxl_memdev_unregister).
import { releaseDriver } from '../kernel/driver-core.js';
import { idle, runEvent, type ModelAction } from './event.js';

export const pciRemove: ModelAction = {
  name: 'pci.remove(D)',
  guard: (s) => idle(s) && s.devs.D.driver !== null,
  next: (s, env, trace) => runEvent(s, env, trace, (ctx) => releaseDriver(ctx, 'D')),
};

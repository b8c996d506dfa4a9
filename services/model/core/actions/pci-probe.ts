// pci.probe(D): the accelerator (or cxl_pci) binds D. Enabled once the
// previous memdev generation is freed (one slot per object).
import { reallyProbe } from '../kernel/driver-core.js';
import { idle, runEvent, type ModelAction } from './event.js';

export const pciProbe: ModelAction = {
  name: 'pci.probe(D)',
  guard: (s) => idle(s) && s.devs.D.driver === null && !s.devs.M.live && !s.devs.E.live,
  next: (s, env, trace) => runEvent(s, env, trace, (ctx) => void reallyProbe(ctx, 'D')),
};

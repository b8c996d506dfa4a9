// wq.detach_memdev(M): the queued detach work runs on cxl_bus_wq (§3.2).
import { callFn } from '../interp.js';
import { idle, runEvent, type ModelAction } from './event.js';

export const wqDetachMemdev: ModelAction = {
  name: 'wq.detach_memdev(M)',
  guard: (s) => idle(s) && s.work.includes('detach_memdev(M)'),
  next: (s, env, trace) =>
    runEvent(s, env, trace, (ctx) => {
      ctx.s.work = ctx.s.work.filter((w) => w !== 'detach_memdev(M)');
      callFn(ctx, 'detach_memdev', ['M']);
    }),
};

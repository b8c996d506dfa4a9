// fault.alloc_fail(site): arm a one-shot devres allocation failure for the
// next devm_add_action* of `site` (D2). One failure per trace: enough for
// every -ENOMEM path the brief names, and it keeps the space small.
import { idle, type ModelAction } from './event.js';
import { cloneState } from '../state.js';

export function faultAllocFail(site: string): ModelAction {
  return {
    name: `fault.alloc_fail(${site})`,
    guard: (s) => idle(s) && s.alloc === 'unused',
    next: (s) => {
      const w = cloneState(s);
      w.alloc = `armed:${site}`;
      return w;
    },
  };
}

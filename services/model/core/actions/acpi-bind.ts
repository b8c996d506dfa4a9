// acpi.bind: load cxl_acpi / bind P (§3.1.1). Enabled only once the previous
// topology is completely freed: a second generation of R/H/S/E objects would
// need second slots, and the brief's findings need only one generation.
import { reallyProbe } from '../kernel/driver-core.js';
import type { DevId } from '../state.js';
import { idle, runEvent, type ModelAction } from './event.js';

const GENERATION: DevId[] = ['R', 'RD', 'H', 'S', 'E', 'ED', 'X'];

export const acpiBind: ModelAction = {
  name: 'acpi.bind(P)',
  guard: (s) => idle(s) && s.devs.P.driver === null && GENERATION.every((id) => !s.devs[id].live),
  next: (s, env, trace) => runEvent(s, env, trace, (ctx) => void reallyProbe(ctx, 'P')),
};

// The built-in base tree: every kernel function the model knows, by name,
// for one topology. A CodeVersion overrides entries by name (see env.ts).
import type { FunctionEffects } from '../effects.js';
import type { Topology } from '../topology.js';
import { regionBuiltins } from './builtins-region.js';
import { topologyBuiltins } from './builtins-topology.js';

export function builtinFunctions(t: Topology): Record<string, FunctionEffects> {
  const out: Record<string, FunctionEffects> = {};
  for (const f of [...topologyBuiltins(t), ...regionBuiltins()]) out[f.name] = f;
  return out;
}

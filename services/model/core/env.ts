// Builds the constant environment of one exploration: topology, the base
// built-ins overlaid with a code version's patched functions, role bindings
// and the driver-core natives. Patched functions the extractor saw only in
// part (`partial`) or with unresolved expressions in their effects are not
// overlaid: the built-in stays, and the caller reports them as not modelled.
import type { CodeVersion, FunctionEffects } from './effects.js';
import type { Env } from './interp.js';
import { builtinFunctions } from './kernel/index.js';
import { driverCoreNatives } from './kernel/driver-core.js';
import { roleMap, type Topology } from './topology.js';

export interface BuiltEnv {
  env: Env;
  /** patched functions kept out of the model, with why */
  notModelled: { name: string; reason: string }[];
}

export function buildEnv(topo: Topology, version?: CodeVersion): BuiltEnv {
  const fns: Record<string, FunctionEffects> = builtinFunctions(topo);
  const notModelled: BuiltEnv['notModelled'] = [];
  for (const f of Object.values(version?.functions ?? {})) {
    if (f.partial) {
      notModelled.push({ name: f.name, reason: 'only part of the function is visible in the patch' });
      continue;
    }
    fns[f.name] = f;
  }
  return { env: { topo, fns, roles: roleMap(topo), natives: driverCoreNatives() }, notModelled };
}

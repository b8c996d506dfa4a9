// Builds the constant environment of one exploration: topology, the base
// built-ins overlaid with a code version's patched functions, role bindings
// and the driver-core natives. Patched functions the extractor saw only in
// part (`partial`) or with unresolved expressions in their effects are not
// overlaid: the built-in stays, and the caller reports them as not modelled.
import type { CodeVersion, Effect, FunctionEffects } from './effects.js';
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
  const natives = driverCoreNatives();
  const versionFns = version?.functions ?? {};
  for (const f of Object.values(versionFns)) {
    if (f.partial) {
      notModelled.push({ name: f.name, reason: 'only part of the function is visible in the patch' });
      continue;
    }
    // Replacing a built-in by a body that calls functions the model does not
    // know would silently drop what the built-in did through them: keep the
    // built-in instead and say so.
    const unknown = fns[f.name] ? unknownCalls(f.body, (n) => !!(fns[n] || natives[n] || versionFns[n])) : [];
    if (unknown.length) {
      notModelled.push({ name: f.name, reason: `calls ${unknown.join(', ')}, which the model does not know; the built-in is kept` });
      continue;
    }
    fns[f.name] = f;
  }
  return { env: { topo, fns, roles: roleMap(topo), natives }, notModelled };
}

function unknownCalls(body: Effect[], known: (name: string) => boolean, out: string[] = []): string[] {
  for (const e of body) {
    if (e.op === 'call' && !known(e.fn) && !out.includes(e.fn)) out.push(e.fn);
    if (e.op === 'if') {
      unknownCalls(e.then, known, out);
      unknownCalls(e.else, known, out);
    }
  }
  return out;
}

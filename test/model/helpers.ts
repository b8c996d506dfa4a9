// Test helper: the code versions of the seed series (base, then patches 1..k
// cumulatively) built from the hand-written effect fixtures.
import type { CodeVersion, FunctionEffects } from '../../services/model/core/effects.js';
import { seedFixture } from '../rules/fixtures/seed-effects.js';
import { seedPatches } from '../rules/seed.js';

export async function seedVersions(): Promise<CodeVersion[]> {
  const fx = seedFixture(await seedPatches());
  const out: CodeVersion[] = [{ id: 'base', label: 'base tree', functions: {} }];
  let functions: Record<string, FunctionEffects> = {};
  for (const k of [1, 2, 3, 4]) {
    functions = { ...functions };
    for (const f of fx[k] ?? []) functions[f.name] = f;
    out.push({ id: `patch-${k}`, label: `after patch ${k}`, functions });
  }
  return out;
}

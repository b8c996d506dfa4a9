// The state-space manifest (house style 15): for every seed scenario and code
// version, the number of distinct states, the depth reached and the verdict
// of every invariant must match services/model/scenarios/manifest.json, so a
// change to the model's state space shows up in review.
// Regenerate after an intended model change: UPDATE_MANIFEST=1 npx vitest run test/model/scenarios.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explore } from '../../services/model/core/explore.js';
import { cxlModel } from '../../services/model/core/model.js';
import { SEED_SCENARIOS } from '../../services/model/scenarios/index.js';
import { seedVersions } from './helpers.js';

const MANIFEST = new URL('../../services/model/scenarios/manifest.json', import.meta.url);

interface Entry {
  scenario: string;
  version: string;
  depth: number;
  distinctStates: number;
  depthReached: number;
  complete: boolean;
  verdicts: Record<string, 'holds' | 'violated'>;
}

async function compute(): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const v of await seedVersions()) {
    for (const sc of SEED_SCENARIOS) {
      const r = explore(cxlModel(sc, v).model, { depth: sc.depth });
      out.push({ scenario: sc.id, version: v.id, depth: sc.depth, distinctStates: r.distinct, depthReached: r.depthReached, complete: r.complete, verdicts: r.verdicts });
    }
  }
  return out;
}

describe('scenario manifest', () => {
  it('matches the checked-in state counts and verdicts', async () => {
    const got = await compute();
    if (process.env.UPDATE_MANIFEST) writeFileSync(MANIFEST, JSON.stringify({ generatedBy: 'test/model/scenarios.test.ts', entries: got }, null, 2) + '\n');
    const want = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { entries: Entry[] };
    expect(got).toEqual(want.entries);
  });

  it('explores every seed scenario completely within depth 12', async () => {
    for (const e of await compute()) {
      expect(e.depth).toBe(12);
      expect(e.complete, `${e.scenario}@${e.version}`).toBe(true);
    }
  });
});

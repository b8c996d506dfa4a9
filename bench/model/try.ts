import { cxlModel, replay, renderTrace } from '../../services/model/core/model.js';
import { explore } from '../../services/model/core/explore.js';
import { SEED_SCENARIOS } from '../../services/model/scenarios/index.js';
for (const sc of SEED_SCENARIOS) {
  const m = cxlModel(sc);
  const r = explore(m.model, { depth: sc.depth });
  console.log(sc.id, r.distinct, r.transitions, r.skipped, r.depthReached, r.complete, Math.round(r.ms), JSON.stringify(r.verdicts));
  for (const [inv, ce] of Object.entries(r.violations)) {
    console.log('--', inv, ce.steps.join(' ; '));
    if (process.env.V) console.log(renderTrace(replay(m, ce.actions)));
  }
}

// The CXL lifetime model as an instance of the generic explorer's Model:
// one scenario (topology + enabled events) on one code version. Also
// replays a counterexample with tracing on, to turn an action sequence into
// readable steps (event, then each effect and the devres list it touched).
import type { CodeVersion, Effect, Loc } from './effects.js';
import { EVENTS, faultAllocFail, type ModelAction } from './actions/index.js';
import type { EventTrace } from './actions/event.js';
import { buildEnv } from './env.js';
import type { Model } from './explore.js';
import type { Env, FaultRecord, TraceLine } from './interp.js';
import { invariants } from './invariants.js';
import { stateKey, type ModelState } from './state.js';
import { initialState, type Topology } from './topology.js';

export interface Scenario {
  id: string;
  description: string;
  topology: Topology;
  /** event names from actions/index.ts */
  events: string[];
  /** devres actions whose allocation may fail once ('*' = every devm_add_action site in the code) */
  allocFail: string[];
  depth: number;
}

export interface TraceStep {
  event: string;
  effects: TraceLine[];
  faults: FaultRecord[];
}

export interface CxlModel {
  model: Model<ModelState, ModelAction>;
  env: Env;
  notModelled: { name: string; reason: string }[];
}

function addSites(body: Effect[], out: Set<string>): void {
  for (const e of body) {
    if (e.op === 'devres.add') out.add(e.action);
    if (e.op === 'group.open') out.add('devres_open_group');
    if (e.op === 'if') {
      addSites(e.then, out);
      addSites(e.else, out);
    }
  }
}

export function cxlModel(sc: Scenario, version?: CodeVersion): CxlModel {
  const { env, notModelled } = buildEnv(sc.topology, version);
  const actions: ModelAction[] = sc.events.map((e) => {
    const a = EVENTS[e];
    if (!a) throw new Error(`scenario ${sc.id}: unknown event ${e}`);
    return a;
  });
  let sites = sc.allocFail;
  if (sites.includes('*')) {
    const all = new Set<string>();
    for (const f of Object.values(env.fns)) addSites(f.body, all);
    all.add('cxl_detach_ep');
    sites = [...all].sort();
  }
  actions.push(...sites.map(faultAllocFail));
  const model: Model<ModelState, ModelAction> = {
    init: () => [initialState(sc.topology)],
    enabled: (s) => actions.filter((a) => a.guard(s, env)),
    next: (s, a) => a.next(s, env),
    key: stateKey,
    describe: (a) => a.name,
    invariants: invariants(sc.topology),
    // invariant 8's metric: events completed while the accelerator maps a range whose region is gone
    metrics: { hazardWindow: (s) => s.hazard },
  };
  return { model, env, notModelled };
}

/** Re-run a counterexample with tracing on. */
export function replay(m: CxlModel, actions: ModelAction[]): TraceStep[] {
  let s = m.model.init()[0] as ModelState;
  const steps: TraceStep[] = [];
  const flagLocs = new Map<string, Loc>();
  for (const a of actions) {
    const trace: EventTrace = { lines: [], faults: [], flagLocs };
    const n = a.next(s, m.env, trace);
    steps.push({ event: a.name, effects: trace.lines, faults: trace.faults });
    if (!n) break;
    s = n;
  }
  return steps;
}

/** A trace as plain text, one line per effect, indented by call depth. */
export function renderTrace(steps: TraceStep[]): string {
  const out: string[] = [];
  steps.forEach((st, i) => {
    out.push(`${i + 1}. ${st.event}`);
    for (const l of st.effects) {
      const where = l.loc ? `   [${l.loc.file}:${l.loc.line}]` : '';
      const list = l.devres ? `   ${l.devres.dev}.devres = [${l.devres.list.join(', ')}]` : '';
      out.push(`${'  '.repeat(l.depth + 1)}${l.text}${list}${where}`);
    }
  });
  return out.join('\n');
}

// Model rules: run the explorer on the tree before and after a patch, take
// every violation that is new after it (same scenario, same invariant and
// detail), replay its shortest counterexample with tracing on, and locate it
// at the patch's added lines whose effects were executing when it happened.
// Used by analyze.ts.
import type { FunctionEffects, Loc } from '../../model/core/effects.js';
import type { ExploreResult } from '../../model/core/explore.js';
import type { ModelAction } from '../../model/core/actions/index.js';
import { replay, type CxlModel, type Scenario, type TraceStep } from '../../model/core/model.js';
import { HAZARD_CAP } from '../../model/core/actions/event.js';
import type { FaultRecord } from '../../model/core/interp.js';
import { MODEL_RULES, type ModelRule } from './rules.js';

export interface ScenarioRun {
  scenario: Scenario;
  model: CxlModel;
  result: ExploreResult<ModelAction>;
}

export interface TraceStepJson {
  step: number;
  event: string;
  /** what went wrong in this step, if anything */
  detail?: string;
  /** each effect, indented by call depth, with the devres list it touched and its source line */
  effects: string[];
}

export interface ModelFinding {
  rule: ModelRule;
  fn: string | null;
  locs: Loc[];
  summary: string;
  explanation: string;
  trace: TraceStepJson[];
}

export function traceJson(steps: TraceStep[]): TraceStepJson[] {
  return steps.map((st, i) => {
    const out: TraceStepJson = {
      step: i + 1,
      event: st.event,
      effects: st.effects.map((l) => {
        const list = l.devres ? `   ${l.devres.dev}.devres = [${l.devres.list.join(', ')}]` : '';
        const where = l.loc ? `   [${l.loc.file}:${l.loc.line}]` : '';
        return `${'  '.repeat(l.depth)}${l.text}${list}${where}`;
      }),
    };
    if (st.faults.length) out.detail = [...new Set(st.faults.map((f) => `${f.invariant}: ${f.detail}`))].join('; ');
    return out;
  });
}

/** Which patch function a line belongs to. */
function fnAt(fns: FunctionEffects[], loc: Loc): FunctionEffects | undefined {
  return fns.find((f) => f.file === loc.file && f.startLine !== undefined && f.endLine !== undefined && loc.line >= f.startLine && loc.line <= f.endLine);
}

/**
 * Where a violation is: the fault lines on this patch's added lines, grouped
 * by the patch function they belong to; the function with the most of them
 * wins (ties: the outermost, which is where the causing call is made).
 */
function locate(faults: FaultRecord[], fns: FunctionEffects[], added: Map<string, Set<number>>): { fn: string | null; locs: Loc[] } {
  const mine = faults.flatMap((f) => f.locs).filter((l) => added.get(l.file)?.has(l.line));
  const byFn = new Map<string, Loc[]>();
  for (const l of mine) {
    const name = fnAt(fns, l)?.name ?? '';
    byFn.set(name, [...(byFn.get(name) ?? []), l]);
  }
  let best: [string, Loc[]] | undefined;
  for (const e of byFn) if (!best || e[1].length > best[1].length) best = e;
  if (!best) return { fn: null, locs: [] };
  return { fn: best[0] || null, locs: best[1] };
}

/** The few trace lines that make the violation followable, with their step numbers. */
function keyLines(steps: TraceStep[], inv: string, detail: string): string[] {
  const out: string[] = [];
  steps.forEach((st, i) => {
    const faultAt = st.effects.findIndex((l) => l.text.startsWith(`!! ${inv}`));
    const before = faultAt < 0 ? st.effects : st.effects.slice(0, faultAt);
    const freed = /(\w+) was already freed/.exec(detail)?.[1];
    const host = /devm_\w+_action\((\w+),/.exec(detail)?.[1];
    for (const l of before) {
      if ((freed && l.text === `${freed} refcount 0: ${freed} freed`) || (host && l.text.startsWith(`devres_release_all(${host})`))) out.push(`step ${i + 1} (${st.event}): ${l.text}`);
      if (inv === 'no-self-deadlock' && /allocation fails|or_reset/.test(l.text)) out.push(`step ${i + 1} (${st.event}): ${l.text}`);
    }
    if (faultAt >= 0) {
      const cause = st.effects[faultAt - 1];
      if (cause) out.push(`step ${i + 1} (${st.event}): ${cause.text}${cause.loc ? ` [${cause.loc.file}:${cause.loc.line}]` : ''}`);
    }
  });
  return out;
}

export interface ModelCompare {
  patchFns: FunctionEffects[];
  added: Map<string, Set<number>>;
  before: ScenarioRun[];
  after: ScenarioRun[];
}

interface Fresh {
  run: ScenarioRun;
  detail: string;
  actions: ModelAction[];
  steps: TraceStep[];
  fn: string | null;
  locs: Loc[];
}

/** Violations present after the patch and not before, each replayed and located. */
function freshViolations(c: ModelCompare, rule: ModelRule): Fresh[] {
  const out: Fresh[] = [];
  c.after.forEach((run, i) => {
    const prev = c.before[i]?.result.violations ?? {};
    for (const [key, ce] of Object.entries(run.result.violations)) {
      if (ce.invariant !== rule.invariant || prev[key]) continue;
      const steps = replay(run.model, ce.actions);
      const faults = steps.flatMap((s) => s.faults).filter((f) => f.invariant === rule.invariant && f.detail === ce.detail);
      out.push({ run, detail: ce.detail ?? '', actions: ce.actions, steps, ...locate(faults, c.patchFns, c.added) });
    }
  });
  return out.sort((a, b) => a.actions.length - b.actions.length);
}

function finding(rule: ModelRule, group: Fresh[]): ModelFinding {
  const first = group[0] as Fresh;
  const names = (f: Fresh) => f.actions.map((a) => a.name).join();
  const details = [...new Set(group.filter((f) => f.run === first.run && names(f) === names(first)).map((f) => f.detail))];
  const others = [...new Set(group.filter((f) => f.run !== first.run).map((f) => f.run.scenario.id))];
  const keys = keyLines(first.steps, rule.invariant, details[0] ?? '');
  const window = first.run.result.metricMax.hazardWindow ?? 0;
  return {
    rule, fn: first.fn, locs: [...new Map(group.flatMap((f) => f.locs).map((l) => [`${l.file}:${l.line}`, l])).values()],
    summary: `${rule.invariant}: ${details[0]}${first.fn ? ` (in ${first.fn})` : ''}`,
    explanation: [
      `Scenario ${first.run.scenario.id} (${first.run.scenario.description}): the ${first.actions.length}-event sequence ${first.actions.map((a) => a.name).join(' → ')} breaks "${rule.title}" after this patch but not before it: ${details.join('; ')}.`,
      keys.length ? `Follow it at: ${keys.join('; ')}.` : '',
      others.length ? `The model finds the same rule broken in ${others.join(', ')}.` : '',
      rule.invariant === 'hazard'
        ? `Until the queued detach_memdev work runs, any number of events can happen in between (the model saw windows of ${window}${window >= HAZARD_CAP ? '+' : ''} events).`
        : '',
      rule.rationale,
    ].filter(Boolean).join(' '),
    trace: traceJson(first.steps),
  };
}

/**
 * New violations after the patch: one finding per rule and patch function
 * they are located in (the same rule broken in two places gives two
 * concerns; the same place reached from several scenarios gives one).
 */
export function modelFindings(c: ModelCompare): ModelFinding[] {
  const out: ModelFinding[] = [];
  for (const rule of MODEL_RULES) {
    const byFn = new Map<string, Fresh[]>();
    for (const f of freshViolations(c, rule)) byFn.set(f.fn ?? '', [...(byFn.get(f.fn ?? '') ?? []), f]);
    for (const group of byFn.values()) out.push(finding(rule, group));
  }
  return out;
}

// The analyze pipeline, pure: patches (index + diff) and the FunctionEffects
// extracted from each → concerns located at hunk lines. Versions are
// cumulative: patch k's tree is the base overridden by the functions of
// patches 1..k. Model rules compare the tree before and after each patch;
// contract rules read the patch's own effects. Explorations are cached by
// the complete functions a version contains, so a patch whose only change
// is not modelled costs nothing. Called by the store adapter and the bench.
import type { CodeVersion, Effect, FunctionEffects, Loc } from '../../model/core/effects.js';
import { buildEnv } from '../../model/core/env.js';
import { explore } from '../../model/core/explore.js';
import { builtinFunctions } from '../../model/core/kernel/index.js';
import { cxlModel, type Scenario } from '../../model/core/model.js';
import { SEED_SCENARIOS } from '../../model/scenarios/index.js';
import { addedLines, hunkAt, parseHunks, type Hunk } from './diff.js';
import { modelFindings, type ScenarioRun, type TraceStepJson } from './model-rules.js';
import { CONTRACT_RULES, type Severity } from './rules.js';

export interface PatchInput {
  index: number;
  diff: string;
  /** extracted effects of the functions this patch adds or changes */
  functions: FunctionEffects[];
}

export interface ConcernOut {
  patchIndex: number;
  rule: string;
  severity: Severity;
  file: string | null;
  startLine: number | null;
  endLine: number | null;
  hunkIndex: number | null;
  summary: string;
  explanation: string;
  trace: TraceStepJson[];
  origin: 'new' | 'inherited';
  fingerprint: string;
}

export interface ScenarioStats {
  version: string;
  scenario: string;
  distinct: number;
  transitions: number;
  depth: number;
  ms: number;
  violated: string[];
  /** longest stale-range window seen, in events (capped at 3) */
  hazardWindow: number;
  cached: boolean;
}

export interface AnalysisOut {
  concerns: ConcernOut[];
  stats: {
    ms: number;
    statesExplored: number;
    statesPerSecond: number;
    runs: ScenarioStats[];
    /** violations already present on the base tree (not charged to any patch) */
    baseViolations: { scenario: string; violation: string; trace: string[] }[];
    notModelled: { patch: number; function: string; reason: string }[];
  };
}

/**
 * What the model of a version can actually run: the patched functions it
 * overlays that some built-in or overlaid function can reach (by call or as a
 * devres action), plus the attach probe the natives call by name. Versions
 * with the same key explore identically, so their explorations are shared.
 */
function versionKey(v: CodeVersion, topo: Scenario['topology']): string {
  const { env } = buildEnv(topo, v);
  const reach = new Set<string>(['cxl_memdev_attach_region']);
  for (const f of Object.values(env.fns)) if (f.source === 'builtin') reach.add(f.name);
  const grow = (body: Effect[]): void => {
    for (const e of body) {
      if (e.op === 'call') reach.add(e.fn);
      if (e.op === 'devres.add') reach.add(e.action);
      if (e.op === 'if') {
        grow(e.then);
        grow(e.else);
      }
    }
  };
  for (let size = -1; size !== reach.size;) {
    size = reach.size;
    for (const name of [...reach]) grow(env.fns[name]?.body ?? []);
  }
  const used = Object.values(env.fns).filter((f) => f.source === 'patch' && reach.has(f.name)).sort((a, b) => a.name.localeCompare(b.name));
  return JSON.stringify(used.map((f) => [f.name, f.params, f.body]));
}

function exploreVersion(v: CodeVersion, scenarios: Scenario[], cache: Map<string, ScenarioRun[]>, stats: ScenarioStats[]): ScenarioRun[] {
  const key = versionKey(v, (scenarios[0] as Scenario).topology);
  const hit = cache.get(key);
  const runs = hit ?? scenarios.map((scenario) => {
    const model = cxlModel(scenario, v);
    return { scenario, model, result: explore(model.model, { depth: scenario.depth }) };
  });
  cache.set(key, runs);
  for (const r of runs) {
    stats.push({
      version: v.id, scenario: r.scenario.id, distinct: r.result.distinct, transitions: r.result.transitions, depth: r.result.depthReached,
      ms: hit ? 0 : Math.round(r.result.ms * 10) / 10, violated: Object.keys(r.result.violations).sort(),
      hazardWindow: r.result.metricMax.hazardWindow ?? 0, cached: !!hit,
    });
  }
  return runs;
}

function place(hunks: Hunk[], locs: Loc[]): Pick<ConcernOut, 'file' | 'startLine' | 'endLine' | 'hunkIndex'> {
  const first = locs[0];
  if (!first) return { file: null, startLine: null, endLine: null, hunkIndex: null };
  const hunk = hunkAt(hunks, first.file, first.line);
  const same = locs.filter((l) => l.file === first.file && (!hunk || hunkAt(hunks, l.file, l.line) === hunk)).map((l) => l.line);
  return { file: first.file, startLine: Math.min(...same), endLine: Math.max(...same), hunkIndex: hunk?.index ?? null };
}

function addedMap(hunks: Hunk[]): Map<string, Set<number>> {
  const m = new Map<string, Set<number>>();
  for (const h of hunks) if (!m.has(h.file)) m.set(h.file, addedLines(hunks, h.file));
  return m;
}

/** The model gives the same violations before and after (every scenario). */
function sameVerdicts(before: ScenarioRun[], after: ScenarioRun[]): boolean {
  return after.every((r, i) => Object.keys(r.result.violations).sort().join() === Object.keys(before[i]?.result.violations ?? {}).sort().join());
}

/**
 * Contract findings of one patch. A finding is `inherited` when the same rule
 * already fires on the function as it was before the patch (an earlier
 * patch's version, or the built-in), checked on every line; otherwise `new`.
 */
function contractConcerns(
  p: PatchInput, hunks: Hunk[], added: Map<string, Set<number>>, prev: Record<string, FunctionEffects>,
  functions: Record<string, FunctionEffects>, scenarios: Scenario[], modelUnchanged: boolean,
): ConcernOut[] {
  const builtins = builtinFunctions(scenarios[0]?.topology ?? (SEED_SCENARIOS[0] as Scenario).topology);
  const allFns = { ...builtins, ...functions };
  const prevAll = { ...builtins, ...prev };
  const out: ConcernOut[] = [];
  for (const rule of CONTRACT_RULES) {
    for (const f of rule.detect({ patchFns: p.functions, allFns, added })) {
      const old = prevAll[f.fn];
      const inherited = !!old && rule.detect({ patchFns: [old], allFns: prevAll, added: 'all' }).some((g) => g.fn === f.fn);
      const agree = rule.id === 'contract/devres-group-noop' && modelUnchanged
        ? ' The model agrees: every seed scenario gives the same verdicts before and after this patch.' : '';
      out.push({
        patchIndex: p.index, rule: rule.id, severity: rule.severity, ...place(hunks, f.locs), summary: f.summary,
        explanation: `${f.explanation}${agree} ${rule.rationale}`,
        trace: f.trace.map((t, i) => ({ step: i + 1, event: t, effects: [] })), origin: inherited ? 'inherited' : 'new',
        fingerprint: `${rule.id}|${f.locs[0]?.file ?? ''}|${f.fn}`,
      });
    }
  }
  return out;
}

export function analyzePatches(patches: PatchInput[], scenarios: Scenario[] = SEED_SCENARIOS): AnalysisOut {
  const t0 = performance.now();
  const cache = new Map<string, ScenarioRun[]>();
  const runs: ScenarioStats[] = [];
  const out: AnalysisOut = { concerns: [], stats: { ms: 0, statesExplored: 0, statesPerSecond: 0, runs, baseViolations: [], notModelled: [] } };
  let version: CodeVersion = { id: 'base', label: 'base tree', functions: {} };
  let prevFunctions: Record<string, FunctionEffects> = {};
  let before = exploreVersion(version, scenarios, cache, runs);
  for (const r of before) {
    for (const [k, ce] of Object.entries(r.result.violations)) out.stats.baseViolations.push({ scenario: r.scenario.id, violation: k, trace: ce.steps });
  }
  for (const p of [...patches].sort((a, b) => a.index - b.index)) {
    const hunks = parseHunks(p.diff);
    const added = addedMap(hunks);
    const functions = { ...version.functions };
    for (const f of p.functions) {
      // a partial view never replaces a complete body an earlier patch gave
      const earlier = functions[f.name];
      if (f.partial && earlier && !earlier.partial) continue;
      functions[f.name] = f;
    }
    version = { id: `patch-${p.index}`, label: `after patch ${p.index}`, functions };
    for (const f of p.functions) {
      if (f.partial) out.stats.notModelled.push({ patch: p.index, function: f.name, reason: 'only part of the function is visible in the patch' });
      for (const u of f.unresolved) out.stats.notModelled.push({ patch: p.index, function: f.name, reason: `line ${u.line}: ${u.text}` });
    }
    const after = exploreVersion(version, scenarios, cache, runs);
    for (const n of after[0]?.model.notModelled ?? []) {
      if (!n.reason.startsWith('only part') && p.functions.some((f) => f.name === n.name)) out.stats.notModelled.push({ patch: p.index, function: n.name, reason: n.reason });
    }
    for (const m of modelFindings({ patchFns: p.functions, added, before, after })) {
      out.concerns.push({
        patchIndex: p.index, rule: m.rule.id, severity: m.rule.severity, ...place(hunks, m.locs), summary: m.summary,
        explanation: m.explanation, trace: m.trace, origin: 'new', fingerprint: `${m.rule.id}|${m.locs[0]?.file ?? ''}|${m.fn ?? ''}`,
      });
    }
    out.concerns.push(...contractConcerns(p, hunks, added, prevFunctions, functions, scenarios, sameVerdicts(before, after)));
    prevFunctions = functions;
    before = after;
  }
  out.stats.ms = Math.round(performance.now() - t0);
  out.stats.statesExplored = runs.filter((r) => !r.cached).reduce((n, r) => n + r.distinct, 0);
  const exploreMs = runs.reduce((n, r) => n + r.ms, 0);
  out.stats.statesPerSecond = exploreMs ? Math.round((out.stats.statesExplored / exploreMs) * 1000) : 0;
  return out;
}

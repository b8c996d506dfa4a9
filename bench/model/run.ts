// Model-checking figures for the seed series.
// Run: npx tsx bench/model/run.ts [--json]
// Prints, for the base tree and the tree after each seed patch (effects
// extracted from the patches' C by the tree-sitter extractor): distinct
// states, transitions, time and states/s per seed scenario explored to its
// depth (12), then the time to analyze the whole series (extraction + all
// explorations + counterexample replays + contract rules), first in this
// fresh process (cold JIT) and then warm. Everything runs on one thread.
import { cpus, loadavg } from 'node:os';
import { explore } from '../../services/model/core/explore.js';
import type { CodeVersion, FunctionEffects } from '../../services/model/core/effects.js';
import { cxlModel } from '../../services/model/core/model.js';
import { SEED_SCENARIOS } from '../../services/model/scenarios/index.js';
import { loadCParser } from '../../services/rules/adapters/tree-sitter.js';
import { analyzePatches } from '../../services/rules/core/analyze.js';
import { extractPatch } from '../../services/rules/core/extract/index.js';
import { seedPatches } from '../../test/rules/seed.js';

const patches = await seedPatches();
const parser = await loadCParser();

/** Wall time and CPU time of this process (the machine may be shared: CPU time is the one-core figure). */
function analyzeSeries(): { ms: number; cpuMs: number; concerns: number; states: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const inputs = patches.map((p) => ({ index: p.index, diff: p.diff, functions: extractPatch(parser, p.diff).functions }));
  const out = analyzePatches(inputs);
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, concerns: out.concerns.length, states: out.stats.statesExplored };
}

const cold = analyzeSeries();
const warm = [analyzeSeries(), analyzeSeries(), analyzeSeries()].sort((a, b) => a.ms - b.ms)[1] as ReturnType<typeof analyzeSeries>;

const versions: CodeVersion[] = [{ id: 'base', label: 'base', functions: {} }];
let fns: Record<string, FunctionEffects> = {};
for (const p of patches) {
  fns = { ...fns };
  for (const f of extractPatch(parser, p.diff).functions) fns[f.name] = f;
  versions.push({ id: `patch-${p.index}`, label: `after patch ${p.index}`, functions: fns });
}

const cpu0 = process.cpuUsage();
const rows: { version: string; scenario: string; depth: number; states: number; transitions: number; ms: number; perSec: number }[] = [];
for (const v of versions) {
  for (const sc of SEED_SCENARIOS) {
    const m = cxlModel(sc, v);
    explore(m.model, { depth: sc.depth }); // warm-up
    const r = explore(m.model, { depth: sc.depth });
    rows.push({ version: v.id, scenario: sc.id, depth: sc.depth, states: r.distinct, transitions: r.transitions, ms: r.ms, perSec: Math.round(r.distinct / (r.ms / 1000)) });
  }
}

const exploreCpu = process.cpuUsage(cpu0);
const exploreCpuMs = (exploreCpu.user + exploreCpu.system) / 1000;

if (process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify({ series: { cold, warm }, explorations: rows }, null, 2) + '\n');
} else {
  const out: string[] = ['version    scenario               depth  states  transitions      ms   states/s'];
  for (const r of rows) out.push(`${r.version.padEnd(10)} ${r.scenario.padEnd(22)} ${String(r.depth).padStart(5)} ${String(r.states).padStart(7)} ${String(r.transitions).padStart(12)} ${r.ms.toFixed(1).padStart(7)} ${String(r.perSec).padStart(10)}`);
  for (const v of versions) {
    const mine = rows.filter((r) => r.version === v.id);
    out.push(`${v.id}: all seed scenarios to depth 12 in ${mine.reduce((n, r) => n + r.ms, 0).toFixed(1)} ms (${mine.reduce((n, r) => n + r.states, 0)} states)`);
  }
  const total = rows.reduce((n, r) => n + r.states, 0);
  const totalMs = rows.reduce((n, r) => n + r.ms, 0);
  // each exploration ran twice (warm-up + measured), so the CPU time covers 2× the states
  out.push(`overall: ${Math.round(total / (totalMs / 1000))} states/s wall, ${Math.round((2 * total) / (exploreCpuMs / 1000))} states/s CPU (warm)`);
  out.push(`whole series analyzed (extract + model + replays + contract rules): cold ${cold.ms.toFixed(0)} ms wall / ${cold.cpuMs.toFixed(0)} ms CPU, warm ${warm.ms.toFixed(0)} ms wall / ${warm.cpuMs.toFixed(0)} ms CPU; ${warm.concerns} concerns, ${warm.states} states; target < 2000 ms on one core`);
  out.push(`load average while measuring: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
  process.stdout.write(out.join('\n') + '\n');
}

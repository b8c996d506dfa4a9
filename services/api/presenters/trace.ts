// Presents a concern's counterexample (Concern.trace, written by the rules
// stage) as a sequence diagram: actors (devices, drivers) and arrows (events
// and their effects), with the violating step marked. The rules stage owns
// the trace format; this reads the shapes it may take (a list of steps, each
// an event with nested effects, or {steps, violation}) and never throws.
// The dashboard draws the SVG from this (web/src/sequence.ts).
import type { Trace } from '../schemas/series.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const firstStr = (o: Obj, keys: string[]): string | null => {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' && v) return v;
    if (isObj(v)) {
      const inner = firstStr(v, ['role', 'name', 'id', 'device']);
      if (inner) return inner;
    }
  }
  return null;
};

const ACTOR_KEYS = ['actor', 'from', 'by', 'device', 'driver', 'who', 'host'];
const TARGET_KEYS = ['target', 'to', 'on', 'object', 'obj', 'data', 'region'];
const LABEL_KEYS = ['label', 'event', 'action', 'name', 'op', 'text', 'description'];

function violatingFlag(o: Obj): boolean {
  return o.violation === true || o.violating === true || o.bad === true || typeof o.violates === 'string' || typeof o.invariant === 'string';
}

/** `acpi.unbind` → `acpi`; a bare word stays itself. */
function actorFromEvent(label: string | null): string | null {
  if (!label) return null;
  const m = /^([\w-]+)[.:(]/.exec(label);
  return m?.[1] ?? null;
}

function labelOf(o: Obj): string {
  const base = firstStr(o, LABEL_KEYS) ?? JSON.stringify(o).slice(0, 80);
  const note = typeof o.note === 'string' ? ` (${o.note})` : '';
  const action = typeof o.action === 'string' && o.action !== base ? ` ${o.action}` : '';
  return `${base}${action}${note}`;
}

function stepsOf(trace: unknown): { steps: unknown[]; violation: number | null } {
  if (Array.isArray(trace)) return { steps: trace, violation: null };
  if (isObj(trace)) {
    const steps = Array.isArray(trace.steps) ? trace.steps : Array.isArray(trace.events) ? trace.events : [];
    const v = trace.violation ?? trace.violatingStep ?? trace.violatesAt;
    return { steps, violation: typeof v === 'number' ? v : null };
  }
  return { steps: [], violation: null };
}

/** Device ids of the lifetime model (services/model/core/state.ts), named for the diagram. */
const DEVICES: Record<string, string> = {
  P: 'P cxl_acpi',
  R: 'R root port',
  RD: 'RD root decoder',
  H: 'H host bridge',
  S: 'S switch',
  E: 'E endpoint',
  ED: 'ED endpoint decoder',
  X: 'X region',
  M: 'M memdev',
  D: 'D accelerator',
};
const MAX_EFFECTS = 10;

function deviceIn(text: string): string | null {
  const m = /\((P|R|RD|H|S|E|ED|X|M|D)\b/.exec(text) ?? /\b(P|RD|ED|X|M|D|E|H|S|R)\b/.exec(text);
  return m?.[1] ? (DEVICES[m[1]] ?? m[1]) : null;
}

interface Effect {
  depth: number;
  text: string;
  dev: string | null;
}

/** One effect line of the rules stage (`  devm_add_action(P, …)   P.devres = [...]   [file:line]`) or the model's object form. */
function effectOf(e: unknown): Effect | null {
  if (typeof e === 'string') {
    const depth = Math.floor((/^ */.exec(e)?.[0].length ?? 0) / 2);
    const touched = /\s{3}(P|R|RD|H|S|E|ED|X|M|D)\.devres = /.exec(e)?.[1];
    const text = e.trim().replace(/\s{3}\[[^\]]*\]$/, '').replace(/\s{3}\w+\.devres = \[.*\]$/, '');
    return { depth, text, dev: touched ? (DEVICES[touched] ?? touched) : deviceIn(text) };
  }
  if (!isObj(e)) return null;
  const text = String(e.text ?? '').trim();
  const dev = isObj(e.devres) && typeof e.devres.dev === 'string' ? (DEVICES[e.devres.dev] ?? e.devres.dev) : deviceIn(text);
  return { depth: typeof e.depth === 'number' ? e.depth : 1, text, dev };
}

/**
 * The rules stage's steps: [{step, event: 'acpi.unbind(P)', detail?, effects: [line, …]}]
 * (or the model's {event, effects: [{text, devres}], faults}). A step's calls
 * nest deep; the diagram shows its top-level effects (depth ≤ 1), and for the
 * failing step also the last few lines before the fault, then the fault.
 */
function modelTrace(steps: Obj[]): Trace['steps'] {
  const out: Trace['steps'] = [];
  for (const s of steps) {
    const event = String(s.event);
    const m = /^([\w-]+)\.([\w-]+)(?:\(([^)]*)\))?/.exec(event);
    const source = m?.[1] ?? 'system';
    const target = (m?.[3] && DEVICES[m[3]]) || deviceIn(event) || source;
    out.push({ from: source, to: target, label: m ? `${m[2]}${m[3] ? `(${m[3]})` : ''}` : event.slice(0, 110), violating: false });
    const faults = (Array.isArray(s.faults) ? s.faults : []).filter(isObj).map((f) => `${String(f.invariant ?? 'violation')}: ${String(f.detail ?? '')}`);
    const detail = typeof s.detail === 'string' ? s.detail : faults.join('; ');
    const effects = (Array.isArray(s.effects) ? s.effects : []).map(effectOf).filter((e): e is Effect => !!e && !!e.text);
    const tail = detail ? effects.slice(-4) : [];
    const shown = effects.filter((e, k) => e.depth <= 1 || tail.includes(e) || k === effects.length - 1);
    const kept = shown.slice(0, MAX_EFFECTS - tail.length).concat(tail.filter((t) => !shown.slice(0, MAX_EFFECTS - tail.length).includes(t)));
    if (effects.length > kept.length) out.push({ from: target, to: target, label: `(${effects.length - kept.length} nested effects not drawn)`, violating: false });
    for (const e of kept) out.push({ from: target, to: e.dev ?? target, label: e.text.slice(0, 90), violating: false });
    if (detail) out.push({ from: target, to: deviceIn(detail) ?? target, label: detail.slice(0, 120), violating: true });
  }
  return out;
}

function withActors(steps: Trace['steps']): Trace {
  const actors: string[] = [];
  for (const s of steps) for (const a of [s.from, s.to]) if (!actors.includes(a)) actors.push(a);
  return { actors, steps };
}

export function presentTrace(trace: unknown): Trace {
  const list = Array.isArray(trace) ? trace : isObj(trace) && Array.isArray(trace.steps) ? trace.steps : null;
  if (list?.length && list.every((x) => isObj(x) && typeof x.event === 'string' && (Array.isArray(x.effects) || typeof x.detail === 'string'))) {
    const steps = modelTrace(list as Obj[]);
    if (!steps.some((x) => x.violating) && steps.length) (steps[steps.length - 1] as Trace['steps'][number]).violating = true;
    return withActors(steps);
  }
  if (isObj(trace) && Array.isArray(trace.actors) && Array.isArray(trace.steps) && trace.steps.every((s) => isObj(s) && 'from' in s && 'to' in s)) {
    return {
      actors: trace.actors.map(String),
      steps: trace.steps.map((s) => {
        const o = s as Obj;
        return { from: String(o.from), to: String(o.to), label: String(o.label ?? ''), violating: o.violating === true };
      }),
    };
  }
  const { steps, violation } = stepsOf(trace);
  const out: Trace['steps'] = [];
  let last = 'system';
  steps.forEach((s, i) => {
    if (!isObj(s)) {
      out.push({ from: last, to: last, label: String(s), violating: violation === i });
      return;
    }
    const label = labelOf(s);
    const actor = firstStr(s, ACTOR_KEYS) ?? actorFromEvent(firstStr(s, ['event'])) ?? last;
    const target = firstStr(s, TARGET_KEYS) ?? actor;
    out.push({ from: actor, to: target, label, violating: violation === i || violatingFlag(s) });
    for (const e of Array.isArray(s.effects) ? s.effects : []) {
      if (!isObj(e)) continue;
      const to = firstStr(e, TARGET_KEYS) ?? firstStr(e, ['host']) ?? target;
      out.push({ from: target, to, label: labelOf(e), violating: violatingFlag(e) });
    }
    last = actor;
  });
  if (out.length && !out.some((s) => s.violating)) {
    const tail = out[out.length - 1];
    if (tail) tail.violating = true;
  }
  return withActors(out);
}

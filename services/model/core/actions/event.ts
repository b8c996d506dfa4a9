// What every action shares: an event runs to completion on a working copy of
// the state (cloneState copies every field explicitly), through the
// interpreter. Why run-to-completion: the seed's findings (UAF+WARN during
// one cxl_acpi unbind, the -ENOMEM self-deadlock inside one probe, the
// hazard between an unbind and the queued detach work) each happen inside a
// single event or across events separated by queued work, which the model
// keeps as explicit pending work. Interleaving at the other yield points of
// §4 is not explored (see the scenario README).
import type { Loc } from '../effects.js';
import { Ctx, Hang, ModelLimit, type Env, type FaultRecord, type TraceLine } from '../interp.js';
import { cloneState, hasFlag, type ModelState } from '../state.js';

export interface EventTrace {
  lines: TraceLine[];
  faults: FaultRecord[];
  /** where flags were set, carried across the events of one replay */
  flagLocs?: Map<string, Loc>;
}

export interface ModelAction {
  /** actor.event(object), e.g. `acpi.unbind(P)` */
  name: string;
  /** reads the state only */
  guard(s: ModelState, env: Env): boolean;
  /** the next state, or null when the step needs more than the model represents */
  next(s: ModelState, env: Env, trace?: EventTrace): ModelState | null;
}

/** The hazard cap: the metric counts events up to this many. */
export const HAZARD_CAP = 3;

/** The accelerator maps a range whose region is no longer registered. */
export function staleRange(s: ModelState): boolean {
  return hasFlag(s, 'D', 'mapped') && !(s.devs.X.live && s.devs.X.added);
}

export function runEvent(s: ModelState, env: Env, trace: EventTrace | undefined, body: (ctx: Ctx) => void): ModelState | null {
  const w = cloneState(s);
  const ctx = new Ctx(env, w, trace?.lines ?? null, trace?.faults ?? null);
  if (trace?.flagLocs) ctx.flagLocs = trace.flagLocs;
  try {
    body(ctx);
  } catch (e) {
    if (e instanceof Hang) {
      w.hung = true;
      if (ctx.log) ctx.note('task blocked forever: nothing else can run');
    } else if (e instanceof ModelLimit) return null;
    else throw e;
  }
  w.hazard = staleRange(s) && staleRange(w) ? Math.min(s.hazard + 1, HAZARD_CAP) : 0;
  return w;
}

export const idle = (s: ModelState): boolean => !s.hung;

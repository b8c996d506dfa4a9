// A generic breadth-first explorer: any model that gives initial states,
// enabled actions, a next-state function, a canonical key and invariants.
// Breadth-first order makes the first violating state found for each
// invariant one with a shortest action sequence, which is the counterexample
// returned. Symmetry reduction is an optional `canonical` hook; it must only
// be given when the model has interchangeable objects (the CXL model has
// none: every object plays a distinct role).

export interface Invariant<S> {
  id: string;
  title: string;
  holds(s: S): boolean;
  /**
   * Optional: the distinct violations present in a violating state (e.g. which
   * lock was re-taken). The explorer keeps a shortest counterexample for each,
   * so a new kind of violation is not hidden behind an older one.
   */
  details?(s: S): string[];
}

export interface Model<S, A> {
  init(): S[];
  /** actions whose guard holds in `s` */
  enabled(s: S): A[];
  /** the successor, or null when the model cannot represent the step */
  next(s: S, a: A): S | null;
  key(s: S): string;
  describe(a: A): string;
  invariants: Invariant<S>[];
  /** optional symmetry reduction: map a state to its orbit representative */
  canonical?(s: S): S;
  /** optional numeric metrics of a state; the explorer reports the maximum reached */
  metrics?: Record<string, (s: S) => number>;
}

export interface Counterexample<A> {
  invariant: string;
  detail?: string;
  actions: A[];
  steps: string[];
}

export interface ExploreResult<A> {
  distinct: number;
  transitions: number;
  /** transitions the model could not represent */
  skipped: number;
  depthReached: number;
  complete: boolean;
  verdicts: Record<string, 'holds' | 'violated'>;
  counterexamples: Record<string, Counterexample<A>>;
  /** shortest counterexample per distinct violation detail, keyed `invariant|detail` */
  violations: Record<string, Counterexample<A>>;
  /** maximum of each model metric over the explored states */
  metricMax: Record<string, number>;
  ms: number;
}

interface Node<S, A> {
  state: S;
  parent: string | null;
  action: A | null;
  depth: number;
}

export function explore<S, A>(model: Model<S, A>, opts: { depth: number }): ExploreResult<A> {
  const t0 = performance.now();
  const seen = new Map<string, Node<S, A>>();
  const result: ExploreResult<A> = {
    distinct: 0, transitions: 0, skipped: 0, depthReached: 0, complete: true, verdicts: {}, counterexamples: {}, violations: {}, metricMax: {}, ms: 0,
  };
  for (const inv of model.invariants) result.verdicts[inv.id] = 'holds';
  let frontier: string[] = [];
  const visit = (state: S, parent: string | null, action: A | null, depth: number): void => {
    const s = model.canonical ? model.canonical(state) : state;
    const k = model.key(s);
    if (seen.has(k)) return;
    seen.set(k, { state: s, parent, action, depth });
    frontier.push(k);
    if (depth > result.depthReached) result.depthReached = depth;
    for (const [name, f] of Object.entries(model.metrics ?? {})) result.metricMax[name] = Math.max(result.metricMax[name] ?? 0, f(s));
    for (const inv of model.invariants) {
      if (inv.holds(s)) continue;
      let actions: A[] | undefined;
      const path = () => (actions ??= pathTo(seen, k));
      if (result.verdicts[inv.id] !== 'violated') {
        result.verdicts[inv.id] = 'violated';
        result.counterexamples[inv.id] = { invariant: inv.id, actions: path(), steps: path().map((a) => model.describe(a)) };
      }
      for (const detail of inv.details?.(s) ?? []) {
        const key = `${inv.id}|${detail}`;
        if (result.violations[key]) continue;
        result.violations[key] = { invariant: inv.id, detail, actions: path(), steps: path().map((a) => model.describe(a)) };
      }
    }
  };
  for (const s of model.init()) visit(s, null, null, 0);
  for (let depth = 0; frontier.length; depth++) {
    const level = frontier;
    frontier = [];
    for (const k of level) {
      const node = seen.get(k) as Node<S, A>;
      const acts = model.enabled(node.state);
      if (depth >= opts.depth) {
        if (acts.length) result.complete = false;
        continue;
      }
      for (const a of acts) {
        const n = model.next(node.state, a);
        result.transitions++;
        if (n === null) result.skipped++;
        else visit(n, k, a, depth + 1);
      }
    }
  }
  result.distinct = seen.size;
  result.ms = performance.now() - t0;
  return result;
}

function pathTo<S, A>(seen: Map<string, Node<S, A>>, k: string): A[] {
  const out: A[] = [];
  for (let n = seen.get(k); n && n.action !== null; n = n.parent ? seen.get(n.parent) : undefined) out.push(n.action);
  return out.reverse();
}

// Contract rules: checks made on the extracted effects of a patch alone,
// without exploring the model. Each looks only at effects on lines the patch
// adds (context lines are the base tree's business) and reads the built-in
// effects of called functions where it needs them. Used by rules.ts.
import type { Cond, Effect, FunctionEffects, Loc, ObjRef } from '../../model/core/effects.js';
import { enumeratePaths, type PathEvent } from './paths.js';

export interface ContractInput {
  /** the functions this patch adds or changes, as extracted */
  patchFns: FunctionEffects[];
  /** every function of the code version after the patch (built-ins overlaid, partial ones included) */
  allFns: Record<string, FunctionEffects>;
  /**
   * post-image lines the patch adds, per file; 'all' checks every effect
   * (used to ask whether the function already had the finding before the patch)
   */
  added: Map<string, Set<number>> | 'all';
}

export interface ContractFinding {
  fn: string;
  locs: Loc[];
  summary: string;
  explanation: string;
  trace: string[];
}

const roleOf = (r: ObjRef | undefined): string => (!r ? '?' : 'unresolved' in r ? `?${r.unresolved}` : r.role);
const NOWHERE: Loc = { file: '', line: 0, text: '' };
/** The effect is on a line the patch adds; returns its loc (a placeholder in 'all' mode when it has none). */
function addedAt(input: ContractInput, loc?: Loc): Loc | null {
  if (input.added === 'all') return loc ?? NOWHERE;
  return loc && input.added.get(loc.file)?.has(loc.line) ? loc : null;
}

function walk(body: Effect[], visit: (e: Effect) => void): void {
  for (const e of body) {
    visit(e);
    if (e.op === 'if') {
      walk(e.then, visit);
      walk(e.else, visit);
    }
  }
}

// ─── devres group that changes nothing ────────────────────────────────

type GroupOutcome = { kind: 'released-empty' | 'removed' | 'effective'; note: string };

function groupOutcome(evs: PathEvent[], openAt: number): GroupOutcome {
  const open = evs[openAt]?.e as Extract<Effect, { op: 'group.open' }>;
  const host = roleOf(open.host);
  const inside: string[] = [];
  for (const ev of evs.slice(openAt + 1)) {
    const e = ev.e;
    if (e.op === 'devres.add' && ev.ok && roleOf(e.host) === host) inside.push(`${e.action} (in ${ev.fn})`);
    if ((e.op === 'group.release' || e.op === 'group.remove') && e.group === open.group && roleOf(e.host) === host) {
      if (e.op === 'group.remove') {
        const stays = inside.length ? `; ${inside.join(', ')} stay${inside.length === 1 ? 's' : ''} on the list as ordinary nodes` : '';
        return { kind: 'removed', note: `devres_remove_group drops only the markers${stays}` };
      }
      if (!inside.length) return { kind: 'released-empty', note: 'devres_release_group releases an empty group' };
      return { kind: 'effective', note: `devres_release_group releases ${inside.join(', ')}` };
    }
  }
  return { kind: 'effective', note: 'the group is left open' };
}

export function emptyGroupRule(input: ContractInput): ContractFinding[] {
  const out: ContractFinding[] = [];
  for (const fx of input.patchFns) {
    let openLoc: Loc | undefined;
    walk(fx.body, (e) => {
      if (e.op === 'group.open') openLoc ??= addedAt(input, e.loc) ?? undefined;
    });
    if (!openLoc) continue;
    const paths = enumeratePaths(fx, input.allFns);
    const seen: { outcome: GroupOutcome; ret: string | null; locs: Loc[] }[] = [];
    for (const p of paths) {
      const at = p.evs.findIndex((ev) => ev.e.op === 'group.open' && ev.ok);
      if (at < 0) continue;
      const outcome = groupOutcome(p.evs, at);
      const locs = p.evs.filter((ev) => ev.fn === fx.name && ev.e.loc && ev.e.op.startsWith('group.')).map((ev) => ev.e.loc as Loc);
      seen.push({ outcome, ret: p.ret, locs });
    }
    if (!seen.length || seen.some((s) => s.outcome.kind === 'effective')) continue;
    const kinds = new Map<string, string>();
    for (const s of seen) kinds.set(`${s.ret ? `when ${fx.name} returns an error (${s.ret})` : `when ${fx.name} succeeds`}`, s.outcome.note);
    const trace = [...kinds].map(([when, note]) => `${when}: ${note}`);
    out.push({
      fn: fx.name,
      locs: seen.flatMap((s) => s.locs),
      summary: `devres group in ${fx.name} has no effect on any path`,
      explanation: `${fx.name} opens a devres group on ${roleOf((findOp(fx.body, 'group.open') as { host: ObjRef }).host)} at line ${openLoc.line}, but on every path through it (${seen.length} explored, following the built-in effects of the functions it calls) the group changes nothing: ${trace.join('; ')}. Whatever the group was meant to clean up is already handled elsewhere, so the group can be dropped.`,
      trace,
    });
  }
  return out;
}

function findOp(body: Effect[], op: Effect['op']): Effect | undefined {
  let found: Effect | undefined;
  walk(body, (e) => {
    if (e.op === op) found ??= e;
  });
  return found;
}

// ─── release on another device ────────────────────────────────────────

export function releaseOtherHostRule(input: ContractInput): ContractFinding[] {
  const addHosts = new Map<string, Set<string>>();
  for (const fx of Object.values(input.allFns)) {
    walk(fx.body, (e) => {
      if (e.op !== 'devres.add') return;
      const s = addHosts.get(e.action) ?? new Set<string>();
      s.add(roleOf(e.host));
      addHosts.set(e.action, s);
    });
  }
  const out: ContractFinding[] = [];
  for (const fx of input.patchFns) {
    walk(fx.body, (e) => {
      if (e.op !== 'devres.release' && e.op !== 'devres.remove') return;
      const at = addedAt(input, e.loc);
      if (!at) return;
      const hosts = addHosts.get(e.action);
      const host = roleOf(e.host);
      if (!hosts || hosts.has(host) || host.startsWith('?')) return;
      out.push({
        fn: fx.name,
        locs: [at],
        summary: `${fx.name} releases ${e.action} on ${host}, but it is added on ${[...hosts].join('/')}`,
        explanation: `At line ${at.line} ${fx.name} calls devm_${e.op === 'devres.release' ? 'release' : 'remove'}_action(${host}, ${e.action}, …), but every devm_add_action of ${e.action} registers it on ${[...hosts].join(' or ')}. The search of ${host}'s list finds nothing: -ENOENT and a WARN_ON, and the action stays on the other device until it unbinds.`,
        trace: [`${e.action} added on ${[...hosts].join('/')}`, `released on ${host} at ${at.file}:${at.line}`],
      });
    });
  }
  return out;
}

// ─── flag test without the ordering lock ──────────────────────────────

type LockSet = Set<string>;

function lockKey(e: Extract<Effect, { op: 'lock' | 'unlock' }>): string {
  return e.lock === 'device' ? `device(${roleOf(e.obj)})` : e.lock;
}

/** Every effect of `fx` with the locks held when it runs (from `fx`'s own lock effects). */
function withLocks(fx: FunctionEffects, visit: (e: Effect, held: LockSet) => void): void {
  const go = (body: Effect[], held: LockSet): void => {
    for (const e of body) {
      visit(e, held);
      if (e.op === 'lock') held.add(lockKey(e));
      else if (e.op === 'unlock') held.delete(lockKey(e));
      else if (e.op === 'if') {
        go(e.then, new Set(held));
        go(e.else, new Set(held));
      }
    }
  };
  go(fx.body, new Set());
}

/** Locks held on entry to each function: the intersection over its call sites. */
function entryLocks(all: Record<string, FunctionEffects>): Map<string, LockSet> {
  const sites = new Map<string, { caller: string; held: LockSet }[]>();
  for (const fx of Object.values(all)) {
    withLocks(fx, (e, held) => {
      if (e.op !== 'call') return;
      const list = sites.get(e.fn) ?? [];
      list.push({ caller: fx.name, held: new Set(held) });
      sites.set(e.fn, list);
    });
  }
  const memo = new Map<string, LockSet>();
  const entry = (name: string, stack: Set<string>): LockSet => {
    const m = memo.get(name);
    if (m) return m;
    const calls = sites.get(name) ?? [];
    if (!calls.length || stack.has(name)) return new Set();
    stack.add(name);
    const contexts: LockSet[] = calls.map((c) => new Set<string>([...c.held, ...entry(c.caller, stack)]));
    const result: LockSet = new Set<string>([...(contexts[0] ?? [])].filter((l) => contexts.every((x) => x.has(l))));
    stack.delete(name);
    memo.set(name, result);
    return result;
  };
  for (const name of Object.keys(all)) entry(name, new Set());
  return memo;
}

function flagTested(c: Cond): { obj: ObjRef; flag: string } | null {
  if (c.kind === 'flag') return { obj: c.obj, flag: c.flag };
  if (c.kind === 'not') return flagTested(c.cond);
  return null;
}

export function unlockedFlagTestRule(input: ContractInput): ContractFinding[] {
  const entry = entryLocks(input.allFns);
  const setters = new Map<string, { fn: string; ctx: LockSet }[]>();
  for (const fx of Object.values(input.allFns)) {
    withLocks(fx, (e, held) => {
      if (e.op !== 'flag.set') return;
      const key = `${roleOf(e.obj)}.${e.flag}`;
      const list = setters.get(key) ?? [];
      list.push({ fn: fx.name, ctx: new Set([...held, ...(entry.get(fx.name) ?? [])]) });
      setters.set(key, list);
    });
  }
  const out: ContractFinding[] = [];
  for (const fx of input.patchFns) {
    withLocks(fx, (e, held) => {
      const t = e.op === 'if' ? flagTested(e.cond) : e.op === 'flag.test' ? { obj: e.obj, flag: e.flag } : null;
      const at = t ? addedAt(input, e.loc) : null;
      if (!t || !at) return;
      const sets = setters.get(`${roleOf(t.obj)}.${t.flag}`);
      if (!sets?.length) return;
      const ordering = sets.slice(1).reduce((acc, s) => new Set([...acc].filter((l) => s.ctx.has(l))), new Set(sets[0]?.ctx));
      const mine = new Set([...held, ...(entry.get(fx.name) ?? [])]);
      if (!ordering.size || [...ordering].some((l) => mine.has(l))) return;
      const who = [...new Set(sets.map((s) => s.fn))].join(', ');
      const locks = [...ordering].join(' / ');
      out.push({
        fn: fx.name,
        locs: [at],
        summary: `${t.flag} test in ${fx.name} is made without ${locks}`,
        explanation: `${fx.name} tests ${t.flag} on the ${roleOf(t.obj)} at line ${at.line} holding ${mine.size ? [...mine].join(', ') : 'no lock'}, but ${t.flag} is set by ${who} only under ${locks}. Nothing orders the test against the setter: for an auto-assembled region LOCK appears only when the last target attaches, so a test in that window sees it clear and lets the operation through. Take ${locks} (or the lock that serialises region setup, regions_lock in later trees) around the test and the action it guards.`,
        trace: [`${t.flag} set in ${who} under ${locks}`, `${t.flag} tested in ${fx.name} at ${at.file}:${at.line} under ${mine.size ? [...mine].join(', ') : 'no lock'}`],
      });
    });
  }
  return out;
}

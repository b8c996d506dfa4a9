// Translates the condition of an `if` into a model Cond: bit tests on object
// flags, driver binding, the failure of an earlier step's result, known state
// comparisons, negation. `&&` / `||` become nested ifs (Cond has no and/or).
// Anything else is `unknown` with its text, never guessed. Sub-expressions
// are still evaluated for their reads and calls, which precede the `if`.
import type { Cond, Effect } from '../../../model/core/effects.js';
import { COND_FIELDS, STATE_FLAGS } from './accessors.js';
import { flagTarget, unAddress } from './callfx.js';
import { child, named, text, type CNode } from './cst.js';
import { squash, type FnCtx } from './ctx.js';
import { canonical, evalPlace, evalValue } from './resolve.js';

const FAIL_TESTS = new Set(['IS_ERR', 'IS_ERR_OR_NULL']);
const TRANSPARENT = new Set(['likely', 'unlikely', 'WARN_ON', 'WARN_ON_ONCE']);

const not = (c: Cond): Cond => (c.kind === 'not' ? c.cond : { kind: 'not', cond: c });
const unknown = (n: CNode): Cond => ({ kind: 'unknown', text: squash(text(n)) });

function strip(n: CNode): CNode {
  let cur = n;
  while (cur.type === 'parenthesized_expression' && named(cur).length === 1) cur = named(cur)[0] as CNode;
  return cur;
}

/** A variable holding an earlier result: `x` is "not failed" for pointers, "failed" for ints. */
function resultCond(ctx: FnCtx, name: string): Cond | null {
  const c = ctx.condVars.get(name);
  if (c) return c;
  const kind = ctx.results.get(name);
  if (!kind || kind === 'unknown') return null;
  return kind === 'pointer' ? not({ kind: 'failed', result: name }) : { kind: 'failed', result: name };
}

function fieldCond(ctx: FnCtx, n: CNode, out: Effect[]): Cond | null {
  if (n.type !== 'field_expression') return null;
  const p = evalPlace(ctx, n, out);
  if (!p) return null;
  evalValue(ctx, n, out); // the load itself: a read of the field
  const field = canonical(p.role, p.path);
  const entry = COND_FIELDS[`${p.role}.${field}`] ?? COND_FIELDS[`*.${field}`];
  if (!entry) return null;
  const obj = { role: p.role, via: squash(text(n)).replace(/(->|\.)(dev\.)?\w+$/, '') };
  return entry.kind === 'bound' ? { kind: 'bound', obj } : { kind: 'flag', obj, flag: entry.flag };
}

function callCond(ctx: FnCtx, n: CNode, out: Effect[]): Cond | null {
  const fn = child(n, 'function');
  const as = named(child(n, 'arguments') ?? n);
  const name = fn?.type === 'identifier' ? text(fn) : '';
  const a0 = as[0];
  if (FAIL_TESTS.has(name) && a0 && strip(a0).type === 'identifier' && ctx.results.has(text(strip(a0)))) {
    return { kind: 'failed', result: text(strip(a0)) };
  }
  if (TRANSPARENT.has(name) && a0) return condOf(ctx, a0, out);
  if (name === 'test_bit') {
    const ft = flagTarget(ctx, as[0], unAddress(as[1]), out);
    return ft ? { kind: 'flag', ...ft } : null;
  }
  return null;
}

function compareCond(ctx: FnCtx, n: CNode, out: Effect[]): Cond | null {
  const op = text(child(n, 'operator') ?? n);
  const l = child(n, 'left');
  const r = child(n, 'right');
  if (!l || !r) return null;
  const ls = strip(l);
  const rs = squash(text(r));
  if (ls.type === 'identifier' && ctx.results.has(text(ls))) {
    const failed: Cond = { kind: 'failed', result: text(ls) };
    const kind = ctx.results.get(text(ls));
    if (kind === 'int' && ((op === '<' && rs === '0') || (op === '!=' && rs === '0'))) return failed;
    if (kind === 'int' && op === '==' && rs === '0') return not(failed);
    if (kind === 'pointer' && op === '==' && rs === 'NULL') return failed;
    if (kind === 'pointer' && op === '!=' && rs === 'NULL') return not(failed);
  }
  if (op === '&' && ls.type === 'field_expression' && /^CXL_\w+_F_\w+$/.test(rs)) {
    evalValue(ctx, ls, out); // the load of obj->flags
    const ft = flagTarget(ctx, r, ls, out);
    return ft ? { kind: 'flag', ...ft } : null;
  }
  const p = ls.type === 'field_expression' ? evalPlace(ctx, ls, out) : null;
  const state = p ? STATE_FLAGS[`${p.role}.${p.path}`] : undefined;
  if (p && state && rs === state.constant) {
    evalValue(ctx, ls, out);
    const flag: Cond = { kind: 'flag', obj: { role: p.role, via: squash(text(ls)).replace(/->.*$/, '') }, flag: state.flag };
    if (op === '<' || op === '!=') return not(flag);
    if (op === '>=' || op === '==') return flag;
  }
  return null;
}

/** The Cond for a condition expression; its reads/calls are appended to `out`. */
export function condOf(ctx: FnCtx, node: CNode, out: Effect[]): Cond {
  const n = strip(node);
  if (n.type === 'identifier') return resultCond(ctx, text(n)) ?? unknown(n);
  if (n.type === 'unary_expression' && text(n).trimStart().startsWith('!')) {
    const arg = child(n, 'argument');
    return arg ? not(condOf(ctx, arg, out)) : unknown(n);
  }
  if (n.type === 'call_expression') {
    const c = callCond(ctx, n, out);
    if (c) return c;
    // a call tested directly: its value becomes a result the condition tests
    const tmp = `__cond${n.row + 1}_${n.start}`;
    evalValue(ctx, n, out, { result: tmp });
    return resultCond(ctx, tmp) ?? unknown(n);
  }
  if (n.type === 'field_expression') {
    const c = fieldCond(ctx, n, out);
    if (c) return c;
  }
  if (n.type === 'binary_expression') {
    const c = compareCond(ctx, n, out);
    if (c) return c;
  }
  evalValue(ctx, n, out);
  return unknown(n);
}

/** `if (c) then else otherwise`, with && / || unfolded into nested ifs. */
export function buildIf(ctx: FnCtx, node: CNode, cond: CNode, then: Effect[], otherwise: Effect[]): Effect[] {
  const n = strip(cond);
  if (n.type === 'binary_expression') {
    const op = text(child(n, 'operator') ?? n);
    const l = child(n, 'left');
    const r = child(n, 'right');
    if (l && r && op === '&&') return buildIf(ctx, node, l, buildIf(ctx, node, r, then, otherwise), otherwise);
    if (l && r && op === '||') return buildIf(ctx, node, l, then, buildIf(ctx, node, r, then, otherwise));
  }
  const pre: Effect[] = [];
  const c = condOf(ctx, n, pre);
  return [...pre, ctx.at(node, { op: 'if', cond: c, then, else: otherwise })];
}

// Walks a function body statement by statement and emits lifetime effects in
// program order: declarations (bindings, lookups, __free), expression
// statements (calls, stores), if/else (conditions via conds.ts), returns,
// blocks (guards and __free inside a block are unlocked/put at its end and
// before each return out of it), loops and switch (bodies under an `unknown`
// condition: the model explores what it cannot evaluate), goto (not modelled).
import type { Effect } from '../../../model/core/effects.js';
import { guardEffect } from './callfx.js';
import { REF_CLEANUPS } from './calls.js';
import { buildIf } from './conds.js';
import { child, named, text, type CNode } from './cst.js';
import { squash, type FnCtx } from './ctx.js';
import { bindVar, evalValue, structName } from './resolve.js';

const LOOPS = new Set(['for_statement', 'while_statement', 'do_statement']);
const SKIP = new Set([
  'comment', '{', '}', ';', 'break_statement', 'continue_statement', 'type_definition', 'preproc_call', 'preproc_def',
  'preproc_function_def', 'preproc_include',
]);
const PREPROC = new Set(['preproc_ifdef', 'preproc_if']);

/** The declared name, whether it is a pointer, and the row/column it ends at. */
export function declaratorName(d: CNode): { name: string; pointer: boolean; node: CNode } | null {
  let cur: CNode | undefined = d;
  let pointer = false;
  for (let i = 0; cur && i < 20; i++) {
    if (cur.type === 'identifier') return { name: text(cur), pointer, node: cur };
    if (cur.type === 'pointer_declarator') pointer = true;
    if (cur.type === 'array_declarator') pointer = true;
    cur = child(cur, 'declarator') ?? named(cur).find((c) => c.type.endsWith('declarator') || c.type === 'identifier');
  }
  return null;
}

function freeOf(ctx: FnCtx, id: CNode): string | null {
  const notes = ctx.frees.get(id.row) ?? [];
  const col = id.end - id.src.lastIndexOf('\n', id.start - 1) - 1;
  const n = notes.find((f) => f.col >= col - 1) ?? notes[0];
  return n ? n.fn : null;
}

function declaration(ctx: FnCtx, node: CNode, out: Effect[]): void {
  const struct = structName(child(node, 'type'));
  for (const d of node.children.filter((c) => c.field === 'declarator')) {
    const decl = d.type === 'init_declarator' ? child(d, 'declarator') : d;
    const dn = decl ? declaratorName(decl) : null;
    if (!dn) continue;
    ctx.vars.set(dn.name, { val: { k: 'unknown', text: dn.name }, pointer: dn.pointer, struct });
    const value = d.type === 'init_declarator' ? child(d, 'value') : undefined;
    const free = freeOf(ctx, dn.node);
    if (free && !REF_CLEANUPS.includes(free)) ctx.note(`__free(${free}) on ${dn.name}: not a device reference, ignored`, d);
    if (value) bindVar(ctx, dn.name, value, out, { free: !!free && REF_CLEANUPS.includes(free) });
    else if (struct && dn.pointer) bindVar(ctx, dn.name, { ...dn.node, type: 'null' }, out);
  }
}

/** The `return` effect(s) for a returned expression; reads and calls it makes go first. */
function returnOf(ctx: FnCtx, node: CNode, e: CNode | undefined, out: Effect[]): Effect[] {
  if (!e) return [ctx.at(node, { op: 'return', error: null })];
  const t = squash(text(e));
  if (e.type === 'parenthesized_expression' && named(e).length === 1) return returnOf(ctx, node, named(e)[0], out);
  if (e.type === 'conditional_expression') {
    const [c, a, b] = [child(e, 'condition'), child(e, 'consequence'), child(e, 'alternative')];
    if (c && a && b) return buildIf(ctx, node, c, returnOf(ctx, node, a, []), returnOf(ctx, node, b, []));
  }
  const fnName = e.type === 'call_expression' ? text(child(e, 'function') ?? e) : '';
  const args = named(child(e, 'arguments') ?? e);
  if (fnName === 'dev_err_probe' && args[1]) {
    evalValue(ctx, e, out);
    return returnOf(ctx, node, args[1], out);
  }
  const err = /^-\s*(E[A-Z0-9]+)$/.exec(t) ?? /^ERR_PTR\s*\(\s*-\s*(E[A-Z0-9]+)\s*\)$/.exec(t);
  const passOn = /^(?:PTR_ERR|ERR_CAST|PTR_ERR_OR_ZERO)\s*\(\s*(\w+)\s*\)$/.exec(t)?.[1] ?? (/^\w+$/.test(t) ? t : null);
  if (err) return [ctx.at(node, { op: 'return', error: `-${err[1]}` })];
  if (passOn && ctx.results.has(passOn)) return [ctx.at(node, { op: 'return', error: null, value: passOn })];
  if (passOn && ctx.consts.has(passOn)) return [ctx.at(node, { op: 'return', error: ctx.consts.get(passOn) as string })];
  ctx.results.delete('__ret');
  evalValue(ctx, e, out, e.type === 'call_expression' ? { result: '__ret' } : {});
  const value = ctx.results.has('__ret') ? { value: '__ret' } : {};
  return [ctx.at(node, { op: 'return', error: null, ...value })];
}

function returnEffect(ctx: FnCtx, node: CNode, out: Effect[]): void {
  const pre: Effect[] = [];
  const rets = returnOf(ctx, node, named(node)[0], pre);
  out.push(...pre, ...ctx.allCleanups().map((c) => ctx.at(node, c)), ...rets);
}

/** Walk a statement in a new nested scope; its cleanups run at its end. */
function scoped(ctx: FnCtx, node: CNode | undefined, pre: Effect[] = [], cleanup: Effect[] = []): Effect[] {
  const out: Effect[] = [...pre];
  ctx.scopes.push([...cleanup]);
  if (node) block(ctx, node, out);
  const mine = ctx.scopes.pop() ?? [];
  const last = out[out.length - 1];
  if (!last || last.op !== 'return') out.push(...[...mine].reverse().map((c) => (node ? ctx.at(lastRow(node), c) : c)));
  return out;
}

function lastRow(n: CNode): CNode {
  return n.children[n.children.length - 1] ?? n;
}

function ifStatement(ctx: FnCtx, node: CNode, out: Effect[]): void {
  const cond = child(node, 'condition');
  const cons = child(node, 'consequence');
  const alt = child(node, 'alternative');
  const altBody = alt ? (child(alt, 'body') ?? named(alt)[0]) : undefined;
  const inner = cond ? named(cond)[0] : undefined;
  if (inner?.type === 'call_expression' && /^scoped(_cond)?_guard$/.test(text(child(inner, 'function') ?? inner))) {
    out.push(...scopedGuard(ctx, node, inner, cons));
    return;
  }
  const then = scoped(ctx, cons);
  const otherwise = altBody ? scoped(ctx, altBody) : [];
  out.push(...(cond ? buildIf(ctx, node, cond, then, otherwise) : []));
}

/** scoped_guard(class, arg) { body }: lock, body, unlock (normalise.ts made it an `if`). */
function scopedGuard(ctx: FnCtx, node: CNode, call: CNode, body: CNode | undefined): Effect[] {
  const as = named(child(call, 'arguments') ?? call);
  const pre: Effect[] = [];
  ctx.scopes.push([]);
  const cond = text(child(call, 'function') ?? call) === 'scoped_cond_guard';
  guardEffect(ctx, call, as[0] ? squash(text(as[0])) : '', cond ? as[as.length - 1] : as[1], pre);
  const cleanup = ctx.scopes.pop() ?? [];
  return scoped(ctx, body, pre, cleanup);
}

function loop(ctx: FnCtx, node: CNode, out: Effect[]): void {
  const body = child(node, 'body');
  const once = node.type === 'do_statement' && /^\(\s*0\s*\)$/.test(squash(text(child(node, 'condition') ?? node)));
  if (once && body) return void out.push(...scoped(ctx, body));
  const header = squash(text(node).slice(0, body ? body.start - node.start : undefined));
  for (const f of ['initializer', 'condition', 'update']) {
    const c = child(node, f);
    if (c?.type === 'declaration') declaration(ctx, c, out);
    else if (c) evalValue(ctx, c, out);
  }
  const then = scoped(ctx, body);
  if (then.some((e) => e.op !== 'read')) ctx.note(`loop body modelled as one optional pass: ${header}`, node);
  out.push(ctx.at(node, { op: 'if', cond: { kind: 'unknown', text: header }, then, else: [] }));
}

function switchStatement(ctx: FnCtx, node: CNode, out: Effect[]): void {
  const cond = child(node, 'condition');
  if (cond) evalValue(ctx, cond, out);
  const cases = named(child(node, 'body') ?? node).filter((c) => c.type === 'case_statement');
  let chain: Effect[] = [];
  for (const c of [...cases].reverse()) {
    const value = child(c, 'value');
    const label = value ? `case ${squash(text(value))}` : 'default';
    const body: Effect[] = [];
    ctx.scopes.push([]);
    for (const s of named(c).filter((s) => s !== value)) statement(ctx, s, body);
    ctx.scopes.pop();
    const test = `switch (${cond ? squash(text(cond)).replace(/^\(|\)$/g, '') : ''}) ${label}`;
    chain = value ? [ctx.at(c, { op: 'if', cond: { kind: 'unknown', text: test }, then: body, else: chain })] : body;
  }
  out.push(...chain);
}

/** The statements of a block (or a single statement), in the current scope. */
export function block(ctx: FnCtx, node: CNode, out: Effect[]): void {
  if (node.type !== 'compound_statement') return statement(ctx, node, out);
  for (const s of node.children) statement(ctx, s, out);
}

export function statement(ctx: FnCtx, node: CNode, out: Effect[]): void {
  ctx.readKeys.clear();
  const t = node.type;
  if (SKIP.has(t)) return;
  if (t === 'compound_statement') out.push(...scoped(ctx, node));
  else if (t === 'declaration') declaration(ctx, node, out);
  else if (t === 'expression_statement') named(node).forEach((e) => evalValue(ctx, e, out));
  else if (t === 'if_statement') ifStatement(ctx, node, out);
  else if (t === 'return_statement') returnEffect(ctx, node, out);
  else if (LOOPS.has(t)) loop(ctx, node, out);
  else if (t === 'switch_statement') switchStatement(ctx, node, out);
  else if (t === 'labeled_statement') named(node).slice(1).forEach((s) => statement(ctx, s, out));
  else if (t === 'goto_statement') gotoStatement(ctx, node, out);
  else if (PREPROC.has(t)) preproc(ctx, node, out);
  else notModelled(ctx, node, out);
}

const MAX_GOTO = 4;

/**
 * `goto label` forward to a label of the function's top-level block: leave the
 * nested scopes, then run the statements from the label to the end (kernel
 * error paths). A backward goto or a label inside a block is not modelled.
 */
function gotoStatement(ctx: FnCtx, node: CNode, out: Effect[]): void {
  const label = child(node, 'label');
  const at = label ? ctx.labels.get(text(label)) : undefined;
  const target = at !== undefined ? ctx.top[at] : undefined;
  if (!target || target.row <= node.row || ctx.gotoDepth >= MAX_GOTO) {
    out.push(ctx.at(node, { op: 'unmodelled', text: squash(text(node)) }));
    ctx.note(`goto not modelled: ${squash(text(node))}`, node);
    return;
  }
  out.push(...ctx.allCleanups().map((c) => ctx.at(node, c)));
  const saved = ctx.scopes;
  ctx.scopes = [];
  ctx.gotoDepth++;
  const tail: Effect[] = [];
  for (const s of ctx.top.slice(at)) statement(ctx, s, tail);
  ctx.gotoDepth--;
  ctx.scopes = saved;
  if (tail[tail.length - 1]?.op !== 'return') tail.push(ctx.at(node, { op: 'return', error: null }));
  out.push(...tail);
}

/**
 * #ifdef / #if inside a body: the code under review is assumed configured in,
 * so #ifdef X and #if … take their first branch, #ifndef X its #else (noted).
 */
function preproc(ctx: FnCtx, node: CNode, out: Effect[]): void {
  const kw = node.children[0]?.type ?? '';
  const test = child(node, 'name') ?? child(node, 'condition');
  const alt = child(node, 'alternative');
  const branch = (n: CNode | undefined): CNode[] => (n ? n.children.filter((c) => c.named && c.field === null) : []);
  const negated = kw === '#ifndef' || /^0$/.test(squash(text(test ?? node)));
  const stmts = negated ? (alt?.type === 'preproc_else' ? branch(alt) : []) : branch(node);
  ctx.note(`preprocessor: assumed ${kw} ${test ? squash(text(test)) : ''} ${negated ? 'false' : 'true'}`, node);
  for (const st of stmts) statement(ctx, st, out);
}

/** ERROR nodes, preprocessor blocks, anything else: reported with their text. */
function notModelled(ctx: FnCtx, node: CNode, out: Effect[]): void {
  const t = squash(text(node));
  if (t === '') return;
  out.push(ctx.at(node, { op: 'unmodelled', text: t.length > 200 ? `${t.slice(0, 200)}…` : t }));
  ctx.note(`${node.type === 'ERROR' ? 'could not parse' : `not modelled (${node.type})`}: ${t.slice(0, 120)}`, node);
}

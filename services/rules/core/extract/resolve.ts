// Evaluates C expressions for object identity: which model object an
// expression names (through the accessor table), and which reads of object
// fields it performs on the way (`read` effects, in evaluation order). A
// field read counts where memory of a model object is loaded (`x->f`,
// `x->a.b`); taking an address (`&x->dev`) reads nothing.
import type { Effect, ObjRef, Role } from '../../../model/core/effects.js';
import { FIELDS, SELF_PREFIXES, TYPES } from './accessors.js';
import { callValue, type CallOpts } from './callfx.js';
import { buildIf } from './conds.js';
import { child, named, text, type CNode } from './cst.js';
import { squash, type FnCtx, type Val } from './ctx.js';

export interface Place {
  role: Role;
  path: string;
  /** reached through a pointer dereference (a load reads object memory) */
  derefed: boolean;
  via: string;
  /** the expression of the object itself (`cxled` in `cxled->cxld.region`) */
  base: string;
}

const OPAQUE_LEAVES = new Set(['number_literal', 'string_literal', 'char_literal', 'true', 'false', 'concatenated_string']);
const NO_EVAL = new Set(['sizeof_expression', 'offsetof_expression', 'alignof_expression', 'type_descriptor', 'comment']);

/** roles that name "some object of this kind, bound by the caller": not inferred for locals */
export const GENERIC: readonly Role[] = ['device', 'port'];

const join = (a: string, b: string): string => (a === '' ? b : `${a}.${b}`);

/** A field path relative to the object, with embedded-self prefixes removed (`dev.parent` → `parent`). */
export function canonical(role: Role, path: string): string {
  const prefixes = [...(SELF_PREFIXES[role] ?? []), ...(SELF_PREFIXES['*'] ?? [])];
  for (const p of prefixes) {
    if (path === p) return '';
    if (path.startsWith(`${p}.`)) return path.slice(p.length + 1);
  }
  return path;
}

/** The role a field of an object points to ('' = the object itself), or null. */
export function fieldTarget(role: Role, path: string): Role | null {
  const c = canonical(role, path);
  if (c === '') return role;
  return FIELDS[role]?.[c] ?? null;
}

export function structName(typeNode: CNode | undefined): string | null {
  if (!typeNode) return null;
  if (typeNode.type === 'struct_specifier') {
    const n = child(typeNode, 'name');
    return n ? text(n) : null;
  }
  return null;
}

export function roleOfStruct(struct: string | null): Role | null {
  return struct ? (TYPES[struct] ?? null) : null;
}

function emitRead(ctx: FnCtx, p: Place, node: CNode, out: Effect[]): void {
  const key = `${p.role}.${p.path}@${node.row}`;
  if (ctx.readKeys.has(key)) return;
  ctx.readKeys.add(key);
  out.push(ctx.at(node, { op: 'read', obj: { role: p.role, via: squash(p.base) }, field: p.path }));
}

export function evalPlace(ctx: FnCtx, node: CNode, out: Effect[]): Place | null {
  switch (node.type) {
    case 'field_expression': {
      const arg = child(node, 'argument');
      const field = child(node, 'field');
      const op = child(node, 'operator');
      if (!arg || !field || !op) return null;
      if (text(op) === '->') {
        const v = evalValue(ctx, arg, out);
        return v.k === 'obj' ? { role: v.role, path: join(v.path, text(field)), derefed: true, via: text(node), base: text(arg) } : null;
      }
      const p = evalPlace(ctx, arg, out);
      return p ? { ...p, path: join(p.path, text(field)), via: text(node) } : null;
    }
    case 'subscript_expression': {
      const idx = child(node, 'index');
      if (idx) evalValue(ctx, idx, out);
      const arg = child(node, 'argument');
      const p = arg ? evalPlace(ctx, arg, out) : null;
      return p ? { ...p, path: `${p.path}[]`, via: text(node) } : null;
    }
    case 'parenthesized_expression': {
      const inner = named(node)[0];
      return inner ? evalPlace(ctx, inner, out) : null;
    }
    case 'pointer_expression': {
      const arg = child(node, 'argument');
      if (!arg || text(node).trimStart()[0] !== '*') return null;
      const v = evalValue(ctx, arg, out);
      return v.k === 'obj' ? { role: v.role, path: v.path, derefed: true, via: text(node), base: text(arg) } : null;
    }
    case 'identifier': {
      const v = ctx.vars.get(text(node));
      return v && !v.pointer && v.val.k === 'obj' ? { role: v.val.role, path: v.val.path, derefed: false, via: text(node), base: text(node) } : null;
    }
    default:
      return null;
  }
}

/** Load the value stored at a place: a read of object memory, then what the field points to. */
function load(ctx: FnCtx, p: Place, node: CNode, out: Effect[]): Val {
  if (p.derefed) emitRead(ctx, p, node, out);
  const target = fieldTarget(p.role, p.path);
  if (target) return { k: 'obj', role: target, path: '', via: squash(text(node)) };
  return { k: 'opaque', text: squash(text(node)) };
}

function identifierValue(ctx: FnCtx, node: CNode): Val {
  const name = text(node);
  const v = ctx.vars.get(name);
  if (v) return v.val;
  if (/^[A-Z][A-Z0-9_]*$/.test(name)) return { k: 'opaque', text: name };
  return { k: 'unknown', text: name };
}

function addressOf(ctx: FnCtx, node: CNode, out: Effect[]): Val {
  const arg = child(node, 'argument');
  if (!arg) return { k: 'unknown', text: squash(text(node)) };
  const p = evalPlace(ctx, arg, out);
  if (p) return { k: 'obj', role: p.role, path: canonical(p.role, p.path), via: squash(text(node)) };
  const v = evalValue(ctx, arg, out);
  return v.k === 'unknown' ? { k: 'unknown', text: squash(text(node)) } : { k: 'opaque', text: squash(text(node)) };
}

function castValue(ctx: FnCtx, node: CNode, out: Effect[], opts: CallOpts): Val {
  const value = child(node, 'value');
  const v = value ? evalValue(ctx, value, out, opts) : ({ k: 'unknown', text: squash(text(node)) } as Val);
  if (v.k === 'obj') return v;
  const td = child(node, 'type');
  const role = roleOfStruct(structName(td ? child(td, 'type') : undefined));
  const isPointer = !!td && td.children.some((c) => c.type === 'abstract_pointer_declarator');
  return role && isPointer ? { k: 'obj', role, path: '', via: squash(text(node)) } : v;
}

/** Evaluate an expression: effects (reads, calls) go to `out` in order; returns what it names. */
export function evalValue(ctx: FnCtx, node: CNode, out: Effect[], opts: CallOpts = {}): Val {
  const t = node.type;
  if (t === 'identifier') return identifierValue(ctx, node);
  if (t === 'null') return { k: 'opaque', text: 'NULL' };
  if (OPAQUE_LEAVES.has(t) || NO_EVAL.has(t)) return { k: 'opaque', text: squash(text(node)) };
  if (t === 'field_expression' || t === 'subscript_expression') {
    const p = evalPlace(ctx, node, out);
    return p ? load(ctx, p, node, out) : { k: 'unknown', text: squash(text(node)) };
  }
  if (t === 'pointer_expression') {
    if (text(node).trimStart()[0] === '&') return addressOf(ctx, node, out);
    const arg = child(node, 'argument');
    if (arg) evalValue(ctx, arg, out);
    return { k: 'opaque', text: squash(text(node)) };
  }
  if (t === 'parenthesized_expression') {
    const inner = named(node)[0];
    return inner ? evalValue(ctx, inner, out, opts) : { k: 'unknown', text: '' };
  }
  if (t === 'cast_expression') return castValue(ctx, node, out, opts);
  if (t === 'call_expression') return callValue(ctx, node, out, opts);
  if (t === 'assignment_expression') return assign(ctx, node, out);
  if (t === 'conditional_expression') return ternary(ctx, node, out);
  for (const c of named(node)) evalValue(ctx, c, out);
  return { k: t === 'ERROR' ? 'unknown' : 'opaque', text: squash(text(node)) };
}

/** `c ? a : b`: an `if` when either side has effects beyond reads, else the reads inline. */
function ternary(ctx: FnCtx, node: CNode, out: Effect[]): Val {
  const [c, a, b] = [child(node, 'condition'), child(node, 'consequence'), child(node, 'alternative')];
  if (!c || !a || !b) return { k: 'unknown', text: squash(text(node)) };
  const then: Effect[] = [];
  const otherwise: Effect[] = [];
  const va = evalValue(ctx, a, then);
  const vb = evalValue(ctx, b, otherwise);
  if ([...then, ...otherwise].every((e) => e.op === 'read')) {
    evalValue(ctx, c, out);
    out.push(...then, ...otherwise);
  } else out.push(...buildIf(ctx, node, c, then, otherwise));
  if (va.k === 'obj' && vb.k === 'obj' && va.role === vb.role) return va;
  return { k: 'unknown', text: squash(text(node)) };
}

/** An ObjRef for an evaluated value; `relevant` = needed by a lifetime effect (else not reported). */
export function toRef(ctx: FnCtx, v: Val, node: CNode, relevant: boolean): ObjRef {
  // a variable holding endpoint_host(…) keeps that text: the model resolves the host by it
  if (v.k === 'obj') return { role: v.role, via: node.type === 'identifier' && v.via.includes('endpoint_host(') ? v.via : squash(text(node)) };
  if (v.k === 'opaque' && v.text === 'NULL') return { unresolved: 'NULL' };
  const t = squash(text(node));
  if (relevant) ctx.unresolvedAt(t, node);
  return { unresolved: t };
}

/** `lhs = rhs`: rebinding a variable, or a store into an object's field (`write`). */
export function assign(ctx: FnCtx, node: CNode, out: Effect[]): Val {
  const lhs = child(node, 'left');
  const rhs = child(node, 'right');
  const op = child(node, 'operator');
  if (!lhs || !rhs) return { k: 'unknown', text: squash(text(node)) };
  if (op && text(op) !== '=') {
    evalValue(ctx, lhs, out);
    evalValue(ctx, rhs, out);
    return { k: 'opaque', text: squash(text(node)) };
  }
  if (lhs.type === 'identifier') return bindVar(ctx, text(lhs), rhs, out);
  const place = evalPlace(ctx, lhs, out);
  const before = out.length;
  const v = evalValue(ctx, rhs, out);
  if (place) {
    const write: Effect = { op: 'write', obj: { role: place.role, via: squash(place.base) }, field: place.path };
    const value = v.k === 'obj' ? toRef(ctx, v, rhs, false) : sourceOf(out.slice(before), rhs);
    out.push(ctx.at(node, value ? { ...write, value } : write));
  }
  return v;
}

/** The single object the data of an expression was read from, if there is exactly one. */
function sourceOf(effects: Effect[], rhs: CNode): ObjRef | undefined {
  const roles = new Set(effects.flatMap((e) => (e.op === 'read' && 'role' in e.obj ? [e.obj.role] : [])));
  if (roles.size !== 1) return undefined;
  return { role: [...roles][0] as Role, via: squash(text(rhs)) };
}

/** `x = rhs` / `T *x = rhs`: the variable now names what rhs names. */
export function bindVar(ctx: FnCtx, name: string, rhs: CNode, out: Effect[], opts: CallOpts = {}): Val {
  const info = ctx.vars.get(name);
  ctx.consts.delete(name);
  ctx.condVars.delete(name);
  ctx.results.delete(name);
  const v = evalValue(ctx, rhs, out, { ...opts, result: name });
  const m = /^-\s*(E[A-Z0-9]+)$/.exec(squash(text(rhs)));
  if (m) ctx.consts.set(name, `-${m[1]}`);
  const declared = info?.pointer ? roleOfStruct(info.struct) : null;
  // a pointer declared with a specific object type names that object even when the
  // initialiser is opaque; generic types (device, port) say nothing about which one
  const val: Val = v.k === 'obj' || !declared || GENERIC.includes(declared) ? v : { k: 'obj', role: declared, path: '', via: name };
  ctx.vars.set(name, { val, pointer: info?.pointer ?? true, struct: info?.struct ?? null });
  return val;
}

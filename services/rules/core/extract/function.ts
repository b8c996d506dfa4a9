// Extracts one function's FunctionEffects from its reconstructed C text:
// normalise, parse with tree-sitter, bind parameters to roles (by type; a
// `void *` or `struct device *` parameter by how the body converts it), walk
// the body. Pure: the parser comes from the caller (adapters/tree-sitter.ts).
import type { Parser } from 'web-tree-sitter';
import type { FunctionEffects, Role } from '../../../model/core/effects.js';
import { FUNCTIONS, TYPES } from './accessors.js';
import { child, named, parseC, text, type CNode } from './cst.js';
import { FnCtx, type Note } from './ctx.js';
import type { FunctionSource } from './functions.js';
import { normalise } from './normalise.js';
import { roleOfStruct, structName } from './resolve.js';
import { block, declaratorName } from './stmts.js';

export interface Param {
  name: string;
  role: Role | null;
  pointer: boolean;
  struct: string | null;
}

/** Nodes of a subtree, breadth-first, bounded (no recursion on input). */
export function nodes(root: CNode, limit = 100_000): CNode[] {
  const out: CNode[] = [root];
  for (let i = 0; i < out.length && out.length < limit; i++) out.push(...(out[i] as CNode).children);
  return out;
}

function findFunction(root: CNode, name: string): CNode | undefined {
  const defs = nodes(root, 20_000).filter((n) => n.type === 'function_definition');
  return defs.find((d) => fnName(d) === name) ?? defs[0];
}

function fnName(def: CNode): string | null {
  const fd = nodes(child(def, 'declarator') ?? def, 200).find((n) => n.type === 'function_declarator');
  const id = fd ? child(fd, 'declarator') : undefined;
  return id ? text(id) : null;
}

export function paramsOf(def: CNode): Param[] {
  const fd = nodes(child(def, 'declarator') ?? def, 200).find((n) => n.type === 'function_declarator');
  const list = fd ? child(fd, 'parameters') : undefined;
  const out: Param[] = [];
  for (const p of list ? named(list).filter((n) => n.type === 'parameter_declaration') : []) {
    const d = child(p, 'declarator');
    const dn = d ? declaratorName(d) : null;
    if (!dn) continue;
    const struct = structName(child(p, 'type'));
    out.push({ name: dn.name, pointer: dn.pointer, struct, role: dn.pointer ? roleOfStruct(struct) : null });
  }
  return out;
}

/**
 * A `void *` parameter cast by declaration (`struct cxl_region *cxlr = _cxlr;`)
 * or a `struct device *` one converted by a to_*() accessor takes that role,
 * when every such use agrees.
 */
export function inferParamRoles(params: Param[], body: CNode): void {
  const seen = new Map<string, Set<Role>>();
  const add = (name: string, role: Role) => seen.set(name, new Set([...(seen.get(name) ?? []), role]));
  for (const n of nodes(body)) {
    if (n.type === 'call_expression') {
      const acc = FUNCTIONS[text(child(n, 'function') ?? n)];
      const a0 = named(child(n, 'arguments') ?? n)[0];
      if (acc && acc.to !== 'sameIfPort' && a0?.type === 'identifier') add(text(a0), acc.to);
    }
    if (n.type === 'declaration') {
      const role = TYPES[structName(child(n, 'type')) ?? ''];
      for (const d of n.children.filter((c) => c.type === 'init_declarator')) {
        const v = child(d, 'value');
        if (role && v?.type === 'identifier') add(text(v), role);
      }
    }
  }
  for (const p of params) {
    const roles = seen.get(p.name);
    const untyped = p.role === null || p.role === 'device';
    if (untyped && p.pointer && roles && roles.size === 1) p.role = [...roles][0] as Role;
  }
}

export interface Extracted {
  fx: FunctionEffects;
  notes: Note[];
}

/** Functions longer than this are not parsed (kernel functions are a few hundred lines at most). */
export const MAX_FUNCTION_LINES = 3000;
const MAX_FUNCTION_CHARS = 200_000;

export function extractFunction(parser: Parser, src: FunctionSource): Extracted {
  const source = src.lines.map((l) => l.text).join('\n');
  if (src.lines.length > MAX_FUNCTION_LINES || source.length > MAX_FUNCTION_CHARS) {
    const fx: FunctionEffects = { name: src.name, params: [], body: [], source: 'patch', file: src.file, partial: true, unresolved: [] };
    return { fx, notes: [{ text: `${src.name}: too long to model (${src.lines.length} lines)`, line: src.startLine ?? 0 }] };
  }
  const norm = normalise(source);
  const ctx = new FnCtx(src.file, src.lines, norm.frees);
  const base: FunctionEffects = {
    name: src.name, params: [], body: [], source: 'patch', file: src.file,
    ...(src.startLine !== null ? { startLine: src.startLine } : {}),
    ...(src.endLine !== null ? { endLine: src.endLine } : {}),
    partial: src.partial, unresolved: ctx.unresolved,
  };
  const parsed = parseC(parser, norm.text);
  const def = parsed ? findFunction(parsed.root, src.name) : undefined;
  const body = def ? child(def, 'body') : undefined;
  const first = src.startLine ?? 0;
  if (!parsed || !def || !body) {
    return { fx: { ...base, partial: true }, notes: [{ text: `${src.name}: could not parse the function`, line: first }] };
  }
  const params = paramsOf(def);
  inferParamRoles(params, body);
  for (const p of params) {
    const val = p.role ? { k: 'obj' as const, role: p.role, path: '', via: p.name } : { k: 'unknown' as const, text: p.name };
    ctx.vars.set(p.name, { val, pointer: p.pointer, struct: p.struct });
  }
  ctx.top = body.children;
  body.children.forEach((c, i) => {
    const l = c.type === 'labeled_statement' ? child(c, 'label') : undefined;
    if (l) ctx.labels.set(text(l), i);
  });
  block(ctx, body, base.body);
  if (parsed.truncated) ctx.notes.push({ text: `${src.name}: nested too deeply, the rest is not modelled`, line: first });
  if (src.partial) ctx.notes.push({ text: `${src.name}: only part of the function is visible in the patch`, line: first });
  return { fx: { ...base, params: params.map((p) => ({ name: p.name, role: p.role })) }, notes: ctx.notes };
}

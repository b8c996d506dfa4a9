// Per-function extraction state: variable bindings (what object each local
// or parameter names), results of earlier steps (for `if (rc)` / `IS_ERR(x)`),
// the open scopes (for guard/__free cleanups in nested blocks), and what
// could not be resolved. One instance per extracted function.
import type { Cond, Effect, Loc, Role } from '../../../model/core/effects.js';
import type { CNode } from './cst.js';
import type { SourceLine } from './functions.js';

/** What an expression evaluates to, as far as object identity goes. */
export type Val =
  | { k: 'obj'; role: Role; path: string; via: string } // a pointer to (a part of) a model object
  | { k: 'opaque'; text: string } // a known non-object: scalar, literal, constant
  | { k: 'unknown'; text: string }; // not resolvable

export interface VarInfo {
  val: Val;
  pointer: boolean;
  /** struct name of the declared type, if any */
  struct: string | null;
}

export interface Note {
  text: string;
  line: number;
}

export class FnCtx {
  vars = new Map<string, VarInfo>();
  /** variables holding the result of an earlier effect, and their type (unknown: not declared in view) */
  results = new Map<string, 'pointer' | 'int' | 'unknown'>();
  /** variables holding a bit test: `locked = test_bit(…)` */
  condVars = new Map<string, Cond>();
  /** variables last assigned an error constant: `rc = -ENXIO` */
  consts = new Map<string, string>();
  unresolved: Note[] = [];
  notes: Note[] = [];
  /** cleanups of the open nested scopes, innermost last (function scope: none, effects are `scoped`) */
  scopes: Effect[][] = [];
  /** reads already emitted for the current statement */
  readKeys = new Set<string>();
  /** the function body's top-level statements and where each label is among them (for goto) */
  top: CNode[] = [];
  labels = new Map<string, number>();
  /** gotos being followed (bounded) */
  gotoDepth = 0;
  /** __free(fn) annotations by 0-based row */
  frees: Map<number, { fn: string; col: number }[]>;

  constructor(
    readonly file: string,
    readonly src: SourceLine[],
    frees: Map<number, { fn: string; col: number }[]>,
  ) {
    this.frees = frees;
  }

  line(row: number): number | null {
    return this.src[row]?.line ?? null;
  }

  /** Nearest real post-image line at or before `row` (for notes on synthesised text). */
  nearLine(row: number): number {
    for (let r = Math.min(row, this.src.length - 1); r >= 0; r--) {
      const l = this.src[r]?.line;
      if (l != null) return l;
    }
    return this.src.find((s) => s.line !== null)?.line ?? 0;
  }

  loc(node: CNode): Loc | undefined {
    const line = this.line(node.row);
    if (line === null) return undefined;
    return { file: this.file, line, text: (this.src[node.row]?.text ?? '').trim() };
  }

  at<E extends Effect>(node: CNode, e: E): E {
    const loc = this.loc(node);
    return loc ? { ...e, loc } : e;
  }

  unresolvedAt(text: string, node: CNode): void {
    const line = this.nearLine(node.row);
    if (!this.unresolved.some((u) => u.text === text && u.line === line)) this.unresolved.push({ text, line });
  }

  note(text: string, node: CNode): void {
    this.notes.push({ text, line: this.nearLine(node.row) });
  }

  get nested(): boolean {
    return this.scopes.length > 0;
  }

  /** Register a cleanup for the innermost nested scope (guard / __free inside a block). */
  addCleanup(e: Effect): void {
    this.scopes[this.scopes.length - 1]?.push(e);
  }

  /** Cleanups to run when leaving every nested scope (before a `return`). */
  allCleanups(): Effect[] {
    return [...this.scopes].reverse().flatMap((s) => [...s].reverse());
  }
}

export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

// Public API of the extractor: the lifetime effects (services/model/core/
// effects.ts) of the functions a patch adds or changes, derived from the C in
// the patch (or in the post-image tree when the caller has one). What cannot
// be resolved or has no table entry is listed in `notModelled`, never
// guessed. The parser is an initialised tree-sitter C parser: get it from
// services/rules/adapters/tree-sitter.ts (`await loadCParser()`).
//
// Conventions of the output (tables: calls.ts, accessors.ts):
// - every effect has `loc` {file, post-image line, line text}, except those on
//   text the extractor synthesised (a signature taken from a hunk header);
// - `result` names the C variable a call's value is stored in; `__ret` is a
//   value returned directly (`return f(…)`), `__cond<line>_<offset>` a call
//   tested directly (`if (f(…))`); `return PTR_ERR(x)` / `return x` of such a
//   result gives `{error: null, value: x}`;
// - `read` is emitted where a field of a model object is loaded (`x->f`,
//   `x->a.b`; not `&x->dev`), before the effect that uses it;
// - guard()/ACQUIRE()/__free() in the function's own block are `scoped`; in a
//   nested block they become explicit unlock/ref.put at the block's end and
//   before each return out of it;
// - loops and switch cases run under `if (unknown: <header>)`; a forward goto
//   to a function-level label runs the statements from that label; #ifdef
//   takes its first branch (noted);
// - `unresolved` lists objects needed by a lifetime effect (hosts, data, lock,
//   flag and reference objects, conditions) that the tables cannot name;
//   arguments of plain `call`s are positional and not listed;
// - `partial`: the hunks show only part of the function; the model then keeps
//   its built-in version.
import type { Parser } from 'web-tree-sitter';
import type { FunctionEffects } from '../../../model/core/effects.js';
import { extractFunction } from './function.js';
import { changedFunctions } from './functions.js';
import { splitPatch } from './hunks.js';

export interface NotModelled {
  text: string;
  line: number;
  file?: string;
  fn?: string;
}

export interface ExtractInput {
  file: string;
  /** this file's part of the patch, exact text */
  diff: string;
  /** the whole file at the patched state, when a tree is available */
  postImage?: string;
}

export interface ExtractResult {
  functions: FunctionEffects[];
  notModelled: NotModelled[];
}

const C_FILE = /\.[ch]$/;

/** Effects of the functions one file's diff adds or changes. */
export function extractPatchFunctions(parser: Parser, input: ExtractInput): ExtractResult {
  const out: ExtractResult = { functions: [], notModelled: [] };
  if (!C_FILE.test(input.file)) return out;
  const { functions, notes } = changedFunctions(input);
  out.notModelled.push(...notes.map((n) => ({ ...n, file: input.file })));
  for (const src of functions) {
    try {
      const { fx, notes: fnNotes } = extractFunction(parser, src);
      out.functions.push(fx);
      const unresolved = fx.unresolved.map((u) => ({ text: `unresolved: ${u.text}`, line: u.line }));
      out.notModelled.push(...[...unresolved, ...fnNotes].map((n) => ({ ...n, file: input.file, fn: src.name })));
    } catch (err) {
      // a safety net for input the walker did not foresee: report, do not fail the patch
      const msg = err instanceof Error ? err.message : String(err);
      out.notModelled.push({ text: `${src.name}: extraction failed (${msg})`, line: src.startLine ?? 0, file: input.file, fn: src.name });
    }
  }
  return out;
}

/**
 * Effects of every C function a whole patch (several files) adds or changes.
 * `postImages` maps a post-image path to the file's text at the patched state.
 */
export function extractPatch(parser: Parser, patch: string, postImages: Readonly<Record<string, string>> = {}): ExtractResult {
  const out: ExtractResult = { functions: [], notModelled: [] };
  for (const f of splitPatch(patch)) {
    if (f.deleted) continue;
    const post = postImages[f.file];
    const r = extractPatchFunctions(parser, { file: f.file, diff: f.diff, ...(post !== undefined ? { postImage: post } : {}) });
    out.functions.push(...r.functions);
    out.notModelled.push(...r.notModelled);
  }
  return out;
}

export { splitPatch } from './hunks.js';
export type { FunctionSource } from './functions.js';

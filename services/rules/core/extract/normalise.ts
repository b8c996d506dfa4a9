// Rewrites kernel-C constructs tree-sitter's C grammar mis-parses into plain
// C it parses well, without changing the number of lines (every row keeps
// its post-image line number):
// - `T *x __free(put_device) = …`: the annotation is blanked out and
//   recorded by row and column, so the declaration parses and the extractor
//   still knows the cleanup;
// - function attributes (__init, __must_check, __maybe_unused, …) and
//   __attribute__((…)): blanked;
// - block macros `scoped_guard(c, x) { … }` and `*for_each*(…) { … }`:
//   wrapped as `if (scoped_guard(c, x)) { … }` / `while (list_for_each…(…)) { … }`.
// guard(class)(x), container_of(…, typeof(*p), m), designated initialisers
// and EXPORT_SYMBOL after a function parse as they are.
import { codeOf, type LexState } from './lex.js';

export interface FreeNote {
  fn: string;
  col: number;
}

export interface Normalised {
  text: string;
  /** __free(fn) annotations by 0-based row */
  frees: Map<number, FreeNote[]>;
}

const ATTRS =
  /\b(?:__init|__exit|__must_check|__maybe_unused|__always_unused|__always_inline|noinline|__cold|__iomem|__rcu|__user|__force|__percpu|__ro_after_init|__weak|__nocast|__private|__counted_by\s*\(\s*\w+\s*\))/g;
const BLOCK_MACRO = /(^|[;{}:)]\s*|^\s*)(scoped_guard|scoped_cond_guard|\w*for_each\w*)\s*\(/gm;

function codeMask(text: string): string {
  const st: LexState = { inComment: false };
  return text.split('\n').map((l) => codeOf(l, st)).join('\n');
}

/** Index of the `)` matching the `(` at `open`, in code with comments blanked; -1 if none. */
function matching(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length && i < open + 20_000; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

const blank = (s: string): string => s.replace(/[^\n]/g, ' ');

function wrapBlockMacros(text: string): string {
  const code = codeMask(text);
  const edits: { at: number; insert: string }[] = [];
  for (const m of code.matchAll(BLOCK_MACRO)) {
    const name = m[2] as string;
    const start = (m.index ?? 0) + (m[1] as string).length;
    const open = code.indexOf('(', start);
    const close = matching(code, open);
    if (close < 0) continue;
    const after = code.slice(close + 1).match(/^\s*(.)/s)?.[1];
    if (after === undefined || after === ';' || after === ')' || after === ',') continue;
    const kw = name.startsWith('scoped') ? 'if' : 'while';
    edits.push({ at: close + 1, insert: ')' }, { at: start, insert: `${kw} (` });
  }
  edits.sort((a, b) => b.at - a.at);
  let out = text;
  for (const e of edits) out = out.slice(0, e.at) + e.insert + out.slice(e.at);
  return out;
}

function blankAttributes(text: string): string {
  let out = text.replace(ATTRS, blank);
  const code = codeMask(out);
  for (const m of code.matchAll(/\b__attribute__\s*\(/g)) {
    const open = code.indexOf('(', m.index ?? 0);
    const close = matching(code, open);
    if (close > 0) out = out.slice(0, m.index) + blank(out.slice(m.index, close + 1)) + out.slice(close + 1);
  }
  return out;
}

export function normalise(source: string): Normalised {
  let text = wrapBlockMacros(source);
  const frees = new Map<number, FreeNote[]>();
  const rows = text.split('\n');
  const st: LexState = { inComment: false };
  text = rows
    .map((line, row) => {
      const code = codeOf(line, st);
      let out = line;
      for (const m of code.matchAll(/\b__free\s*\(\s*(\w+)\s*\)/g)) {
        const at = m.index ?? 0;
        frees.set(row, [...(frees.get(row) ?? []), { fn: m[1] as string, col: at }]);
        out = out.slice(0, at) + blank(m[0]) + out.slice(at + m[0].length);
      }
      return out;
    })
    .join('\n');
  return { text: blankAttributes(text), frees };
}

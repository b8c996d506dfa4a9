// Line-level C lexing for the function scanner: blanks out comments, string
// and character literals so that braces, parentheses and column-0 tests see
// only code. It is not a tokenizer: it keeps the line length so columns stay
// meaningful, and carries only one bit of state (inside a block comment)
// from line to line. Used by functions.ts; tree-sitter does the real parse.

export interface LexState {
  inComment: boolean;
}

/** The line with comments and literals replaced by spaces; updates `state`. */
export function codeOf(line: string, state: LexState): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    const next = line[i + 1];
    if (state.inComment) {
      if (c === '*' && next === '/') {
        state.inComment = false;
        out += '  ';
        i += 2;
      } else {
        out += ' ';
        i++;
      }
      continue;
    }
    if (c === '/' && next === '*') {
      state.inComment = true;
      out += '  ';
      i += 2;
    } else if (c === '/' && next === '/') {
      out += ' '.repeat(line.length - i);
      break;
    } else if (c === '"' || c === "'") {
      const end = literalEnd(line, i);
      out += c + ' '.repeat(Math.max(0, end - i - 2)) + (end - i >= 2 ? c : '');
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Index just past the literal that starts at `start` (or the end of the line). */
function literalEnd(line: string, start: number): number {
  const quote = line[start];
  let i = start + 1;
  while (i < line.length) {
    if (line[i] === '\\') i += 2;
    else if (line[i] === quote) return i + 1;
    else i++;
  }
  return line.length;
}

/** Net brace count of a code line (comments and literals already blanked). */
export function braceDelta(code: string): { open: number; close: number } {
  let open = 0;
  let close = 0;
  for (const c of code) {
    if (c === '{') open++;
    else if (c === '}') close++;
  }
  return { open, close };
}

/**
 * Whether a run of lines starts inside a block comment: a `*` + `/` seen
 * before any comment opener means the run began mid-comment (a hunk cut
 * through a comment block).
 */
export function startsInComment(lines: string[]): boolean {
  for (const l of lines.slice(0, 60)) {
    const open = l.indexOf('/*');
    const close = l.indexOf('*/');
    if (close >= 0 && (open < 0 || close < open)) return true;
    if (open >= 0) return false;
  }
  return false;
}

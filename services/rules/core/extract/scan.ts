// Finds C function bodies in a run of source lines by kernel layout: a
// signature starting in column 0, the body's `{` and `}` in column 0, brace
// depth tracked in between. A run is a hunk's post-image lines (it may start
// or end in the middle of a function: git's `@@ … @@ <context>` names the
// function the hunk starts in) or a whole post-image file. It reports which
// functions contain changed lines; functions.ts turns them into C text.
import { braceDelta, codeOf, startsInComment, type LexState } from './lex.js';

export interface Row {
  text: string;
  /** post-image line number; null for text the extractor synthesised */
  line: number | null;
  /** an added line */
  added: boolean;
  /** lines were removed just before this one */
  removedBefore: boolean;
}

export interface Segment {
  name: string | null;
  rows: Row[];
  /** the body's opening `{` is visible */
  startKnown: boolean;
  /** the body's closing `}` is visible */
  endKnown: boolean;
  /** the signature is known only from the hunk header (git's context line) */
  headerSig: string | null;
  /** opening braces missing before the first visible line (a hunk starting in a nested block) */
  missingOpen: number;
  /** braces still open after the last visible line */
  openAtEnd: number;
  changed: boolean;
}

type State = 'top' | 'preproc' | 'sig' | 'body' | 'other';

/** longer lines are scanned only this far (kernel lines are < 100 columns; this bounds hostile input) */
export const MAX_LINE = 2000;

const SIG_NAME = /([A-Za-z_]\w*)\s*\(/;

/** Whether a header/column-0 line looks like the start of a function signature. */
export function looksLikeSignature(code: string): boolean {
  const paren = code.indexOf('(');
  if (paren < 0 || !/^[A-Za-z_]/.test(code)) return false;
  const head = code.slice(0, paren);
  if (/[=;{}]/.test(head) || /^(?:struct|union|enum)\s+\w+\s*$/.test(head.trim())) return false;
  if (/^\s*(?:if|for|while|switch|return)\b/.test(head)) return false;
  return !/;\s*$/.test(code);
}

export function signatureName(code: string): string | null {
  const m = SIG_NAME.exec(code);
  return m ? (m[1] as string) : null;
}

/** A column-0 line that is only a return type (`static struct cxl_region *`), kernel style before the name line. */
const TYPE_LINE = /^[A-Za-z_][\w\s*]*$/;

class Scanner {
  state: State = 'top';
  seg: Segment | null = null;
  /** the previous row, when it may be the return-type line of a signature starting next */
  typeRow: Row | null = null;
  depth = 0;
  minDepth = 0;
  out: Segment[] = [];

  constructor(readonly lex: LexState) {}

  open(name: string | null, startKnown: boolean, headerSig: string | null): Segment {
    this.seg = { name, rows: [], startKnown, endKnown: false, headerSig, missingOpen: 0, openAtEnd: 0, changed: false };
    return this.seg;
  }

  finish(endKnown: boolean): void {
    const s = this.seg;
    if (s) {
      s.endKnown = endKnown;
      if (!s.startKnown) s.missingOpen = Math.max(0, 1 - this.minDepth);
      s.openAtEnd = endKnown ? 0 : Math.max(0, this.depth + s.missingOpen);
      this.out.push(s);
    }
    this.seg = null;
    this.state = 'top';
  }

  row(r: Row): void {
    const code = codeOf(r.text.slice(0, MAX_LINE), this.lex);
    if (r.removedBefore && this.seg && (this.state === 'body' || this.state === 'sig')) this.seg.changed = true;
    this.step(r, code);
  }

  step(r: Row, code: string): void {
    switch (this.state) {
      case 'top':
        return this.top(r, code);
      case 'preproc':
        if (!code.trimEnd().endsWith('\\')) this.state = 'top';
        return;
      case 'sig':
        return this.sig(r, code);
      case 'body':
        return this.body(r, code);
      case 'other': {
        const b = braceDelta(code);
        this.depth += b.open - b.close;
        if (/^\}/.test(code) || this.depth <= 0) this.state = 'top';
      }
    }
  }

  top(r: Row, code: string): void {
    const typeRow = this.typeRow;
    this.typeRow = null;
    if (code.trim() === '' || /^\s/.test(code)) return;
    if (code.startsWith('#')) {
      if (code.trimEnd().endsWith('\\')) this.state = 'preproc';
      return;
    }
    const b = braceDelta(code);
    if (looksLikeSignature(code)) {
      const seg = this.open(signatureName(code), true, null);
      if (typeRow && /^\w+\s*\(/.test(code)) seg.rows.push(typeRow);
      seg.rows.push(r);
      if (r.added) (this.seg as Segment).changed = true;
      this.state = 'sig';
      if (b.open > 0) this.enterBody(code);
      return;
    }
    if (b.open > b.close) {
      this.state = 'other';
      this.depth = b.open - b.close;
    } else if (TYPE_LINE.test(code.trimEnd()) && !/^(?:struct|union|enum)\s+\w+$/.test(code.trim())) this.typeRow = r;
  }

  sig(r: Row, code: string): void {
    const seg = this.seg as Segment;
    if (/^[^\s{]/.test(code) && !/^\)/.test(code)) {
      // a new column-0 line: what we took for a signature was not one
      this.seg = null;
      this.state = 'top';
      return this.top(r, code);
    }
    seg.rows.push(r);
    if (r.added) seg.changed = true;
    if (code.includes('{')) this.enterBody(code);
    else if (/;\s*$/.test(code)) {
      this.seg = null;
      this.state = 'top';
    }
  }

  enterBody(code: string): void {
    const b = braceDelta(code);
    this.state = 'body';
    this.depth = b.open - b.close;
    this.minDepth = this.depth;
    if (this.depth <= 0) this.finish(true);
  }

  body(r: Row, code: string): void {
    const seg = this.seg as Segment;
    seg.rows.push(r);
    if (r.added) seg.changed = true;
    const b = braceDelta(code);
    const closesFunction = /^\}/.test(code);
    this.depth += b.open - b.close;
    if (closesFunction || (seg.startKnown && this.depth <= 0)) return this.finish(true);
    this.minDepth = Math.min(this.minDepth, this.depth);
  }
}

/**
 * Scan one run of rows. `header` is the hunk's context text when the run is a
 * hunk (it may start inside a function), undefined for a whole file.
 */
export function scanRun(rows: Row[], header?: string): Segment[] {
  const lex: LexState = { inComment: header !== undefined && startsInComment(rows.map((r) => r.text)) };
  const sc = new Scanner(lex);
  if (header !== undefined) startInside(sc, rows, header);
  for (const r of rows) sc.row(r);
  if (sc.seg && sc.state === 'body') sc.finish(false);
  else if (sc.seg && sc.state === 'sig' && sc.seg.changed) sc.finish(false);
  return sc.out;
}

/**
 * Whether the first lines of a run finish a parameter list left open by the
 * header: parentheses close before any `;`, `{` or `}`, and the list is
 * followed by nothing, `{` (a definition) or `;` (a prototype).
 */
function continuesParams(rows: Row[], lex: LexState, open: number): boolean {
  const probe: LexState = { inComment: lex.inComment };
  let depth = open;
  let seen = 0;
  for (const r of rows) {
    const code = codeOf(r.text.slice(0, MAX_LINE), probe);
    if (code.trim() === '') continue;
    if (++seen > 8) return false;
    for (let i = 0; i < code.length; i++) {
      const c = code[i];
      if (c === ';' || c === '{' || c === '}') return false;
      if (c === '(') depth++;
      if (c === ')' && --depth === 0) return /^\s*[{;]?\s*$/.test(code.slice(i + 1));
    }
  }
  return false;
}

/** Decide, from the first line of code and the header, whether a hunk starts inside a function. */
function startInside(sc: Scanner, rows: Row[], header: string): void {
  const probe: LexState = { inComment: sc.lex.inComment };
  const first = rows.slice(0, 200).map((r) => codeOf(r.text.slice(0, MAX_LINE), probe)).find((c) => c.trim() !== '');
  if (first === undefined) return;
  const inside = /^\s/.test(first) || first.startsWith('}');
  const headerCode = codeOf(header.slice(0, MAX_LINE), { inComment: false });
  let parens = 0;
  for (const c of headerCode) parens += c === '(' ? 1 : c === ')' ? -1 : 0;
  if (parens > 0 && looksLikeSignature(headerCode) && continuesParams(rows, sc.lex, parens)) {
    // the hunk starts in the middle of the header's parameter list: a definition or a prototype
    sc.open(signatureName(headerCode), true, header.trim());
    sc.state = 'sig';
  } else if (first.startsWith('{') && looksLikeSignature(headerCode)) {
    sc.open(signatureName(headerCode), true, header.trim());
    sc.state = 'sig';
  } else if (inside && looksLikeSignature(headerCode)) {
    sc.open(signatureName(headerCode), false, header.trim());
    sc.state = 'body';
    sc.depth = 1;
    sc.minDepth = 1;
  } else if (inside) {
    sc.state = 'other';
    sc.depth = 1;
  }
}

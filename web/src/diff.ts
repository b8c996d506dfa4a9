// Renders a patch's diff as a table of lines with old/new line numbers.
// Hunks the applier could not place are marked (class hunk-fail, with the
// status and what the tree has there); concerns are inserted after the last
// line they cover, in the file they name. Post-image line numbers are used
// to place concerns, as the rules stage reports them.
import { h } from './dom.js';
import type { Concern, HunkApply } from './api.js';

const OK_HUNK = new Set(['clean', 'offset', 'fuzz', 'already-applied', 'not-checked']);

interface Line {
  kind: 'file' | 'hunk' | 'add' | 'del' | 'ctx' | 'meta';
  text: string;
  file: string;
  oldNo: number | null;
  newNo: number | null;
  /** 1-based hunk number within its file, for hunk headers */
  hunk: number;
}

export function parseDiff(diff: string): Line[] {
  const out: Line[] = [];
  let file = '';
  let hunk = 0;
  let oldNo = 0;
  let newNo = 0;
  for (const text of diff.replace(/\n$/, '').split('\n')) {
    const git = /^diff --git a\/(.*?) b\/(.*)$/.exec(text);
    if (git) {
      file = git[2] ?? '';
      hunk = 0;
      out.push({ kind: 'file', text, file, oldNo: null, newNo: null, hunk });
      continue;
    }
    const plus = /^\+\+\+ (?:b\/)?(.*)$/.exec(text);
    if (plus && out[out.length - 1]?.text.startsWith('--- ')) {
      // a file header (`--- a/x` then `+++ b/x`), also in diffs without `diff --git`
      if (plus[1] !== '/dev/null') file = plus[1] ?? file;
      hunk = 0;
      out.push({ kind: 'meta', text, file, oldNo: null, newNo: null, hunk });
      continue;
    }
    const hh = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (hh) {
      hunk++;
      oldNo = Number(hh[1]);
      newNo = Number(hh[2]);
      out.push({ kind: 'hunk', text, file, oldNo: null, newNo: null, hunk });
    } else if (hunk && text.startsWith('+')) out.push({ kind: 'add', text, file, oldNo: null, newNo: newNo++, hunk });
    else if (hunk && text.startsWith('-')) out.push({ kind: 'del', text, file, oldNo: oldNo++, newNo: null, hunk });
    else if (hunk && text.startsWith(' ')) out.push({ kind: 'ctx', text, file, oldNo: oldNo++, newNo: newNo++, hunk });
    else out.push({ kind: 'meta', text, file, oldNo: null, newNo: null, hunk });
  }
  return out;
}

const sameFile = (a: string | null, b: string) => !!a && (a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`));

/** The index of the line after which each concern is shown. */
function concernAnchors(lines: Line[], concerns: Concern[]): Map<number, Concern[]> {
  const at = new Map<number, Concern[]>();
  for (const c of concerns) {
    const end = c.endLine ?? c.startLine;
    let idx = -1;
    lines.forEach((l, i) => {
      if (sameFile(c.file, l.file) && l.newNo !== null && end !== null && l.newNo <= end) idx = i;
    });
    if (idx < 0) idx = lines.length - 1;
    at.set(idx, [...(at.get(idx) ?? []), c]);
  }
  return at;
}

export function renderDiff(diff: string, hunks: HunkApply[], concerns: Concern[], concernView: (c: Concern) => HTMLElement): HTMLElement {
  const lines = parseDiff(diff);
  const anchors = concernAnchors(lines, concerns);
  const body = h('tbody');
  let failing = false;
  lines.forEach((l, i) => {
    if (l.kind === 'hunk' || l.kind === 'file') {
      const ha = l.kind === 'hunk' ? hunks.find((x) => sameFile(x.file, l.file) && x.hunk === l.hunk) : undefined;
      failing = !!ha && !OK_HUNK.has(ha.status);
      const note = ha ? h('span', { class: `hunk-status ${failing ? 'bad' : 'ok'}` }, `apply: ${ha.status}`) : null;
      const tree = failing && ha?.mismatch?.treeHas.length ? h('pre', { class: 'tree-has' }, `tree has at line ${ha.mismatch.expectedAt}:\n${ha.mismatch.treeHas.join('\n')}`) : null;
      body.append(h('tr', { class: `${l.kind}${failing ? ' hunk-fail' : ''}` }, h('td', { class: 'ln' }), h('td', { class: 'ln' }), h('td', { class: 'code' }, l.text, note ? ' ' : '', note, tree)));
    } else {
      const inConcern = concerns.some((c) => sameFile(c.file, l.file) && l.newNo !== null && c.startLine !== null && l.newNo >= c.startLine && l.newNo <= (c.endLine ?? c.startLine));
      const cls = [l.kind, failing ? 'in-fail' : '', inConcern ? 'concern-line' : ''].filter(Boolean).join(' ');
      body.append(h('tr', { class: cls, 'data-new': l.newNo ?? '', 'data-file': l.file }, h('td', { class: 'ln' }, l.oldNo ?? ''), h('td', { class: 'ln' }, l.newNo ?? ''), h('td', { class: 'code' }, l.text)));
    }
    for (const c of anchors.get(i) ?? []) body.append(h('tr', { class: 'concern-row' }, h('td', { colspan: 3 }, concernView(c))));
  });
  return h('table', { class: 'diff' }, body);
}

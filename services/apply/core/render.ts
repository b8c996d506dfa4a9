// Plain-text rendering of an apply run for the command line: verdict, tree,
// base and how it was chosen, then per patch and per failing or moved hunk
// the details (mismatching lines and what the tree has there), then blob-chain
// breaks. Pure: takes the result value, returns text.
import { VERDICTS, type HunkResult, type PatchResult, type SeriesCheck } from './outcomes.js';

const short = (id: string | null): string => (id ? id.slice(0, 12) : '-');

function hunkLines(h: HunkResult): string[] {
  const header = h.header.length > 90 ? `${h.header.slice(0, 87)}...` : h.header;
  const head = `      ${h.file} hunk ${h.hunk} ${header}`;
  switch (h.status) {
    case 'clean':
      return [];
    case 'offset':
      return [`${head}: offset ${h.offset! > 0 ? '+' : ''}${h.offset} (applied at line ${h.appliedAt})`];
    case 'fuzz':
      return [`${head}: fuzz ${h.fuzz} (applied at line ${h.appliedAt}, offset ${h.offset})`];
    case 'conflict': {
      const out = [`${head}: conflict${h.note ? ` (${h.note})` : ''}`];
      const m = h.mismatch;
      if (m) {
        out.push(`        expected at line ${m.expectedAt}: ${m.differingCount} of ${m.preimageLines} pre-image lines differ`);
        for (const d of m.differing.slice(0, 8)) {
          out.push(`        line ${d.line}  patch expects: ${JSON.stringify(d.expected)}`);
          out.push(`        ${' '.repeat(String(d.line).length + 5)}  tree has:      ${d.actual === null ? '(end of file)' : JSON.stringify(d.actual)}`);
        }
        if (m.closest) out.push(`        closest match: line ${m.closest.line} (${m.closest.matching} of ${m.preimageLines} lines)`);
      }
      return out;
    }
    default:
      return [`${head}: ${h.status}${h.note ? ` (${h.note})` : ''}`];
  }
}

function patchLines(p: PatchResult, total: number): string[] {
  const out = [`  [${p.index}/${total}] ${p.status.padEnd(17)} ${p.subject}`, `      ${p.reason}`];
  for (const h of p.hunks) out.push(...hunkLines(h));
  return out;
}

export function renderRun(run: SeriesCheck & { id?: number; createdAt?: Date }, title: string): string {
  const out: string[] = [title];
  out.push(`verdict: ${run.verdict} — ${VERDICTS[run.verdict]}${run.firstFailing !== null ? ` (first failing patch: ${run.firstFailing})` : ''}`);
  if (run.error) out.push(`note: ${run.error}`);
  if (run.tree) out.push(`tree: ${run.tree.name} (${run.tree.path}, branch ${run.tree.branch}) at ${short(run.treeHead)}`);
  out.push(`base: ${short(run.base.commit)} (${run.base.method})${run.base.note ? ` — ${run.base.note}` : ''}`);
  const total = run.patches.length;
  for (const p of run.patches) out.push(...patchLines(p, total));
  if (run.blobChainBreaks.length === 0) out.push('blob chain: consistent');
  for (const b of run.blobChainBreaks) {
    out.push(`blob chain break: ${b.file}: patch ${b.later} expects ${b.laterPre} but patch ${b.earlier} produces ${b.earlierPost}`);
  }
  if (run.id !== undefined) out.push(`run ${run.id}${run.createdAt ? ` at ${run.createdAt.toISOString()}` : ''}`);
  return out.join('\n') + '\n';
}

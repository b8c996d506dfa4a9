// Test helper: the four patches of the seed RFC, read straight from the
// corpus mbox (no database), and a way to find the post-image line of a
// given text in a patch, for hand-written effect fixtures.
import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { parseHunks } from '../../services/rules/core/diff.js';

export interface SeedPatch {
  index: number;
  subject: string;
  diff: string;
}

export const SEED_MBOX = new URL('../fixtures/corpus/cxl-region-attach-rfc.mbox', import.meta.url);

export async function seedPatches(): Promise<SeedPatch[]> {
  const text = readFileSync(SEED_MBOX, 'utf8');
  const parts = text.split(/^From mboxrd@z .*\n/m).filter((p) => p.trim());
  const out: SeedPatch[] = [];
  for (const raw of parts) {
    const mail = await simpleParser(raw);
    const m = /^\[RFC PATCH (\d+)\/4\]/.exec(mail.subject ?? '');
    if (!m || m[1] === '0') continue;
    const body = mail.text ?? '';
    const start = body.search(/^diff --git /m);
    const end = body.lastIndexOf('\n-- \n');
    out.push({ index: Number(m[1]), subject: mail.subject ?? '', diff: body.slice(start, end > start ? end + 1 : undefined) });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Post-image line of the first hunk line in `file` containing `text` (after `after`, when given). */
export function lineOf(diff: string, file: string, text: string, after = 0): number {
  for (const h of parseHunks(diff)) {
    if (h.file !== file) continue;
    for (const l of h.lines) if (l.newLine !== null && l.newLine > after && l.text.includes(text)) return l.newLine;
  }
  throw new Error(`no line with ${JSON.stringify(text)} in ${file}`);
}

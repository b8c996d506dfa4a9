// Test helpers: the seed series' patch diffs (from the corpus mbox), a shared
// parser, and small finders over extracted effects.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Parser } from 'web-tree-sitter';
import type { Effect, FunctionEffects } from '../../../services/model/core/effects.js';
import { loadCParser } from '../../../services/rules/adapters/tree-sitter.js';
import { extractPatch, type ExtractResult } from '../../../services/rules/core/extract/index.js';

const MBOX = fileURLToPath(new URL('../../fixtures/corpus/cxl-region-attach-rfc.mbox', import.meta.url));

/** The diff of seed patch n (1..4), exactly as mailed. */
export function seedDiff(n: number): string {
  const mails = readFileSync(MBOX, 'utf8').split(/^From mboxrd@z .*$/m);
  const mail = mails.find((m) => new RegExp(`^Subject: \\[RFC PATCH ${n}/4\\]`, 'm').test(m));
  if (!mail) throw new Error(`seed patch ${n} not found`);
  return mail.slice(mail.indexOf('diff --git'), mail.lastIndexOf('\n-- \n') + 1);
}

export function parser(): Promise<Parser> {
  return loadCParser();
}

export async function extractSeed(n: number, postImages?: Record<string, string>): Promise<ExtractResult> {
  return extractPatch(await parser(), seedDiff(n), postImages);
}

export function fn(r: ExtractResult, name: string): FunctionEffects {
  const f = r.functions.find((x) => x.name === name);
  if (!f) throw new Error(`${name} not extracted (have: ${r.functions.map((x) => x.name).join(', ')})`);
  return f;
}

/** Every effect, depth first, including those inside if branches. */
export function flat(body: Effect[]): Effect[] {
  const out: Effect[] = [];
  const stack = [...body].reverse();
  while (stack.length > 0) {
    const e = stack.pop() as Effect;
    out.push(e);
    if (e.op === 'if') stack.push(...[...e.else].reverse(), ...[...e.then].reverse());
  }
  return out;
}

/** Drop locations and `via` texts: what the model acts on. */
export function bare(e: unknown): unknown {
  return JSON.parse(JSON.stringify(e, (k, v) => (k === 'loc' || k === 'via' ? undefined : v)));
}

/** The ops of a body, top level only. */
export const ops = (body: Effect[]): string[] => body.map((e) => e.op);

/** A diff adding `text` as a new file: every line is an added line numbered from 1. */
export function newFileDiff(file: string, text: string): string {
  const ls = text.replace(/\n$/, '').split('\n');
  return [`diff --git a/${file} b/${file}`, 'new file mode 100644', '--- /dev/null', `+++ b/${file}`,
    `@@ -0,0 +1,${ls.length} @@`, ...ls.map((l) => `+${l}`)].join('\n') + '\n';
}

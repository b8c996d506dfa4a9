// The JSON of a concern, as `series show --json` and `analyze --json` show
// it: one typed presenter with an explicit field list (house style 5).
import type { TraceStepJson } from './model-rules.js';

export interface ConcernJson {
  rule: string;
  severity: string;
  file: string | null;
  lines: [number, number] | null;
  summary: string;
  trace: TraceStepJson[];
}

export interface ConcernDetailJson extends ConcernJson {
  patch: number | null;
  hunk: number | null;
  origin: string;
  explanation: string;
  fingerprint: string;
}

interface ConcernLike {
  rule: string;
  severity: string;
  file: string | null;
  startLine: number | null;
  endLine: number | null;
  summary: string;
  trace: unknown;
}

export function presentConcern(c: ConcernLike): ConcernJson {
  return {
    rule: c.rule,
    severity: c.severity,
    file: c.file,
    lines: c.startLine !== null && c.endLine !== null ? [c.startLine, c.endLine] : null,
    summary: c.summary,
    trace: Array.isArray(c.trace) ? (c.trace as TraceStepJson[]) : [],
  };
}

export function presentConcernDetail(
  c: ConcernLike & { hunkIndex: number | null; origin: string; explanation: string; fingerprint: string },
  patch: number | null,
): ConcernDetailJson {
  return { ...presentConcern(c), patch, hunk: c.hunkIndex, origin: c.origin, explanation: c.explanation, fingerprint: c.fingerprint };
}

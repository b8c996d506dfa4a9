// Every background job, by name. Both runners and the event pump read this.
import type { JobDef } from './types.js';
import { supersedeJob } from './supersede.js';
import { analyzeJob, applyJob, ingestJob, ledgerJob, sweepJob } from './stages.js';

export const JOBS: JobDef[] = [supersedeJob, applyJob, analyzeJob, ledgerJob, ingestJob, sweepJob] as unknown as JobDef[];

export function jobByName(name: string): JobDef | undefined {
  return JOBS.find((j) => j.name === name);
}

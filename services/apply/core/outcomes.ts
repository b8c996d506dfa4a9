// The documented outcome enums of the patch applier and the result shapes it
// produces. Everything the applier reports (CLI, API, stored rows) uses these
// names; docs for each value live right here. Pure types and small helpers,
// no I/O.

/** Outcome of one hunk of one patch. */
export const HUNK_STATUSES = {
  clean: 'applies at the line the hunk header names',
  offset: 'applies unchanged, but at another line (offset = lines moved)',
  fuzz: 'applies only with reduced context (fuzz = context lines ignored)',
  conflict: 'the pre-image does not match the tree; mismatch shows what the tree has',
  'already-applied': 'the reverse of the hunk applies: the change is already in the tree',
  'file-missing': 'the file the hunk changes does not exist in the tree',
  'file-exists': 'the hunk creates a file that already exists in the tree',
  binary: 'a binary change that cannot be checked hunk by hunk',
  'not-checked': 'not checked on its own (the patch applied as a whole with a 3-way merge)',
} as const;
export type HunkStatus = keyof typeof HUNK_STATUSES;

/** Outcome of one patch of a series. */
export const PATCH_STATUSES = {
  clean: 'every hunk applies exactly where its header says',
  offset: 'applies; some hunks moved by a number of lines',
  fuzz: 'applies only with reduced context on some hunk (and no clean 3-way merge was possible)',
  'three-way': 'does not apply directly, but a 3-way merge against its pre-image blobs is clean',
  conflict: 'does not apply; the failing hunks say where and why',
  'already-applied': 'the reverse applies: the tree already has this change',
  'file-missing': 'a file the patch changes does not exist in the tree',
  binary: 'a binary change without data that git can apply',
  'depends-on-failed': 'does not apply, and touches a file an earlier failed patch of the series touches',
  rejected: 'refused before git saw it: unsafe path, symlink escape or over the size limits',
  malformed: 'the diff cannot be parsed (git or patchlens says where)',
  error: 'git itself failed (missing binary, corrupt repository, time limit); reason says which',
} as const;
export type PatchStatus = keyof typeof PATCH_STATUSES;

/** Verdict of a series against a tree. */
export const VERDICTS = {
  'no-tree': 'no git tree is configured for the series (or the tree named does not exist)',
  'no-patches': 'the series has no patches to check',
  clean: 'every patch applies exactly',
  'applies-with-offsets': 'every patch applies; some hunks moved',
  'applies-with-fuzz': 'every patch applies; some only with reduced context',
  'applies-with-3way': 'every patch applies; some only with a 3-way merge',
  'already-applied': 'every patch is already in the tree',
  fails: 'some patch does not apply (see firstFailing)',
  error: 'the check could not run: git failed or no base could be resolved; error says why',
} as const;
export type Verdict = keyof typeof VERDICTS;

/** How the base commit was chosen. */
export const BASE_METHODS = {
  'base-commit': 'the series names it (base-commit: line) and the tree has it',
  guess: 'newest commit in the window where every pre-image blob exists at its path',
  'branch-head': 'fallback: the head of the tree branch',
  none: 'no base (no tree, or the tree could not be read)',
} as const;
export type BaseMethod = keyof typeof BASE_METHODS;

/** One line of a hunk pre-image compared with what the tree has at that place. */
export interface LineCompare {
  /** line number in the tree's file (1-based) */
  line: number;
  expected: string;
  /** null when the file ends before this line */
  actual: string | null;
}

/** Why a hunk did not apply: the pre-image compared with the tree at the expected place. */
export interface Mismatch {
  /** line the hunk expected its pre-image to start at, in the file as it stands */
  expectedAt: number;
  /** pre-image lines that differ, with what the tree has there (capped) */
  differing: LineCompare[];
  /** how many pre-image lines differ in total */
  differingCount: number;
  preimageLines: number;
  /** the tree's lines at the expected place (capped) */
  treeHas: string[];
  /** best place elsewhere in the file, when one matches more lines */
  closest: { line: number; matching: number } | null;
}

export interface HunkResult {
  file: string;
  /** 1-based, within the file section of the patch */
  hunk: number;
  header: string;
  status: HunkStatus;
  /** line it applied at, when it applied (in the file as patched so far, like git's "succeeded at") */
  appliedAt?: number;
  /** lines away from where the header (and the earlier hunks) put it */
  offset?: number;
  /** context lines that had to be ignored */
  fuzz?: number;
  mismatch?: Mismatch;
  /** git's words when they say more than the status (e.g. "beyond a symbolic link") */
  note?: string;
}

export interface PatchResult {
  /** position of the patch in the series (n of n/N) */
  index: number;
  patchId?: number;
  subject: string;
  status: PatchStatus;
  /** one sentence a maintainer can read */
  reason: string;
  files: string[];
  hunks: HunkResult[];
  /** for depends-on-failed: indices of the earlier failed patches */
  dependsOn?: number[];
}

export interface BlobChainBreak {
  file: string;
  earlier: number;
  later: number;
  /** post-image blob of the earlier patch */
  earlierPost: string;
  /** pre-image blob the later patch expects */
  laterPre: string;
}

export interface BaseChoice {
  commit: string | null;
  method: BaseMethod;
  /** what was tried and why it was not taken, e.g. a base-commit the tree lacks */
  note: string | null;
}

export interface TreeRef {
  name: string;
  path: string;
  branch: string;
}

/** The full outcome of checking one series against one tree. */
export interface SeriesCheck {
  verdict: Verdict;
  /** index of the first patch that did not apply, or null */
  firstFailing: number | null;
  tree: TreeRef | null;
  treeHead: string | null;
  base: BaseChoice;
  patches: PatchResult[];
  blobChainBreaks: BlobChainBreak[];
  /** set when verdict is error */
  error: string | null;
}

/** Patch statuses after which the patch's change is in the scratch index. */
export const APPLIED_STATUSES: ReadonlySet<PatchStatus> = new Set<PatchStatus>([
  'clean',
  'offset',
  'fuzz',
  'three-way',
  'already-applied',
]);

export function isFailure(status: PatchStatus): boolean {
  return !APPLIED_STATUSES.has(status);
}

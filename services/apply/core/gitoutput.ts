// Reads what `git apply -v` writes to stderr (with LC_ALL=C) into facts the
// applier can classify: per file section, which hunks moved or needed reduced
// context, which files were missing or already present, whether the patch was
// corrupt. git's message texts are stable facts of its C locale; unknown lines
// are kept in `other` so nothing is silently lost. Pure.

export interface HunkPlacement {
  /** 1-based line the hunk applied at */
  appliedAt: number;
  /** git's reported offset (0 when git printed no "succeeded at" line) */
  offset: number;
  /** context kept, when git had to reduce it */
  reduced: { leading: number; trailing: number } | null;
}

export interface ApplyReport {
  /** per file section in patch order: hunk number → placement, for hunks git reported */
  sections: Map<number, HunkPlacement>[];
  missing: string[];
  exists: string[];
  /** "patch failed: file:line" */
  failed: { file: string; line: number }[];
  beyondSymlink: string[];
  binary: string[];
  /** files a 3-way merge left with conflicts */
  conflicted: string[];
  /** corrupt or unparsable patch, with git's words */
  corrupt: string | null;
  other: string[];
}

function stripQuotes(s: string): string {
  return s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1) : s;
}

/** Lines starting a section, a hunk placement or a reduced-context note. */
function placementLine(line: string, r: ApplyReport, last: { hunk: number | null }): boolean {
  if (/^Checking patch .*\.\.\.$/.test(line)) {
    r.sections.push(new Map());
    last.hunk = null;
    return true;
  }
  const cur = r.sections[r.sections.length - 1];
  const ok = line.match(/^Hunk #(\d+) succeeded at (\d+)(?: \(offset (-?\d+) lines?\))?\.$/);
  if (ok && cur) {
    cur.set(Number(ok[1]), { appliedAt: Number(ok[2]), offset: Number(ok[3] ?? 0), reduced: null });
    last.hunk = Number(ok[1]);
    return true;
  }
  const red = line.match(/^Context reduced to \((\d+)\/(\d+)\) to apply fragment at (\d+)$/);
  if (red && cur) {
    const reduced = { leading: Number(red[1]), trailing: Number(red[2]) };
    const at = Number(red[3]);
    const prev = last.hunk === null ? undefined : cur.get(last.hunk);
    if (prev && prev.appliedAt === at) prev.reduced = reduced;
    else cur.set(-(cur.size + 1), { appliedAt: at, offset: 0, reduced }); // hunk number unknown
    last.hunk = null;
    return true;
  }
  if (!line.startsWith('Hunk #')) last.hunk = null;
  return false;
}

function errorLine(line: string, r: ApplyReport): boolean {
  let m: RegExpMatchArray | null;
  if ((m = line.match(/^error: (.*): does not exist in index$/))) r.missing.push(m[1]!);
  else if ((m = line.match(/^error: (.*): already exists in index$/))) r.exists.push(m[1]!);
  else if ((m = line.match(/^error: patch failed: (.*):(\d+)$/))) r.failed.push({ file: m[1]!, line: Number(m[2]) });
  else if ((m = line.match(/^error: affected file (.*) is beyond a symbolic link$/))) r.beyondSymlink.push(stripQuotes(m[1]!));
  else if ((m = line.match(/^error: (?:cannot apply binary patch to|binary patch does not apply to|binary patch to) (.*?)(?: without full index line| creates incorrect result.*)?$/)))
    r.binary.push(stripQuotes(m[1]!));
  else if ((m = line.match(/^Applied patch to (.*) with conflicts\.$/))) r.conflicted.push(stripQuotes(m[1]!));
  else if ((m = line.match(/^(?:error|fatal): (corrupt patch at line \d+|No valid patches in input.*|patch fragment without header at line \d+.*|git diff header lacks filename information.*|unrecognized input|.*: bad git-diff.*)$/)))
    r.corrupt = r.corrupt ?? m[1]!;
  else return false;
  return true;
}

export function parseApplyOutput(stderr: string): ApplyReport {
  const r: ApplyReport = { sections: [], missing: [], exists: [], failed: [], beyondSymlink: [], binary: [], conflicted: [], corrupt: null, other: [] };
  const last = { hunk: null as number | null };
  const lines = stderr.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    if (placementLine(line, r, last) || errorLine(line, r)) continue;
    if (line === 'error: while searching for:') {
      // the pre-image git looked for follows (it may hold empty lines), up to "patch failed"
      let j = i + 1;
      while (j < lines.length && !/^error: patch failed: /.test(lines[j]!)) j++;
      if (j < lines.length) i = j - 1;
      continue;
    }
    if (/^(Applied patch .* cleanly\.|Applied patch to .* cleanly\.|Performing three-way merge\.\.\.|Falling back to direct application\.\.\.|Falling back to three-way merge\.\.\.|Skipped patch .*|U .*)$/.test(line)) continue;
    if (/^error: .*: patch does not apply$/.test(line)) continue;
    r.other.push(line);
  }
  return r;
}

import { describe, expect, it } from 'vitest';
import { parseApplyOutput } from '../../../services/apply/core/gitoutput.js';

describe('parseApplyOutput', () => {
  it('reads offsets and reduced context per file section', () => {
    const r = parseApplyOutput(
      [
        'Checking patch a.c...',
        'Hunk #2 succeeded at 40 (offset 5 lines).',
        'Checking patch b.c...',
        'Hunk #1 succeeded at 14 (offset -1 line).',
        'Context reduced to (1/1) to apply fragment at 14',
        'Applied patch a.c cleanly.',
        'Applied patch b.c cleanly.',
      ].join('\n'),
    );
    expect(r.sections).toHaveLength(2);
    expect(r.sections[0]!.get(2)).toEqual({ appliedAt: 40, offset: 5, reduced: null });
    expect(r.sections[1]!.get(1)).toEqual({ appliedAt: 14, offset: -1, reduced: { leading: 1, trailing: 1 } });
    expect(r.other).toEqual([]);
  });
  it('reads failures: searched-for text, missing files, corrupt patches, symlinks, 3-way conflicts', () => {
    const r = parseApplyOutput(
      [
        'Checking patch f.txt...',
        'error: while searching for:',
        '7',
        '',
        '8',
        'Hunk #1 lookalike line inside the searched text',
        '',
        'error: patch failed: f.txt:7',
        'error: f.txt: patch does not apply',
        'error: gone.c: does not exist in index',
        'error: new.c: already exists in index',
        "error: affected file 'l/x' is beyond a symbolic link",
        'error: corrupt patch at line 12',
        "Applied patch to 'f.txt' with conflicts.",
        'U f.txt',
        'error: something new',
      ].join('\n'),
    );
    expect(r.failed).toEqual([{ file: 'f.txt', line: 7 }]);
    expect(r.missing).toEqual(['gone.c']);
    expect(r.exists).toEqual(['new.c']);
    expect(r.beyondSymlink).toEqual(['l/x']);
    expect(r.corrupt).toBe('corrupt patch at line 12');
    expect(r.conflicted).toEqual(['f.txt']);
    expect(r.other).toEqual(['error: something new']);
  });
});

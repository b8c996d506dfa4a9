import { describe, expect, it } from 'vitest';
import { decideBase, guessBase, validRefName } from '../../../services/apply/core/base.js';

describe('base decision', () => {
  const facts = { named: null, namedResolved: null, guessed: null, guessWindow: 100, requirements: 2, branch: 'main', branchHead: 'h'.repeat(40) };
  it('prefers the base-commit the tree has', () => {
    expect(decideBase({ ...facts, named: 'abcdef1', namedResolved: 'abcdef1'.padEnd(40, '0'), guessed: 'g' })).toMatchObject({ method: 'base-commit', note: null });
  });
  it('reports a base-commit the tree lacks, then takes the guess', () => {
    const b = decideBase({ ...facts, named: 'ccabeb15ced4', guessed: 'g'.repeat(40) });
    expect(b).toMatchObject({ method: 'guess', commit: 'g'.repeat(40) });
    expect(b.note).toMatch(/base-commit ccabeb15ced4 is not in the tree/);
  });
  it('falls back to the branch head and says why', () => {
    const b = decideBase({ ...facts, named: 'ccabeb15ced4' });
    expect(b.method).toBe('branch-head');
    expect(b.note).toMatch(/not in the tree; no commit among the last 100 of main has all 2 pre-image blobs/);
    expect(decideBase({ ...facts, named: '--upload-pack=x' }).note).toMatch(/is not a commit id/);
    expect(decideBase({ ...facts, branchHead: null }).method).toBe('none');
  });
  it('guesses the newest commit carrying every pre-image blob', () => {
    const blobs: Record<string, string> = { 'c3:a': 'aaaa1111', 'c3:b': 'bbbb9999', 'c2:a': 'aaaa1111', 'c2:b': 'bbbb2222', 'c1:a': 'aaaa1111', 'c1:b': 'bbbb2222' };
    const input = { commits: ['c3', 'c2', 'c1'], requirements: [{ path: 'a', blob: 'aaaa111' }, { path: 'b', blob: 'bbbb222' }], blobAt: (c: string, p: string) => blobs[`${c}:${p}`] ?? null };
    expect(guessBase(input)).toBe('c2');
    expect(guessBase({ ...input, requirements: [{ path: 'z', blob: '1234567' }] })).toBeNull();
    expect(guessBase({ ...input, requirements: [] })).toBeNull();
  });
  it('validates ref names strictly', () => {
    for (const ok of ['main', 'for-7.1/cxl-type2-support', 'origin/next', 'HEAD']) expect(validRefName(ok), ok).toBe(true);
    for (const bad of ['-b', '--upload-pack=evil', 'a..b', 'a b', 'x.lock', 'a@{1}', '', 'a/', '/a']) expect(validRefName(bad), bad).toBe(false);
  });
});

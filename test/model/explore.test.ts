// The generic explorer on a toy model: breadth-first, shortest counterexample
// per invariant and per violation detail, depth bound, skipped steps.
import { describe, expect, it } from 'vitest';
import { explore, type Model } from '../../services/model/core/explore.js';

type S = { a: number; b: number };
type A = 'incA' | 'incB' | 'jump';

function toy(limit = 5): Model<S, A> {
  return {
    init: () => [{ a: 0, b: 0 }],
    enabled: (s) => (['incA', 'incB', 'jump'] as A[]).filter((x) => (x === 'incA' ? s.a < limit : x === 'incB' ? s.b < limit : s.a === 0)),
    next: (s, x) => (x === 'incA' ? { a: s.a + 1, b: s.b } : x === 'incB' ? { a: s.a, b: s.b + 1 } : s.b > 2 ? null : { a: 3, b: s.b }),
    key: (s) => `${s.a},${s.b}`,
    describe: (x) => x,
    invariants: [
      { id: 'a-small', title: 'a < 3', holds: (s) => s.a < 3, details: (s) => [`a=${s.a}`] },
      { id: 'sum-small', title: 'a + b < 4', holds: (s) => s.a + s.b < 4 },
      { id: 'never', title: 'b < 99', holds: (s) => s.b < 99 },
    ],
  };
}

describe('explore', () => {
  it('visits every distinct state and finds shortest counterexamples', () => {
    const r = explore(toy(), { depth: 20 });
    expect(r.distinct).toBe(36);
    expect(r.complete).toBe(true);
    expect(r.verdicts).toEqual({ 'a-small': 'violated', 'sum-small': 'violated', never: 'holds' });
    expect(r.counterexamples['a-small']?.steps).toEqual(['jump']);
    expect(r.counterexamples['sum-small']?.steps).toEqual(['incB', 'jump']);
    // one shortest trace per detail: a=4 needs jump then incA
    expect(r.violations['a-small|a=4']?.steps).toEqual(['jump', 'incA']);
    expect(r.skipped).toBeGreaterThan(0);
  });

  it('stops at the depth bound and says the space is incomplete', () => {
    const r = explore(toy(), { depth: 2 });
    expect(r.depthReached).toBe(2);
    expect(r.complete).toBe(false);
    expect(r.distinct).toBe(9); // (0,0); (1,0) (0,1) (3,0); (2,0) (1,1) (0,2) (3,1) (4,0)
  });
});

describe('symmetry reduction', () => {
  it('merges states the canonical hook maps together', () => {
    const m = toy();
    const sym = { ...m, canonical: (s: S): S => (s.a <= s.b ? s : { a: s.b, b: s.a }) };
    const full = explore(m, { depth: 20 });
    const reduced = explore(sym, { depth: 20 });
    expect(reduced.distinct).toBeLessThan(full.distinct);
    expect(reduced.distinct).toBe(21); // unordered pairs {a,b} of 0..5
  });
});

import { describe, expect, it } from 'vitest';
import { ancestors, buildThreadTree, declaredRoot, knownParent, parentMap } from '../../../services/ingest/core/threading.js';

const m = (messageId: string, inReplyTo: string[] = [], references: string[] = []) => ({ messageId, inReplyTo, references });

describe('threading', () => {
  it('prefers a known In-Reply-To, then the nearest known reference', () => {
    expect(knownParent(m('c', ['b'], ['a', 'b']), new Set(['a', 'b']))).toBe('b');
    expect(knownParent(m('c', ['missing'], ['a', 'missing']), new Set(['a']))).toBe('a');
    expect(knownParent(m('c', ['x', 'b']), new Set(['b']))).toBe('b');
    expect(knownParent(m('c', ['x'], ['y']), new Set())).toBeNull();
  });
  it('a missing parent leaves the message attached to the nearest known ancestor', () => {
    const tree = parentMap(buildThreadTree([m('a'), m('c', ['b'], ['a', 'b'])]));
    expect(tree.get('c')).toBe('a');
  });
  it('breaks reference loops without recursion', () => {
    const nodes = buildThreadTree([m('a', ['b']), m('b', ['c']), m('c', ['a'])]);
    const parents = parentMap(nodes);
    expect(nodes.filter((n) => n.parent === null).length).toBeGreaterThanOrEqual(1);
    for (const n of nodes) expect(ancestors(n.messageId, parents)).not.toContain(n.messageId);
  });
  it('ignores a message that names itself', () => {
    expect(buildThreadTree([m('a', ['a'], ['a'])])[0]!.parent).toBeNull();
  });
  it('walks a deep chain iteratively', () => {
    const items = Array.from({ length: 20000 }, (_, i) => m(`m${i}`, i ? [`m${i - 1}`] : []));
    const parents = parentMap(buildThreadTree(items));
    expect(ancestors('m19999', parents)).toHaveLength(19999);
  });
  it('declaredRoot: first reference, else first In-Reply-To, else itself', () => {
    expect(declaredRoot(m('c', ['b'], ['a', 'b']))).toBe('a');
    expect(declaredRoot(m('c', ['b']))).toBe('b');
    expect(declaredRoot(m('c'))).toBe('c');
  });
});

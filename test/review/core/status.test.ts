import { describe, expect, it } from 'vitest';
import { canTransition, IllegalTransitionError, replay, transition, TRANSITIONS } from '../../../services/review/core/status.js';
import { COMMENT_STATUSES } from '../../../services/review/core/types.js';

describe('comment status machine', () => {
  it('lets the ledger answer, acknowledge, dispute and address on its own', () => {
    expect(canTransition('open', 'answered', 'auto')).toBe(true);
    expect(canTransition('answered', 'acknowledged', 'auto')).toBe(true);
    expect(canTransition('answered', 'disputed', 'auto')).toBe(true);
    expect(canTransition('disputed', 'addressed', 'auto')).toBe(true);
  });

  it('leaves dismissing and reopening to people', () => {
    expect(canTransition('open', 'dismissed', 'auto')).toBe(false);
    expect(canTransition('open', 'dismissed', 'manual')).toBe(true);
    expect(canTransition('dismissed', 'open', 'auto')).toBe(false);
    expect(canTransition('dismissed', 'open', 'manual')).toBe(true);
  });

  it('never lets the ledger skip the answer or resurrect a settled comment', () => {
    expect(canTransition('open', 'acknowledged', 'auto')).toBe(false);
    expect(canTransition('addressed', 'answered', 'auto')).toBe(false);
    expect(canTransition('dismissed', 'answered', 'auto')).toBe(false);
  });

  it('raises a typed error on an illegal move', () => {
    expect(() => transition('open', 'acknowledged', 'auto', 'x', {})).toThrow(IllegalTransitionError);
    try {
      transition('dismissed', 'answered', 'auto', 'x', {});
    } catch (e) {
      expect(e).toMatchObject({ code: 'PL_ERR_CONFLICT', from: 'dismissed', to: 'answered', by: 'auto' });
    }
  });

  it('marks manual events and replays a history', () => {
    const e = transition('answered', 'dismissed', 'manual', 'maintainer@example.org', { note: 'not a bug' });
    expect(e.evidence).toEqual({ note: 'not a bug', manual: true });
    expect(replay([{ from: null, to: 'open', actor: 'a', evidence: {} }, e])).toBe('dismissed');
  });

  it('has no self-loops and only known states in the table', () => {
    for (const t of TRANSITIONS) {
      expect(t.from).not.toBe(t.to);
      expect(COMMENT_STATUSES).toContain(t.from);
      expect(COMMENT_STATUSES).toContain(t.to);
    }
    // every state can be left by hand
    for (const s of COMMENT_STATUSES) expect(TRANSITIONS.some((t) => t.from === s && t.by.includes('manual'))).toBe(true);
  });
});

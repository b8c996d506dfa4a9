import { describe, expect, it } from 'vitest';
import { changeIdFromMessageId, findPrevious, linkVersions, normaliseChangeId, type VersionCandidate } from '../../../services/ingest/core/versions.js';

const c = (id: number, version: number, over: Partial<VersionCandidate> = {}): VersionCandidate => ({
  id, version, title: 'foo: bar', submitter: '1', date: new Date(Date.UTC(2026, 0, id)), changeId: null, messageIds: [`m${id}`], replyTo: null, supersedes: [], ...over,
});

describe('version linking', () => {
  it('same title and submitter: the highest older version', () => {
    const links = linkVersions([c(1, 1), c(2, 2), c(3, 3)]);
    expect(links.get(3)).toEqual({ previous: 2, method: 'subject' });
    expect(links.get(2)).toEqual({ previous: 1, method: 'subject' });
    expect(links.get(1)).toEqual({ previous: null, method: null });
  });
  it('another submitter with the same title is not a version', () => {
    expect(findPrevious(c(2, 2), [c(1, 1, { submitter: '9' })]).previous).toBeNull();
  });
  it('a changed title is linked by change-id, Supersedes or In-Reply-To', () => {
    const older = c(1, 1, { title: 'cxl/mbox: Fix debug message print', changeId: normaliseChangeId('20230731-cxl-fix-3b57da0e956c') });
    expect(findPrevious(c(2, 2, { title: 'CXL/events: other', changeId: normaliseChangeId('20230731-cxl-fix-0123456789ab') }), [older])).toEqual({ previous: 1, method: 'change-id' });
    expect(findPrevious(c(2, 2, { title: 'other', supersedes: ['m1'] }), [older])).toEqual({ previous: 1, method: 'supersedes' });
    expect(findPrevious(c(2, 2, { title: 'other', replyTo: 'm1', supersedes: ['m1'] }), [older])).toEqual({ previous: 1, method: 'in-reply-to' });
  });
  it('a manual decision stands', () => {
    expect(findPrevious(c(3, 3, { manual: { previous: null } }), [c(2, 2)])).toEqual({ previous: null, method: 'manual' });
  });
  it('never links to a newer posting or the same version', () => {
    expect(findPrevious(c(1, 2), [c(2, 1)]).previous).toBeNull();
    expect(findPrevious(c(2, 1), [c(1, 1)]).previous).toBeNull();
  });
  it('reads the b4 change-id out of a Message-ID', () => {
    expect(changeIdFromMessageId('20230731-cxl-fix-clear-event-debug-print-v2-1-9bdd08d386e9@intel.com')).toBe('20230731-cxl-fix-clear-event-debug-print');
    expect(normaliseChangeId('20230731-cxl-fix-clear-event-debug-print-3b57da0e956c')).toBe('20230731-cxl-fix-clear-event-debug-print');
    expect(changeIdFromMessageId('20260403210050.1058650-1-dan.j.williams@intel.com')).toBeNull();
  });
});

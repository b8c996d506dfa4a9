import { describe, expect, it } from 'vitest';
import { isPatchSubject, normaliseTitle, parseSubject } from '../../../services/ingest/core/subject.js';

describe('parseSubject', () => {
  const cases: [string, Partial<ReturnType<typeof parseSubject>>][] = [
    ['[PATCH] cxl/mbox: Fix debug message print', { title: 'cxl/mbox: Fix debug message print', isPatch: true, rfc: false, version: 1, index: null, total: null, isReply: false }],
    ['[RFC PATCH v3 2/7] mm: thing', { title: 'mm: thing', isPatch: true, rfc: true, version: 3, index: 2, total: 7, prefixes: ['RFC', 'PATCH'] }],
    ['[PATCH net-next v2 00/10] net: more', { title: 'net: more', version: 2, index: 0, total: 10, prefixes: ['PATCH', 'net-next'] }],
    ['[PATCH RFC 1/4] x: y', { rfc: true, isPatch: true, index: 1, total: 4 }],
    ['[PATCH v5.1 10/12] a: b', { version: 5, versionText: 'v5.1', index: 10, total: 12 }],
    ['[PATCHv2 1/3] a: b', { isPatch: true, version: 2, index: 1, total: 3 }],
    ['[PATCH,v4,3/5] a: b', { version: 4, index: 3, total: 5 }],
    ['[PATCH RESEND v2] a: b', { version: 2, prefixes: ['PATCH', 'RESEND'] }],
    ['Re: [PATCH v2 1/2] cxl: x', { isReply: true, title: 'cxl: x', version: 2, index: 1 }],
    ['RE: [PATCH] cxl: x', { isReply: true, title: 'cxl: x' }],
    ['Fwd: Re: [PATCH 3/3] a', { isReply: true, index: 3, total: 3, title: 'a' }],
    ['[linux-next] [PATCH 1/2] x', { isPatch: true, prefixes: ['linux-next', 'PATCH'], index: 1 }],
    ['Plain subject', { title: 'Plain subject', isPatch: false, index: null }],
    ['[PATCH v22 00/25] Type2 device\n  basic support', { title: 'Type2 device basic support', version: 22, total: 25 }],
  ];
  for (const [subject, want] of cases) it(JSON.stringify(subject), () => expect(parseSubject(subject)).toMatchObject(want));

  it('replies are never patches; [RFC n/N] is', () => {
    expect(isPatchSubject(parseSubject('Re: [PATCH 1/2] x'))).toBe(false);
    expect(isPatchSubject(parseSubject('[RFC 1/4] x'))).toBe(true);
    expect(isPatchSubject(parseSubject('[GIT PULL] x'))).toBe(false);
  });
  it('normalises titles for comparison', () => expect(normaliseTitle('  Foo:  Bar. ')).toBe(normaliseTitle('foo: bar')));
});

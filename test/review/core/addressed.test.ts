import { describe, expect, it } from 'vitest';
import { findAddressed, type LedgerItem } from '../../../services/review/core/addressed.js';
import type { PatchDoc } from '../../../services/review/core/types.js';

const author = { name: 'A', email: 'a@x' };
const v1: PatchDoc[] = [
  { index: 1, messageId: 'p1', title: 'cxl/mem: do x', commitMessage: 'Cleanup on attach failure. Otherwise vestigial topology objects are left until driver unload.', diff: '--- a/f.c\n+++ b/f.c\n@@ -1,2 +1,3 @@\n a\n+\tgroup = devres_open_group(dev);\n b\n', author },
  { index: 2, messageId: 'p2', title: 'cxl/region: do y', commitMessage: 'y', diff: '--- a/g.c\n+++ b/g.c\n@@ -1 +1,2 @@\n a\n+y\n', author },
];
const item = (o: Partial<LedgerItem>): LedgerItem => ({ fingerprint: 'c', parentFingerprint: null, concernFingerprint: null, patchIndex: 1, onCover: false, anchor: null, quoted: '', ...o });

describe('addressed in a later version', () => {
  const lineComment = item({ fingerprint: 'line', anchor: { file: 'f.c', lines: [2, 2] }, quoted: '+\tgroup = devres_open_group(dev);' });
  const prose = item({ fingerprint: 'prose', quoted: 'Otherwise vestigial topology objects are left until driver unload.' });
  const child = item({ fingerprint: 'child', parentFingerprint: 'line', patchIndex: 1 });
  const dropped = item({ fingerprint: 'dropped', patchIndex: 2, anchor: { file: 'g.c', lines: [2, 2] }, quoted: '+y' });
  const cover = item({ fingerprint: 'cover', patchIndex: null, onCover: true, quoted: 'x' });
  const concern = item({ fingerprint: 'concern', concernFingerprint: 'rule:f.c:fn' });

  it('sees changed lines, changed commit text, dropped patches and gone concerns', () => {
    const v2: PatchDoc[] = [{ ...v1[0]!, messageId: 'q1', commitMessage: 'Cleanup on attach failure.', diff: '--- a/f.c\n+++ b/f.c\n@@ -1,2 +1,2 @@\n a\n b\n' }];
    const got = findAddressed([lineComment, prose, child, dropped, cover, concern], v1, { version: 2, patches: v2, concernFingerprints: new Set() });
    expect([...got.keys()].sort()).toEqual(['child', 'concern', 'dropped', 'line', 'prose']);
    expect(got.get('dropped')?.note).toBe('v2: patch "cxl/region: do y" was dropped');
    expect(got.get('line')?.note).toMatch(/^v2: f\.c:2-2 changed/);
  });

  it('leaves comments alone when the quoted lines and the concern are still there', () => {
    const v2 = v1.map((p) => ({ ...p, messageId: `${p.messageId}v2` }));
    const got = findAddressed([lineComment, prose, dropped, concern], v1, { version: 2, patches: v2, concernFingerprints: new Set(['rule:f.c:fn']) });
    expect(got.size).toBe(0);
  });

  it('does not guess about concerns when the later version was not analyzed', () => {
    expect(findAddressed([concern], v1, { version: 2, patches: v1, concernFingerprints: null }).size).toBe(0);
  });
});

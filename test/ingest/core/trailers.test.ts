import { describe, expect, it } from 'vitest';
import { commitTrailers, formatTrailer, orderTrailers, parseTrailerLine, replyTrailers, trailersFromReply } from '../../../services/ingest/core/trailers.js';

describe('trailers', () => {
  it('parses person trailers and canonicalises the kind', () => {
    expect(parseTrailerLine('reviewed-BY: Ann <Ann@Example.org>')).toMatchObject({ kind: 'Reviewed-by', name: 'Ann', email: 'Ann@Example.org' });
    expect(parseTrailerLine('Acked-by: "Last, First" <f@l.org>')).toMatchObject({ name: 'Last, First', email: 'f@l.org' });
    expect(parseTrailerLine('Tested-by: bare@example.org')).toMatchObject({ name: '', email: 'bare@example.org' });
    expect(parseTrailerLine('Fixes: 0123456789ab ("x")')).toBeNull();
    expect(parseTrailerLine('Reviewed-by: nobody')).toBeNull();
  });
  it('reads commit trailers in order', () => {
    const t = commitTrailers('Subject body.\n\nCo-developed-by: B <b@x>\nSigned-off-by: B <b@x>\nSigned-off-by: A <a@x>\n');
    expect(t.map(formatTrailer)).toEqual(['Co-developed-by: B <b@x>', 'Signed-off-by: B <b@x>', 'Signed-off-by: A <a@x>']);
  });
  it('ignores quoted lines, diff lines and an inline patch in replies', () => {
    const body = '> Reviewed-by: Q <q@x>\n>> Acked-by: Q <q@x>\nReviewed-by: R <r@x>\n\nSigned-off-by: R <r@x>\n---\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n a\n+Tested-by: D <d@x>\n';
    expect(replyTrailers(body).map(formatTrailer)).toEqual(['Reviewed-by: R <r@x>']);
  });
  it('flags an address that differs from the sender', () => {
    const t = trailersFromReply({ messageId: 'r@x', from: { name: 'S', email: 's@x' }, date: null, body: 'Acked-by: O <o@x>\nReviewed-by: S <S@X>\n' }, false);
    expect(t.map((x) => [x.kind, x.mismatch])).toEqual([['Acked-by', true], ['Reviewed-by', false]]);
  });
  it('orders own trailers first, then collected by date, without duplicates', () => {
    const mk = (kind: string, email: string, src: string) => ({ kind, name: email, email, raw: '', sourceMessageId: src, inPatch: false, mismatch: false, fromCover: false });
    const own = [{ ...mk('Signed-off-by', 'a@x', 'p'), inPatch: true }, { ...mk('Reviewed-by', 'b@x', 'p'), inPatch: true }];
    const got = orderTrailers(own, [
      { trailer: mk('Tested-by', 'c@x', 'r2'), date: new Date(2000) },
      { trailer: mk('Reviewed-by', 'B@x', 'r1'), date: new Date(500) },
      { trailer: mk('Acked-by', 'd@x', 'r1'), date: new Date(1000) },
    ]);
    expect(got.map((t) => `${t.kind} ${t.email}`)).toEqual(['Signed-off-by a@x', 'Reviewed-by b@x', 'Acked-by d@x', 'Tested-by c@x']);
  });
});

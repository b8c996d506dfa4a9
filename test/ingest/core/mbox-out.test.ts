import { describe, expect, it } from 'vitest';
import { encodeHeader, renderSeriesMbox, withTrailers } from '../../../services/ingest/core/mbox-out.js';

describe('mbox-out', () => {
  it('appends missing trailers to the trailer block, then Link:', () => {
    const msg = 'Fix it.\n\nSigned-off-by: A <a@x>\n';
    expect(withTrailers(msg, ['Signed-off-by: A <a@x>', 'Reviewed-by: R <r@x>'], 'https://patch.msgid.link/m@x')).toBe(
      'Fix it.\n\nSigned-off-by: A <a@x>\nReviewed-by: R <r@x>\nLink: https://patch.msgid.link/m@x\n',
    );
  });
  it('starts a trailer block when the message has none', () => {
    expect(withTrailers('Fix it.\n', [], 'L')).toBe('Fix it.\n\nLink: L\n');
  });
  it('renders patches in index order with encoded headers', () => {
    const p = (index: number) => ({ messageId: `m${index}@x`, index, total: 2, version: 3, subject: `part ${index}`, author: { name: 'José', email: 'j@x' }, date: new Date(0), commitMessage: 'Body.\n', diff: 'diff --git a/f b/f\n', trailers: [] });
    const out = renderSeriesMbox([p(2), p(1)]);
    expect(out.indexOf('[PATCH v3 1/2] part 1')).toBeLessThan(out.indexOf('[PATCH v3 2/2] part 2'));
    expect(out).toContain(`From: ${encodeHeader('José')} <j@x>`);
    expect(out).toContain('Link: https://patch.msgid.link/m1@x\n---\ndiff --git a/f b/f\n');
  });
});

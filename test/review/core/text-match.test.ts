import { describe, expect, it } from 'vitest';
import { coverage, indexText, MATCH_THRESHOLD } from '../../../services/review/core/text-match.js';

describe('quote matching', () => {
  const original = indexText("2) Isn't the memdev already cleaned up if cxl_mem probe fails and attach is provided? What's the extra cleanup happening here?");
  it('survives re-wrapping and punctuation', () => {
    expect(coverage("2) Isn't the memdev already cleaned up if cxl_mem probe fails and\nattach is provided? What's the extra cleanup happening here?", original)).toBe(1);
  });
  it('scores a partial quote by the share found', () => {
    expect(coverage("Isn't the memdev already cleaned up if cxl_mem probe fails and something else entirely different here", original)).toBeGreaterThan(0.3);
    expect(coverage('A completely unrelated sentence about interleave granularity', original)).toBe(0);
    expect(MATCH_THRESHOLD).toBeGreaterThan(0.5);
  });
  it('compares very short quotes as phrases', () => {
    expect(coverage('Fair point', indexText('Fair point.'))).toBe(1);
    expect(coverage('', original)).toBe(0);
  });
});

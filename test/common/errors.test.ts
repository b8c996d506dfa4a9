import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS, PatchlensError, formatError } from '../../services/common/errors.js';

describe('error catalogue', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  it('documents every code with its HTTP status', () => {
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(doc, code).toMatch(new RegExp(`\\| \`${code}\` \\| ${spec.status} \\|`));
    }
  });
  it('documents no code that does not exist', () => {
    const documented = [...doc.matchAll(/`(PL_ERR_\w+)`/g)].map((m) => m[1]);
    for (const code of documented) expect(Object.keys(ERRORS)).toContain(code);
  });
  it('fills message templates', () => {
    expect(formatError('PL_ERR_NOT_FOUND', { what: 'series', id: 'x@y' })).toBe('series x@y not found');
    const e = new PatchlensError('PL_ERR_BAD_INPUT', { field: 'state', reason: 'unknown state' });
    expect(e.status).toBe(400);
    expect(e.message).toBe('state: unknown state');
  });
});

// Review settings from the environment: the identity patchlens reviews
// under (PATCHLENS_REVIEWER="Name <email>") and the SMTP server replies are
// sent through (PATCHLENS_SMTP_URL, e.g. smtp://user:pass@host:587). Read
// when needed, never cached, so tests can set them per case.
import { PatchlensError } from '../../common/errors.js';
import { parsePerson } from '../core/mail-format.js';
import type { Person } from '../core/types.js';

export const DEFAULT_REVIEWER: Person = { name: 'patchlens', email: 'patchlens@localhost' };

export function reviewerIdentity(env: NodeJS.ProcessEnv = process.env): Person {
  const v = env.PATCHLENS_REVIEWER?.trim();
  if (!v) return DEFAULT_REVIEWER;
  const p = parsePerson(v);
  if (!p || !p.email.includes('@')) throw new PatchlensError('PL_ERR_BAD_INPUT', { field: 'PATCHLENS_REVIEWER', reason: `expected "Name <email>", got "${v}"` });
  return p;
}

export function smtpUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const v = env.PATCHLENS_SMTP_URL?.trim();
  return v ? v : null;
}

// Subject lines of patch mail, understood: reply markers (Re:, RE:, Fwd:),
// the bracketed prefixes git format-patch and b4 write ([RFC PATCH v3 2/7],
// [PATCH net-next v2 00/10], [PATCHv2 1/3], [PATCH v5.1 10/12]) and the title
// that remains. Used by series assembly and version linking. Pure; it does
// not decide whether a mail is a patch (that needs the body too).
import type { SubjectInfo } from './types.js';

const REPLY_MARK = /^\s*(?:re|aw|sv|fwd?|fw)(?:\[\d+\])?\s*:\s*/i;
const BRACKET = /^\s*\[([^\]]*)\]\s*/;
const COUNTER = /^(\d{1,4})\/(\d{1,4})$/;
const VERSION = /^v(\d{1,3})(?:\.(\d{1,3}))?$/i;
const PATCH_WITH_VERSION = /^(patch|rfc)[-_]?v(\d{1,3})(?:\.(\d{1,3}))?$/i;
const PATCH_WORDS = new Set(['patch', 'patchv', 'patches']);

interface TokenState {
  prefixes: string[];
  isPatch: boolean;
  rfc: boolean;
  version: number;
  versionText: string | null;
  index: number | null;
  total: number | null;
}

/** Parse one subject line (already RFC 2047 decoded and unfolded). */
export function parseSubject(subject: string): SubjectInfo {
  let rest = subject.replace(/\s+/g, ' ').trim();
  let isReply = false;
  const st: TokenState = { prefixes: [], isPatch: false, rfc: false, version: 1, versionText: null, index: null, total: null };
  // Reply markers and brackets may interleave: "Re: [PATCH] Re: foo" is rare
  // but "[PATCH] Re: foo" and "Re: Re: [PATCH v2]" both occur on lore.
  for (let guard = 0; guard < 50; guard++) {
    const re = REPLY_MARK.exec(rest);
    if (re) {
      isReply = true;
      rest = rest.slice(re[0].length);
      continue;
    }
    const br = BRACKET.exec(rest);
    if (br) {
      readBracket(br[1] ?? '', st);
      rest = rest.slice(br[0].length);
      continue;
    }
    break;
  }
  return { title: rest.trim(), isReply, ...st };
}

function readBracket(inner: string, st: TokenState): void {
  // "PATCH,v2,1/3" and "PATCH v2 1/3" are both seen; split on blanks and commas.
  for (const tok of inner.split(/[\s,]+/).filter(Boolean)) readToken(tok, st);
}

function readToken(tok: string, st: TokenState): void {
  const counter = COUNTER.exec(tok);
  if (counter) {
    st.index = Number(counter[1]);
    st.total = Number(counter[2]);
    return;
  }
  const ver = VERSION.exec(tok);
  if (ver) {
    setVersion(st, tok, ver[1], ver[2]);
    return;
  }
  const pv = PATCH_WITH_VERSION.exec(tok);
  if (pv) {
    const word = (pv[1] ?? '').toUpperCase();
    if (word === 'RFC') st.rfc = true;
    else st.isPatch = true;
    st.prefixes.push(word);
    setVersion(st, `v${pv[2]}${pv[3] ? `.${pv[3]}` : ''}`, pv[2], pv[3]);
    return;
  }
  const lower = tok.toLowerCase();
  if (PATCH_WORDS.has(lower)) st.isPatch = true;
  if (lower === 'rfc') st.rfc = true;
  st.prefixes.push(PATCH_WORDS.has(lower) || lower === 'rfc' || lower === 'resend' ? tok.toUpperCase() : tok);
}

function setVersion(st: TokenState, text: string, major: string | undefined, minor: string | undefined): void {
  st.version = Number(major);
  st.versionText = minor !== undefined ? `v${major}.${minor}` : `v${major}`;
}

/**
 * The n/N mail is part of a patch posting when the brackets say PATCH (or RFC
 * with a counter: "[RFC 1/4]"). Replies are never patches.
 */
export function isPatchSubject(s: SubjectInfo): boolean {
  if (s.isReply) return false;
  return s.isPatch || (s.rfc && s.index !== null);
}

/** Title compared across versions: case, spacing and trailing dots do not matter. */
export function normaliseTitle(title: string): string {
  return title.toLowerCase().replace(/\s+/g, ' ').replace(/[.\s]+$/, '').trim();
}

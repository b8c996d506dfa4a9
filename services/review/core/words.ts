// The one table of review heuristics: which words make a line an attribution,
// an elision, a greeting or closing, a trailer, an acknowledgement, a dispute
// or an agreeing answer. Everything that guesses from wording lives here so it
// can be read, tested (test/review/core/words.test.ts) and corrected in one
// place; the splitter and the ledger only call the predicates below. These are
// guesses: the ledger always stores the lines they were made from.

/** The table. Patterns run on one line (or one block) with quote markers removed. */
export const WORDS = {
  /** "On Tue, … Dan Williams wrote:", "Dan Williams wrote:", "Quoting X (date):" */
  attribution: [/\b(wrote|writes|said|a écrit|schrieb)\s*:\s*$/i, /^quoting\s.+:\s*$/i, /^-+\s*original message\s*-+$/i],
  /** the first line of a two-line attribution (Claws Mail: date line, then "Name <addr> wrote:") */
  attributionStart: [/^on\s.*\d{1,2}:\d{2}/i, /^on\s.*\d{4}/i],
  /** "[..]", "[...]", "[snip]", "<snip>", "...": the writer cut quoted text here */
  elision: [/^\[\s*(\.{2,}|…|snip+(ped)?|trim+(ed)?|cut|\.\.\.\s*snip\s*\.\.\.)[^\]]*\]$/i, /^<\s*snip+(ped)?\s*>$/i, /^(\.{3,}|…)$/],
  /** "[ add Lukas ]", "[+cc Dave]", "(adding X to Cc)": notes about recipients, not review */
  editorial: [/^\[\s*(\+\s*\w|add(ing)?\b|cc\b|\+?cc:?)[^\]]*\]$/i, /^\(\s*(adding|\+\s*cc|cc'?ing)\b.*\)$/i],
  /** "Hi Dan,", "Hello all," at the top of a block */
  greeting: [/^(hi|hello|hey|dear|hallo|howdy)\b[^.!?]{0,40}[,!:]?$/i],
  /** "Thanks,", "Regards,", "Cheers": a closing when nothing but a name follows */
  closing: [/^(thanks|thank you|many thanks|thx|regards|best regards|kind regards|best|cheers|br|ciao|greetings)\s*[,.!]?$/i],
  /** "Reviewed-by: Name <addr>" and friends */
  trailer: [/^(reviewed|acked|tested|reported|suggested|signed-off|co-developed|nacked)-by:\s*\S.*$/i, /^(fixes|link|closes|cc):\s*\S.*$/i],
  /** short phrases that, next to a trailer, still mean plain approval */
  approval: [/\b(lgtm|looks (good|fine|ok(ay)?)|fwiw|with that fixed|otherwise)\b/i],
  /** words that make a remark next to a trailer a request, not an approval */
  request: [/\?/, /\b(should|must|please|instead|but|however|drop|remove|rename|fix|why|wrong|bug|broken|missing)\b/i],
  /** the commenter accepts the answer */
  acknowledge: [
    /\bmakes sense\b/i, /\bfair (point|enough)\b/i, /\bthanks?\b/i, /\bthank you\b/i, /\bexactly right\b/i,
    /\b(ok(ay)?|got it|understood|i see|agreed|sounds good|fine by me|fine with me|works for me|good point)\b/i,
    /\b(did ?n[o']?t|did not) reali[sz]e\b/i, /\byou'?re right\b/i, /\bmy (bad|mistake)\b/i, /\bno objection/i,
    /^(great|perfect|excellent|sure|cool|nice|yes)\b/i, /\b(100% )?agree(ment|d)?\b/i, /\bthat works\b/i,
  ],
  /** the commenter presses the point: any of these overrides an acknowledgement */
  dispute: [
    /\?/, /\bbut\b/i, /\bhowever\b/i, /\bstill\b/i, /\b(do|did) (not|n't) (follow|see|agree|think)\b/i,
    /\bdon'?t (follow|see|agree|think)\b/i, /\bdisagree\b/i, /\bnot convinced\b/i, /\b(doesn'?t|does not|isn'?t|is not|can ?not|can'?t|won'?t)\b/i,
    /\bthe problem remains\b/i, /\bwhat i mean\b/i, /\bmaybe (something|we|you)\b/i, /\bhow about\b/i, /\bi (would|'d) (prefer|suggest)\b/i,
  ],
  /** an answer that concedes the point ("Exactly right", "Fair point", "will fix") */
  agree: [
    /\bexactly right\b/i, /\bfair point\b/i, /\bgood (catch|point)\b/i, /\byou'?re right\b/i, /\bagreed\b/i,
    /\bwill (fix|do|change|update|drop|rename)\b/i, /\bi'?ll (fix|do|change|update|drop|rename)\b/i, /\bsorry for the noise\b/i,
    /\bi rushed\b/i, /\bmy (bad|mistake)\b/i, /^(ok(ay)?|sure|yes|agreed?|right)\b/i, /\b(good|great) idea\b/i, /\bi agree\b/i,
  ],
  /** an acknowledgement longer than this many words is read as more than an acknowledgement */
  ackMaxWords: 40,
  /** a trailer block with at most this many other words is an approval, not a comment */
  approvalMaxWords: 12,
} as const;

function any(patterns: readonly RegExp[], text: string): boolean {
  return patterns.some((p) => p.test(text));
}

export const isAttribution = (line: string): boolean => any(WORDS.attribution, line.trim());
export const isAttributionStart = (line: string): boolean => any(WORDS.attributionStart, line.trim());
export const isOutlookSeparator = (line: string): boolean => /^-+\s*original message\s*-+$/i.test(line.trim());
export const isElision = (line: string): boolean => any(WORDS.elision, line.trim());
export const isEditorial = (line: string): boolean => any(WORDS.editorial, line.trim());
export const isGreeting = (line: string): boolean => any(WORDS.greeting, line.trim());
export const isClosing = (line: string): boolean => any(WORDS.closing, line.trim());
export const isTrailer = (line: string): boolean => any(WORDS.trailer, line.trim());

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /\w/.test(w)).length;
}

/** A name line at the end of a mail: the sender's first name, full name or initials. */
export function isNameLine(line: string, sender: { name: string; email: string }): boolean {
  const t = line.trim().replace(/^[-~—]+\s*/, '').replace(/[.,!]$/, '').toLowerCase();
  if (!t || wordCount(t) > 3) return false;
  const parts = sender.name.toLowerCase().replace(/["()]/g, '').split(/[\s,]+/).filter(Boolean);
  const local = sender.email.split('@')[0]?.toLowerCase() ?? '';
  const initials = parts.map((p) => p[0]).join('');
  const nick = (p: string) => t.length >= 3 && p.startsWith(t);
  return parts.includes(t) || t === parts.join(' ') || t === initials || t === local || parts.some(nick) || local.split(/[._-]/).some(nick);
}

/** How the commenter reacts to an answer: accepts it, or presses the point. */
export function commenterStance(text: string): 'acknowledge' | 'dispute' {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (any(WORDS.acknowledge, flat) && !any(WORDS.dispute, flat) && wordCount(flat) <= WORDS.ackMaxWords) return 'acknowledge';
  return 'dispute';
}

/** How an answer reads: conceding the point, or explaining/disagreeing. */
export function answerStance(text: string): 'agrees' | 'explains' {
  return any(WORDS.agree, text.replace(/\s+/g, ' ')) ? 'agrees' : 'explains';
}

/** A block that is trailers plus at most a short approving remark: an approval, not a concern. */
export function isApprovalOnly(lines: string[]): boolean {
  const trailers = lines.filter((l) => isTrailer(l));
  if (trailers.length === 0) return false;
  const rest = lines.filter((l) => !isTrailer(l) && l.trim() !== '').join(' ');
  const words = wordCount(rest);
  if (words === 0) return true;
  if (any(WORDS.request, rest)) return false;
  return words <= WORDS.approvalMaxWords || (any(WORDS.approval, rest) && words <= 2 * WORDS.approvalMaxWords);
}

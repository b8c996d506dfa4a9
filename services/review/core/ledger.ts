// Builds the review ledger of one series version from its thread: every
// block of a reviewer's own text becomes a comment anchored to what it
// quotes; a block that quotes a comment answers it; the commenter's next
// words on that answer acknowledge or dispute it (words.ts), and a dispute is
// itself a new comment. Rule-engine concerns enter the same ledger, answered
// through the reply patchlens posted for them. Messages are read in date
// order, once. The result is drafts plus an automatic status history; the
// store (adapters/store.ts) persists them idempotently. Pure.
import { parseDiff } from './anchor.js';
import { concernHead } from './render.js';
import { canTransition } from './status.js';
import { splitReply, type Block } from './splitter.js';
import { resolveTarget, type Segment, type Target, type TargetContext } from './targets.js';
import { indexText } from './text-match.js';
import type { AnswerDraft, CommentDraft, CommentStatus, Evidence, Person, ThreadInput, ThreadMessage } from './types.js';
import { answerStance, commenterStance } from './words.js';

interface State {
  input: ThreadInput;
  scope: string;
  authors: Set<string>;
  tctx: TargetContext;
  comments: Map<string, CommentDraft>;
  /** Message-ID → what it is (a patch by index, or the cover) */
  docs: Map<string, { patchIndex: number | null; onCover: boolean }>;
  messages: Map<string, ThreadMessage>;
  skip: Set<string>;
}

/** Per message: answers and commenter reactions, collected before events are made. */
interface Pending {
  answers: Map<string, { blocks: Block[]; byAuthor: boolean }>;
  reactions: Map<string, { blocks: Block[]; stances: ('acknowledge' | 'dispute')[] }>;
}

export function buildLedger(input: ThreadInput, scope: string): CommentDraft[] {
  const st = initState(input, scope);
  addConcerns(st);
  const replies = [...input.replies].filter((m) => !st.skip.has(m.messageId));
  replies.sort((a, b) => (a.date?.getTime() ?? Infinity) - (b.date?.getTime() ?? Infinity));
  for (const msg of replies) readMessage(st, msg);
  return [...st.comments.values()];
}

function initState(input: ThreadInput, scope: string): State {
  const diffs = new Map(input.patches.map((p) => [p.index, parseDiff(p.diff)]));
  const commitMessages = new Map(input.patches.map((p) => [p.index, indexText(p.commitMessage)]));
  const docs = new Map<string, { patchIndex: number | null; onCover: boolean }>();
  for (const p of input.patches) docs.set(p.messageId, { patchIndex: p.index, onCover: false });
  if (input.cover) docs.set(input.cover.messageId, { patchIndex: null, onCover: true });
  return {
    input,
    scope,
    authors: authorAddresses(input),
    tctx: { diffs, commitMessages, cover: input.cover ? indexText(input.cover.body) : null, segments: [] },
    comments: new Map(),
    docs,
    messages: new Map(input.replies.map((m) => [m.messageId, m])),
    skip: new Set(input.concerns.map((c) => c.postedMessageId).filter((x): x is string => Boolean(x))),
  };
}

/**
 * The series author's addresses: the senders given, plus the Signed-off-by,
 * Co-developed-by and in-body From: addresses of the patches themselves
 * (authors often post from one address and answer from another).
 */
function authorAddresses(input: ThreadInput): Set<string> {
  const out = new Set(input.seriesAuthors.map((e) => e.toLowerCase()));
  for (const p of input.patches) {
    for (const m of p.commitMessage.matchAll(/^(?:Signed-off-by|Co-developed-by|From):.*<([^>\s]+@[^>\s]+)>\s*$/gim)) out.add((m[1] ?? '').toLowerCase());
  }
  return out;
}

/** Concerns become comments by patchlens; a posted reply makes them quotable. */
function addConcerns(st: State): void {
  for (const c of st.input.concerns) {
    const fp = `concern:${st.scope}:${c.fingerprint}`;
    const anchor = c.file && c.startLine ? { file: c.file, lines: [c.startLine, c.endLine ?? c.startLine] as [number, number] } : null;
    const text = `${c.summary}\n\n${c.explanation}`.trim();
    st.comments.set(fp, draft(fp, { messageId: c.postedMessageId, author: st.input.bot, patchIndex: c.patchIndex, onCover: false, anchor, text, quoted: '', position: 0, lines: null, parent: null }, { note: `rule-engine concern ${c.fingerprint}` }));
    const d = st.comments.get(fp) as CommentDraft;
    d.concernFingerprint = c.fingerprint;
    d.concernId = c.concernId ?? null;
    if (c.postedMessageId) {
      // what the posted mail says, so quotes of it are found
      const mailed = `${concernHead({ severity: c.severity ?? '', summary: c.summary, file: c.file, startLine: c.startLine, endLine: c.endLine })}\n\n${c.explanation}`;
      st.tctx.segments.push({ messageId: c.postedMessageId, author: st.input.bot, text: mailed, index: indexText(mailed), role: 'comment', commentFp: fp, lines: null });
      st.docs.set(c.postedMessageId, { patchIndex: c.patchIndex, onCover: false });
    }
  }
}

interface DraftFields {
  messageId: string | null;
  author: Person;
  patchIndex: number | null;
  onCover: boolean;
  anchor: CommentDraft['anchor'];
  text: string;
  quoted: string;
  position: number;
  lines: [number, number] | null;
  parent: string | null;
}

function draft(fp: string, f: DraftFields, evidence: Evidence): CommentDraft {
  return {
    fingerprint: fp,
    messageId: f.messageId,
    concernFingerprint: null,
    concernId: null,
    patchIndex: f.patchIndex,
    onCover: f.onCover,
    parentFingerprint: f.parent,
    author: f.author,
    anchor: f.anchor,
    quoted: f.quoted,
    text: f.text,
    position: f.position,
    lines: f.lines,
    answers: [],
    events: [{ from: null, to: 'open', actor: f.author.email || f.author.name, evidence }],
    status: 'open',
  };
}

function readMessage(st: State, msg: ThreadMessage): void {
  const pending: Pending = { answers: new Map(), reactions: new Map() };
  const prefer = msg.patchIndex ?? docOf(st, msg.parentMessageId)?.patchIndex ?? null;
  for (const block of splitReply(msg.body, msg.from, msg.flowed)) {
    if (block.approval) continue;
    const target = resolveTarget(block, msg.messageId, msg.parentMessageId, prefer, st.tctx);
    placeBlock(st, msg, block, target, pending);
  }
  settle(st, msg, pending);
}

/** What a message is about: itself when it is a patch or the cover, else its nearest ancestor that is. */
function docOf(st: State, messageId: string | null): { patchIndex: number | null; onCover: boolean } | null {
  let id = messageId;
  for (let hops = 0; id && hops < 64; hops++) {
    const d = st.docs.get(id);
    if (d) return d;
    const m = st.messages.get(id);
    if (!m) return null;
    if (m.patchIndex != null || m.onCover) return { patchIndex: m.patchIndex ?? null, onCover: Boolean(m.onCover) };
    id = m.parentMessageId;
  }
  return null;
}

function placeBlock(st: State, msg: ThreadMessage, block: Block, target: Target, pending: Pending): void {
  if (target.kind === 'segment') return onSegment(st, msg, block, [target.segment], pending);
  if (target.kind === 'message') {
    const segs = st.tctx.segments.filter((s) => s.messageId === target.messageId && s.author.email !== msg.from.email);
    if (segs.length) return onSegment(st, msg, block, segs, pending);
    const doc = docOf(st, target.messageId) ?? { patchIndex: msg.patchIndex ?? null, onCover: Boolean(msg.onCover) };
    return void newComment(st, msg, block, { patchIndex: doc.patchIndex, onCover: doc.onCover, anchor: null, quoted: '', parent: null });
  }
  if (target.kind === 'diff') {
    return void newComment(st, msg, block, { patchIndex: target.patchIndex, onCover: false, anchor: target.anchor, quoted: target.quoted, parent: null });
  }
  newComment(st, msg, block, { patchIndex: target.patchIndex, onCover: target.onCover, anchor: null, quoted: target.quoted, parent: null });
}

/**
 * A block quoting earlier blocks: an answer to a comment, the commenter's
 * reaction to an answer (acknowledge or dispute), or a third person joining in.
 */
function onSegment(st: State, msg: ThreadMessage, block: Block, segs: Segment[], pending: Pending): void {
  const writer = msg.from.email;
  const isAuthor = st.authors.has(writer);
  let child = false;
  const done = new Set<string>();
  for (const seg of segs) {
    const c = st.comments.get(seg.commentFp);
    if (!c || done.has(c.fingerprint)) continue;
    done.add(c.fingerprint);
    const commenter = c.author.email === writer;
    if (commenter && seg.role !== 'comment') {
      const stance = commenterStance(block.text);
      const r = pending.reactions.get(c.fingerprint) ?? { blocks: [], stances: [] };
      r.blocks.push(block);
      r.stances.push(stance);
      pending.reactions.set(c.fingerprint, r);
      if (stance === 'dispute' && !child) child = Boolean(newComment(st, msg, block, childOf(c, block)));
      else if (stance === 'acknowledge') addSegment(st, msg, block, 'reaction', c.fingerprint);
    } else if (commenter || (!isAuthor && seg.role !== 'comment')) {
      // the commenter adds to their own point, or a third person joins the discussion
      if (!child) child = Boolean(newComment(st, msg, block, childOf(c, block)));
    } else {
      const a = pending.answers.get(c.fingerprint) ?? { blocks: [], byAuthor: isAuthor };
      a.blocks.push(block);
      pending.answers.set(c.fingerprint, a);
      if (isAuthor || commenterStance(block.text) === 'acknowledge') addSegment(st, msg, block, 'answer', c.fingerprint);
      else if (!child) child = Boolean(newComment(st, msg, block, childOf(c, block)));
    }
  }
}

function childOf(c: CommentDraft, block: Block): Omit<DraftFields, 'messageId' | 'author' | 'text' | 'position' | 'lines'> {
  return { patchIndex: c.patchIndex, onCover: c.onCover, anchor: null, quoted: block.tail.map((l) => l.text).join('\n'), parent: c.fingerprint };
}

function addSegment(st: State, msg: ThreadMessage, block: Block, role: Segment['role'], commentFp: string): void {
  st.tctx.segments.push({ messageId: msg.messageId, author: msg.from, text: block.text, index: indexText(block.text), role, commentFp, lines: block.lines });
}

function newComment(st: State, msg: ThreadMessage, block: Block, f: Omit<DraftFields, 'messageId' | 'author' | 'text' | 'position' | 'lines'>): CommentDraft {
  const fp = `${st.scope}:${msg.messageId}#${block.position}`;
  const d = draft(fp, { ...f, messageId: msg.messageId, author: msg.from, text: block.text, position: block.position, lines: block.lines }, evidenceOf(msg, [block]));
  st.comments.set(fp, d);
  addSegment(st, msg, block, 'comment', fp);
  return d;
}

function evidenceOf(msg: ThreadMessage, blocks: Block[]): Evidence {
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  const excerpt = blocks.map((b) => b.text).join('\n[…]\n');
  return {
    messageId: msg.messageId,
    lines: [first?.lines[0] ?? 0, last?.lines[1] ?? 0],
    excerpt: excerpt.length > 400 ? `${excerpt.slice(0, 397)}...` : excerpt,
  };
}

/** Turn one message's answers and reactions into answer records and status events. */
function settle(st: State, msg: ThreadMessage, pending: Pending): void {
  for (const [fp, a] of pending.answers) {
    const c = st.comments.get(fp) as CommentDraft;
    record(c, { messageId: msg.messageId, byAuthor: a.byAuthor, byCommenter: false });
    const ev = { ...evidenceOf(msg, a.blocks), stance: answerStance(a.blocks.map((b) => b.text).join('\n')) };
    move(c, 'answered', msg.from.email, ev);
  }
  for (const [fp, r] of pending.reactions) {
    const c = st.comments.get(fp) as CommentDraft;
    record(c, { messageId: msg.messageId, byAuthor: st.authors.has(msg.from.email), byCommenter: true });
    const to: CommentStatus = r.stances.every((s) => s === 'acknowledge') ? 'acknowledged' : 'disputed';
    move(c, to, msg.from.email, evidenceOf(msg, r.blocks));
  }
}

function record(c: CommentDraft, a: AnswerDraft): void {
  if (!c.answers.some((x) => x.messageId === a.messageId)) c.answers.push(a);
}

function move(c: CommentDraft, to: CommentStatus, actor: string, evidence: Evidence): void {
  if (c.status === to || !canTransition(c.status, to, 'auto')) return;
  c.events.push({ from: c.status, to, actor, evidence });
  c.status = to;
}

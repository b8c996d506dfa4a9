// Small synthetic threads for the ledger rules the seed thread does not show.
import { describe, expect, it } from 'vitest';
import { buildLedger } from '../../../services/review/core/ledger.js';
import type { ThreadInput, ThreadMessage } from '../../../services/review/core/types.js';

const author = { name: 'Ann Author', email: 'ann@example.org' };
const rev = { name: 'Rob Reviewer', email: 'rob@example.org' };
const third = { name: 'Tess Third', email: 'tess@example.org' };
const DIFF = 'diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n@@ -10,3 +10,4 @@ int f(void)\n a();\n+\tb = kmalloc(16, GFP_KERNEL);\n c();\n d();\n';

let n = 0;
function msg(from: typeof author, parent: string, body: string, extra: Partial<ThreadMessage> = {}): ThreadMessage {
  n++;
  return { messageId: `m${n}@x`, from, date: new Date(Date.UTC(2026, 0, 1, n)), subject: 'Re: [PATCH] f: b', body, parentMessageId: parent, patchIndex: 1, ...extra };
}
function input(replies: ThreadMessage[]): ThreadInput {
  return {
    seriesAuthors: [author.email],
    cover: null,
    patches: [{ index: 1, messageId: 'p1@x', title: 'f: b', commitMessage: 'Allocate b early so the error path is simpler.\n\nSigned-off-by: Ann Author <ann@example.org>', diff: DIFF, author }],
    replies,
    concerns: [],
    bot: { name: 'patchlens', email: 'patchlens@localhost' },
  };
}

describe('ledger rules', () => {
  it('dispute, answer again, then acknowledgement', () => {
    const c = msg(rev, 'p1@x', 'Ann Author wrote:\n> +\tb = kmalloc(16, GFP_KERNEL);\n\nThis leaks b when c() fails.\n');
    const a1 = msg(author, c.messageId, 'Rob Reviewer wrote:\n> This leaks b when c() fails.\n\nc() cannot fail.\n');
    const d = msg(rev, a1.messageId, 'Ann Author wrote:\n> c() cannot fail.\n\nIt returns -ENOMEM on the second call though.\n');
    const a2 = msg(author, d.messageId, 'Rob Reviewer wrote:\n> It returns -ENOMEM on the second call though.\n\nRight, I will fix it in v2.\n');
    const ack = msg(rev, a2.messageId, 'Ann Author wrote:\n> Right, I will fix it in v2.\n\nThanks!\n');
    const l = buildLedger(input([ack, a2, d, a1, c]), 't');
    const root = l.find((x) => x.text === 'This leaks b when c() fails.');
    expect(root?.anchor).toEqual({ file: 'f.c', lines: [11, 11] });
    expect(root?.events.map((e) => e.to)).toEqual(['open', 'answered', 'disputed']);
    const pressed = l.find((x) => x.text.startsWith('It returns -ENOMEM'));
    expect(pressed?.parentFingerprint).toBe(root?.fingerprint);
    expect(pressed?.events.map((e) => e.to)).toEqual(['open', 'answered', 'acknowledged']);
    expect(pressed?.events[1]?.evidence.stance).toBe('agrees');
  });

  it('a reply without quotes is one comment on the patch it answers', () => {
    const bare = msg(rev, 'p1@x', 'Hi Ann,\n\nPlease split this into two patches.\n\nThe second part is unrelated.\n\nThanks,\nRob\n');
    const [c] = buildLedger(input([bare]), 't');
    expect(c).toMatchObject({ patchIndex: 1, anchor: null, text: 'Please split this into two patches.\n\nThe second part is unrelated.', status: 'open' });
  });

  it('a top-posted answer answers the comments of the message it quotes', () => {
    const c = msg(rev, 'p1@x', 'Ann Author wrote:\n> +\tb = kmalloc(16, GFP_KERNEL);\n\nWhy not kzalloc()?\n');
    const top = msg(author, c.messageId, 'Because b is written in full right after.\n\nOn Thu, Rob Reviewer wrote:\n> Ann Author wrote:\n> > +\tb = kmalloc(16, GFP_KERNEL);\n>\n> Why not kzalloc()?\n');
    const [only, ...rest] = buildLedger(input([c, top]), 't');
    expect(rest).toEqual([]);
    expect(only?.status).toBe('answered');
    expect(only?.answers).toEqual([{ messageId: top.messageId, byAuthor: true, byCommenter: false }]);
  });

  it('a quote-less reaction to an answer in two blocks counts once', () => {
    const c = msg(rev, 'p1@x', 'Ann Author wrote:\n> +\tb = kmalloc(16, GFP_KERNEL);\n\nWhy here? And why 16?\n');
    const a = msg(author, c.messageId, 'Rob Reviewer wrote:\n> Why here?\n\nThe lock is not held yet.\n\n> And why 16?\n\nThe header is 16 bytes.\n');
    const r = msg(rev, a.messageId, 'Makes sense, thanks.\n');
    const [x, ...rest] = buildLedger(input([c, a, r]), 't');
    expect(rest).toEqual([]);
    expect(x?.events.map((e) => e.to)).toEqual(['open', 'answered', 'acknowledged']);
    expect(x?.answers.map((y) => [y.messageId, y.byCommenter])).toEqual([[a.messageId, false], [r.messageId, true]]);
    expect(x?.events[1]?.evidence.excerpt).toBe('The lock is not held yet.\n[…]\nThe header is 16 bytes.');
  });

  it('a comment on the commit message is on the patch with no line anchor', () => {
    const c = msg(third, 'p1@x', 'Ann Author wrote:\n> Allocate b early so the error path is simpler.\n\nSimpler how? Please say.\n');
    const [x] = buildLedger(input([c]), 't');
    expect(x).toMatchObject({ patchIndex: 1, anchor: null, quoted: 'Allocate b early so the error path is simpler.' });
  });

  it('an approval-only reply adds nothing', () => {
    const ok = msg(third, 'p1@x', 'Ann Author wrote:\n> +\tb = kmalloc(16, GFP_KERNEL);\n\nReviewed-by: Tess Third <tess@example.org>\n');
    expect(buildLedger(input([ok]), 't')).toEqual([]);
  });
});

// `patchlens review sync|status|set|reply`: the review ledger of a series
// (every comment until answered or addressed) and the kernel-style reply
// patchlens writes for a patch's open concerns. The work is in
// services/review/adapters; this file parses options and prints. Nothing is
// ever sent without --send.
import type { Command } from 'commander';
import { PatchlensError } from '../../common/errors.js';
import { printJson, withDb } from '../context.js';
import { smtpUrl } from '../../review/adapters/config.js';
import { ledgerForSeries, setCommentStatus, type LedgerEntry, type SeriesLedger } from '../../review/adapters/ledger.js';
import { markReplySent, renderReplyForPatch } from '../../review/adapters/reply.js';
import { resolvePatchId, resolveSeriesRef } from '../../review/adapters/resolve.js';
import { sendReply, writeReply } from '../../review/adapters/mail-out.js';
import { syncSeriesLedger } from '../../review/adapters/store.js';
import { COMMENT_STATUSES } from '../../review/core/types.js';

function evidenceLine(c: LedgerEntry): string {
  const last = c.history[c.history.length - 1];
  const ev = last?.evidence ?? {};
  const where = ev.messageId ? `<${ev.messageId}>${ev.lines ? ` lines ${ev.lines[0]}-${ev.lines[1]}` : ''}` : (ev.note ?? '');
  return `${last?.to ?? 'open'} by ${last?.actor ?? '?'}: ${where}`;
}

export function renderLedger(l: SeriesLedger, all = false): string {
  const out = [`series ${l.seriesId}: ${COMMENT_STATUSES.map((s) => `${l.counts[s]} ${s}`).join(', ')}`];
  const shown = l.comments.filter((c) => all || c.status === 'open');
  if (shown.length) out.push('', all ? 'comments:' : 'open:');
  for (const c of shown) {
    const place = c.onCover ? 'cover' : `patch ${c.patchIndex ?? '?'}${c.anchor ? ` ${c.anchor.file}:${c.anchor.lines[0]}-${c.anchor.lines[1]}` : ''}`;
    const text = c.text.replace(/\s+/g, ' ');
    out.push(`  #${c.id} [${c.status}] ${c.author.name || c.author.email} on ${place}${c.parentId ? ` (re #${c.parentId})` : ''}`);
    out.push(`      "${text.length > 150 ? `${text.slice(0, 147)}...` : text}"`);
    out.push(`      evidence: ${evidenceLine(c)}`);
  }
  return `${out.join('\n')}\n`;
}

export function register(program: Command): void {
  const review = program.command('review').description('review ledger: comments, answers and statuses; automated review replies');
  registerLedger(review);
  registerReply(review);
}

function registerLedger(review: Command): void {
  review
    .command('sync <series>')
    .description('build or update the ledger of a series from its stored messages (idempotent)')
    .option('--json', 'print JSON')
    .action(async (ref: string, o: { json?: boolean }) => {
      await withDb(async (db) => {
        const sum = await syncSeriesLedger(db, await resolveSeriesRef(db, ref));
        if (o.json) return printJson(sum);
        process.stdout.write(`series ${sum.seriesId}: ${sum.comments} comments (${sum.created} new), ${sum.answers} new answers, ${sum.events} status changes, ${sum.addressed} addressed\n`);
      });
    });

  review
    .command('status <series>')
    .description('counts per status and each open comment with its evidence')
    .option('--all', 'list every comment, not only the open ones')
    .option('--json', 'print JSON')
    .action(async (ref: string, o: { all?: boolean; json?: boolean }) => {
      await withDb(async (db) => {
        const l = await ledgerForSeries(db, await resolveSeriesRef(db, ref));
        if (o.json) return printJson(l);
        process.stdout.write(renderLedger(l, o.all));
      });
    });

  review
    .command('set <commentId> <status>')
    .description(`set a comment's status by hand (${COMMENT_STATUSES.join(', ')}); the history keeps the automatic events too`)
    .option('--reason <text>', 'why (required for dismissed)')
    .option('--actor <who>', 'who decides (default PATCHLENS_REVIEWER or $USER)')
    .option('--json', 'print JSON')
    .action(async (idText: string, status: string, o: { reason?: string; actor?: string; json?: boolean }) => {
      const id = Number(idText);
      if (!Number.isInteger(id) || id <= 0) throw new PatchlensError('PL_ERR_BAD_INPUT', { field: 'commentId', reason: `not a comment id: ${idText}` });
      const actor = o.actor ?? process.env.PATCHLENS_REVIEWER ?? process.env.USER ?? 'cli';
      await withDb(async (db) => {
        const c = await setCommentStatus(db, id, status, actor, o.reason ?? null);
        if (o.json) return printJson(c);
        process.stdout.write(`comment ${c.id}: ${c.history.at(-2)?.to ?? '?'} -> ${c.status} (${actor})\n`);
      });
    });

}

function registerReply(review: Command): void {
  review
    .command('reply <patch>')
    .description('write the review reply for a patch\'s open concerns to an mbox/.eml; send it only with --send')
    .option('-o, --output <file>', 'write here (.eml: the message; otherwise appended as mbox)', '')
    .option('--send', 'send it through PATCHLENS_SMTP_URL after writing it')
    .option('--json', 'print JSON')
    .action(async (ref: string, o: { output: string; send?: boolean; json?: boolean }) => {
      const server = o.send ? smtpUrl() : null;
      if (o.send && !server) throw new PatchlensError('PL_ERR_BAD_INPUT', { field: '--send', reason: 'no SMTP server configured (set PATCHLENS_SMTP_URL)' });
      await withDb(async (db) => {
        const r = await renderReplyForPatch(db, await resolvePatchId(db, ref), { record: true });
        if (!r.concerns) {
          if (o.json) return printJson({ patchId: r.patchId, concerns: 0, written: null, sent: false });
          return void process.stdout.write(`patch ${r.patchId}: no open concerns, nothing to write\n`);
        }
        const file = o.output || `review-patch-${r.patchId}.mbox`;
        writeReply(file, r);
        const sent = server ? await sendReply(r, server) : null;
        if (sent) await markReplySent(db, r);
        if (o.json) return printJson({ patchId: r.patchId, messageId: r.messageId, concerns: r.concerns, written: file, sent: Boolean(sent), accepted: sent?.accepted ?? [] });
        const head = [`From: ${r.from.email}`, `To: ${r.to.map((p) => p.email).join(', ')}`, `Cc: ${r.cc.map((p) => p.email).join(', ')}`, `Subject: ${r.subject}`, `Message-ID: <${r.messageId}>`];
        const tail = sent ? `sent via ${new URL(server as string).host}: accepted ${sent.accepted.join(', ')}` : 'dry run: not sent (use --send with PATCHLENS_SMTP_URL)';
        process.stdout.write(`${head.join('\n')}\n${r.concerns} concern(s) written to ${file}\n${tail}\n`);
      });
    });
}

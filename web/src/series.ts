// The series page: header with the version chain, state and apply verdict;
// actions (state, apply, analyze, mbox); the cover letter; each patch with its
// diff, failing hunks marked and concerns inline with their sequence diagram;
// the review ledger; and the range-diff against another version. Keyboard:
// s set state, j/k next/previous patch, u back to the queue, a apply again.
import { h, append, clear, age, toast, typing } from './dom.js';
import { get, post, COMMENT_STATUSES, type Concern, type LedgerComment, type Patch, type SeriesDetail } from './api.js';
import { pickState, keyHelp, verdictBadge, stateBadge, reportError } from './widgets.js';
import { renderDiff } from './diff.js';
import { sequenceDiagram } from './sequence.js';

const fail = reportError;

function concernView(c: Concern): HTMLElement {
  const lines = c.startLine ? `${c.file ?? ''}:${c.startLine}${c.endLine && c.endLine !== c.startLine ? `-${c.endLine}` : ''}` : (c.file ?? '');
  const statusSel = h('select', { 'aria-label': 'concern status' }, COMMENT_STATUSES.map((s) => h('option', { value: s }, s)));
  statusSel.value = c.status === 'answered' ? 'answered' : 'open';
  statusSel.addEventListener('change', () =>
    post(`/api/concerns/${c.id}/status`, { status: statusSel.value })
      .then(() => toast(`concern ${c.id} → ${statusSel.value}`))
      .catch(fail),
  );
  return h(
    'div',
    { class: `concern sev-${c.severity}`, id: `concern-${c.id}`, 'data-concern': c.id },
    h('div', { class: 'concern-head' }, h('b', {}, c.severity), ' ', h('code', {}, c.rule), ' ', h('span', { class: 'loc' }, lines), ' ', h('span', { class: 'muted' }, c.origin), ' ', statusSel),
    h('p', { class: 'summary' }, c.summary),
    h('p', { class: 'explanation' }, c.explanation),
    c.trace.steps.length ? h('details', { open: true }, h('summary', {}, `counterexample (${c.trace.steps.length} steps)`), sequenceDiagram(c.trace)) : null,
  );
}

function patchView(p: Patch, d: SeriesDetail): HTMLElement {
  const concerns = d.concerns.filter((c) => c.patchId === p.id);
  const replyOut = h('pre', { class: 'reply hidden' });
  const replyBtn = h('button', { type: 'button', class: 'reply-btn' }, 'review reply');
  replyBtn.addEventListener('click', () =>
    get<{ text: string }>(`/api/patches/${p.id}/reply`)
      .then((r) => ((replyOut.textContent = r.text), replyOut.classList.remove('hidden')))
      .catch(fail),
  );
  const failing = p.apply && !['clean', 'offset', 'fuzz', 'three-way', 'already-applied'].includes(p.apply.status);
  return h(
    'section',
    { class: 'patch', id: `patch-${p.index}`, 'data-patch': p.id, tabindex: -1 },
    h(
      'h3',
      {},
      h('span', { class: 'idx' }, `${p.index}/${d.total}`),
      ' ',
      p.subject,
      ' ',
      p.apply ? h('span', { class: `badge ${failing ? 'bad' : 'ok'}`, title: p.apply.reason }, p.apply.status) : null,
      concerns.length ? h('span', { class: 'badge bad' }, `${concerns.length} concern${concerns.length > 1 ? 's' : ''}`) : null,
    ),
    h('div', { class: 'meta' }, `${p.author.name} <${p.author.email}> · ${age(p.date)} · `, h('a', { href: `/api/patches/${p.id}/mbox` }, 'mbox'), ' · ', replyBtn),
    p.trailers.length ? h('ul', { class: 'trailers' }, p.trailers.map((t) => h('li', {}, `${t.kind}: ${t.name} <${t.email}>`))) : null,
    failing && p.apply ? h('p', { class: 'bad' }, p.apply.reason) : null,
    h('details', {}, h('summary', {}, 'commit message'), h('pre', { class: 'commit' }, p.commitMessage)),
    renderDiff(p.diff, p.apply?.hunks ?? [], concerns, concernView),
    replyOut,
  );
}

function ledgerRow(c: LedgerComment, d: SeriesDetail): HTMLElement {
  const patch = d.patches.find((p) => p.id === c.patchId);
  const where = c.onCover ? 'cover' : patch ? `patch ${patch.index}` : 'series';
  const sel = h('select', { 'aria-label': `status of comment ${c.id}` }, COMMENT_STATUSES.map((s) => h('option', { value: s }, s)));
  sel.value = c.status;
  sel.addEventListener('change', () => post(`/api/comments/${c.id}/status`, { status: sel.value }).then(() => toast(`comment ${c.id} → ${sel.value}`)).catch(fail));
  const evidence = c.events
    .filter((e) => e.evidence.messageId)
    .map((e) => h('a', { href: `/api/messages/${encodeURIComponent(e.evidence.messageId ?? '')}/raw`, title: e.evidence.note ?? '' }, `${e.toStatus}${e.evidence.lines ? ` L${e.evidence.lines.join('-')}` : ''}`));
  return h(
    'tr',
    { class: `ledger-${c.status}` },
    h('td', {}, where, c.anchor ? h('div', { class: 'muted' }, `${c.anchor.file}:${c.anchor.lines.join('-')}`) : null),
    h('td', {}, c.author.name),
    h('td', { class: 'ledger-text' }, c.quoted ? h('pre', { class: 'quoted' }, c.quoted) : null, h('pre', {}, c.text)),
    h('td', {}, sel),
    h('td', {}, c.messageId ? h('a', { href: `/api/messages/${encodeURIComponent(c.messageId)}/raw` }, 'mail') : null, ' ', evidence, c.answers.length ? h('div', { class: 'muted' }, `${c.answers.length} answer(s)`) : null),
  );
}

function rangeDiffView(d: SeriesDetail): HTMLElement | null {
  const others = d.versions.filter((v) => v.id !== d.id);
  if (!others.length) return null;
  const sel = h('select', { 'aria-label': 'compare with version' }, others.map((v) => h('option', { value: v.id }, `v${v.version}`)));
  const prev = [...others].reverse().find((v) => v.version < d.version);
  if (prev) sel.value = String(prev.id);
  const out = h('div', { id: 'range-diff-out' });
  const run = () =>
    get<{ pairs: { fromIndex: number | null; toIndex: number | null; subject: string; status: string; diff: string }[] }>(`/api/range-diff?from=${sel.value}&to=${d.id}`)
      .then((r) => {
        clear(out);
        for (const p of r.pairs) {
          out.append(h('div', { class: `rd rd-${p.status === '=' ? 'same' : 'changed'}` }, h('b', {}, `${p.fromIndex ?? '-'} ${p.status} ${p.toIndex ?? '-'}`), ' ', p.subject));
          if (p.diff) out.append(h('pre', { class: 'rd-diff' }, p.diff.split('\n').map((l) => h('span', { class: l.startsWith('-') ? 'del' : l.startsWith('+') ? 'add' : '' }, `${l}\n`))));
        }
      })
      .catch(fail);
  return h('section', { id: 'range-diff' }, h('h2', {}, 'range-diff'), h('label', {}, 'against ', sel), ' ', h('button', { type: 'button', onclick: run }, 'compare'), out);
}

async function setState(d: SeriesDetail, stateCell: HTMLElement): Promise<void> {
  const state = await pickState(d.state, 'Set state');
  if (!state) return;
  try {
    const r = await post<{ state: string }>(`/api/series/${d.id}/state`, { state });
    d.state = r.state;
    clear(stateCell);
    stateCell.append(stateBadge(r.state));
    toast(`series → ${r.state}`);
  } catch (err) {
    fail(err);
  }
}

function header(d: SeriesDetail, stateCell: HTMLElement): HTMLElement {
  const chain = h('span', { class: 'chain' });
  d.versions.forEach((v, i) => {
    if (i) chain.append('→');
    chain.append(v.id === d.id ? h('b', {}, `v${v.version}`) : h('a', { href: `/series/${v.id}` }, `v${v.version}`));
  });
  const trigger = (stage: 'apply' | 'analyze') => () => post(`/api/series/${d.id}/${stage}`).then(() => toast(`${stage} queued`)).catch(fail);
  return h(
    'header',
    { class: 'series-head' },
    h('h1', { id: 'series-title' }, d.title),
    h(
      'div',
      { class: 'meta' },
      chain, ' · ', d.author ? `${d.author.name} <${d.author.email}>` : '?', ' · ', d.list, ' · ', age(d.date), ' · ', `${d.received}/${d.total} patches`, ' · ',
      stateCell, ' ', verdictBadge(d.apply), d.delegate ? ` · delegate ${d.delegate.name}` : '',
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', id: 'set-state', onclick: () => void setState(d, stateCell) }, 'set state (s)'),
      h('button', { type: 'button', onclick: trigger('apply') }, 'apply again (a)'),
      h('button', { type: 'button', onclick: trigger('analyze') }, 'analyze again'),
      h('a', { class: 'button', href: `/api/series/${d.id}/mbox` }, 'series mbox'),
    ),
    d.apply?.error ? h('p', { class: 'bad' }, d.apply.error) : null,
  );
}

let detach: (() => void) | null = null;

export async function renderSeries(app: HTMLElement, id: number): Promise<void> {
  detach?.();
  clear(app);
  const d = await get<SeriesDetail>(`/api/series/${id}`);
  document.title = `${d.title} · patchlens`;
  const stateCell = h('span', { id: 'series-state' }, stateBadge(d.state));
  append(app, [
    header(d, stateCell),
    d.cover ? h('section', { id: 'cover' }, h('h2', {}, d.cover.subject), h('pre', { class: 'body' }, d.cover.body)) : null,
    d.trailers.length ? h('ul', { class: 'trailers' }, d.trailers.map((t) => h('li', {}, `${t.kind}: ${t.name} <${t.email}> (whole series)`))) : null,
    ...d.patches.map((p) => patchView(p, d)),
    h(
      'section',
      { id: 'ledger' },
      h('h2', {}, `review ledger (${d.ledger.filter((c) => c.status === 'open').length} open of ${d.ledger.length})`),
      h('table', { class: 'ledger' }, h('tbody', {}, d.ledger.map((c) => ledgerRow(c, d)))),
    ),
  ]);
  const rd = rangeDiffView(d);
  if (rd) app.append(rd);
  let at = -1;
  const go = (delta: number) => {
    at = Math.max(0, Math.min(d.patches.length - 1, at + delta));
    const el = document.getElementById(`patch-${d.patches[at]?.index}`);
    el?.scrollIntoView({ block: 'start' });
    el?.focus({ preventScroll: true });
  };
  const handler = (e: KeyboardEvent) => {
    if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    const keys: Record<string, () => void> = {
      s: () => void setState(d, stateCell),
      j: () => go(1),
      k: () => go(-1),
      u: () => (location.href = '/'),
      a: () => void post(`/api/series/${d.id}/apply`).then(() => toast('apply queued')).catch(fail),
    };
    const act = keys[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  };
  document.addEventListener('keydown', handler);
  detach = () => document.removeEventListener('keydown', handler);
  keyHelp([['j/k', 'next/prev patch'], ['s', 'set state'], ['a', 'apply again'], ['u', 'back to queue']]);
  app.setAttribute('data-ready', 'series');
}

// The triage queue: one dense row per series, filters kept in the URL, and
// the keyboard: j/k move, o or Enter open, x select, s set state (on the
// selection, or the current row), / search, n next page, r reload. Bulk state
// changes go through POST /api/series/state in one transaction.
import { h, clear, age, toast, typing } from './dom.js';
import { get, post, STATES, type QueueItem } from './api.js';
import { pickState, keyHelp, verdictBadge, stateBadge, reportError } from './widgets.js';

const FILTERS = ['q', 'list', 'state', 'author', 'delegate', 'concerns', 'verdict', 'sort'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

interface QueueState {
  items: QueueItem[];
  next: string | null;
  at: number;
  selected: Set<number>;
  body: HTMLTableSectionElement;
}

function readFilters(): Filters {
  const p = new URLSearchParams(location.search);
  const f: Filters = {};
  for (const k of FILTERS) {
    const v = p.get(k);
    if (v) f[k] = v;
  }
  return f;
}

function apiUrl(f: Filters, cursor: string | null): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  p.set('limit', '50');
  if (cursor) p.set('cursor', cursor);
  return `/api/series?${p.toString()}`;
}

function versionChain(s: QueueItem): HTMLElement {
  const span = h('span', { class: 'chain' });
  s.versions.forEach((v, i) => {
    if (i) span.append('→');
    span.append(v.id === s.id ? h('b', {}, `v${v.version}`) : h('a', { href: `/series/${v.id}`, tabindex: -1 }, `v${v.version}`));
  });
  return span;
}

function row(s: QueueItem, st: QueueState): HTMLTableRowElement {
  const box = h('input', { type: 'checkbox', 'aria-label': 'select', tabindex: -1 });
  box.checked = st.selected.has(s.id);
  box.addEventListener('change', () => (box.checked ? st.selected.add(s.id) : st.selected.delete(s.id), paintSelection(st)));
  const t = s.trailers;
  const c = s.concerns;
  return h(
    'tr',
    { 'data-id': s.id },
    h('td', {}, box),
    h('td', { class: 'title' }, h('a', { href: `/series/${s.id}`, tabindex: -1 }, s.title), ' ', h('span', { class: 'list' }, s.list.split('.')[0] ?? s.list)),
    h('td', {}, versionChain(s)),
    h('td', { class: 'who', title: s.author?.email ?? '' }, s.author?.name ?? '?'),
    h('td', { class: 'num', title: s.date }, age(s.date)),
    h('td', { class: `num ${s.received < s.total ? 'warn' : ''}` }, `${s.received}/${s.total}`),
    h('td', { class: 'num trailers', title: `Reviewed-by ${t.reviewed}, Acked-by ${t.acked}, Tested-by ${t.tested}` }, `${t.reviewed}/${t.acked}/${t.tested}`),
    h('td', {}, verdictBadge(s.apply)),
    h('td', { class: 'num', title: `${c.open} open, ${c.answered} answered concerns` }, h('span', { class: c.open ? 'bad' : 'muted' }, String(c.open)), '/', String(c.answered)),
    h('td', { class: 'state-cell' }, stateBadge(s.state)),
  );
}

function paintSelection(st: QueueState): void {
  Array.from(st.body.rows).forEach((tr, i) => {
    const id = Number(tr.getAttribute('data-id'));
    tr.classList.toggle('current', i === st.at);
    tr.classList.toggle('selected', st.selected.has(id));
    const box = tr.querySelector('input');
    if (box) box.checked = st.selected.has(id);
    if (i === st.at) tr.setAttribute('aria-current', 'true');
    else tr.removeAttribute('aria-current');
  });
  const count = document.getElementById('selection-count');
  if (count) count.textContent = st.selected.size ? `${st.selected.size} selected` : '';
  st.body.rows[st.at]?.scrollIntoView({ block: 'nearest' });
}

async function loadMore(st: QueueState, f: Filters): Promise<void> {
  const page = await get<{ items: QueueItem[]; nextCursor: string | null }>(apiUrl(f, st.next));
  st.items.push(...page.items);
  st.next = page.nextCursor;
  for (const s of page.items) st.body.append(row(s, st));
  const more = document.getElementById('more');
  if (more) more.hidden = !st.next;
  const empty = document.getElementById('empty');
  if (empty) empty.hidden = st.items.length > 0;
  paintSelection(st);
}

function select(name: string, label: string, options: [string, string][], value: string | undefined): HTMLElement {
  const sel = h('select', { name, 'aria-label': label }, options.map(([v, t]) => h('option', { value: v }, t)));
  sel.value = value ?? '';
  return h('label', {}, `${label} `, sel);
}

async function filterBar(f: Filters): Promise<HTMLFormElement> {
  const lists = await get<{ items: { listId: string; name: string }[] }>('/api/lists').catch(() => ({ items: [] }));
  const text = (name: keyof Filters, label: string, ph: string) =>
    h('label', {}, `${label} `, h('input', { name, value: f[name] ?? '', placeholder: ph, 'aria-label': label, size: name === 'q' ? 28 : 14 }));
  const form = h(
    'form',
    { id: 'filters', role: 'search' },
    text('q', 'search', 'full text  ( / )'),
    select('list', 'list', [['', 'all'], ...lists.items.map((l): [string, string] => [l.listId, l.name])], f.list),
    select('state', 'state', [['', 'any'], ['New,Under Review,Changes Requested,RFC,Deferred', 'open'], ...STATES.map((s): [string, string] => [s, s])], f.state),
    text('author', 'author', 'address or id'),
    text('delegate', 'delegate', "address, id, 'none'"),
    select('concerns', 'concerns', [['', 'any'], ['open', 'open'], ['none', 'none open']], f.concerns),
    text('verdict', 'apply', 'fails, clean, none…'),
    select('sort', 'sort', [['-date', 'newest'], ['date', 'oldest']], f.sort ?? '-date'),
    h('button', { type: 'submit' }, 'filter'),
  );
  const submit = () => {
    const p = new URLSearchParams();
    for (const el of Array.from(form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[name], select[name]'))) {
      const v = el.value.trim();
      if (v && !(el.name === 'sort' && v === '-date')) p.set(el.name, v);
    }
    history.pushState(null, '', `/${p.toString() ? `?${p.toString()}` : ''}`);
    void renderQueue(document.getElementById('app') as HTMLElement);
  };
  form.addEventListener('submit', (e) => (e.preventDefault(), submit()));
  form.addEventListener('change', (e) => (e.target as HTMLElement).tagName === 'SELECT' && submit());
  return form;
}

async function setStates(st: QueueState): Promise<void> {
  const ids = st.selected.size ? [...st.selected] : [st.items[st.at]?.id].filter((x): x is number => x !== undefined);
  if (!ids.length) return;
  const current = ids.length === 1 ? (st.items.find((s) => s.id === ids[0])?.state ?? null) : null;
  const state = await pickState(current, ids.length > 1 ? `Set state of ${ids.length} series` : 'Set state');
  if (!state) return;
  try {
    const res = await post<{ updated: { id: number; state: string }[] }>('/api/series/state', { ids, state });
    for (const u of res.updated) {
      const i = st.items.findIndex((s) => s.id === u.id);
      const item = st.items[i];
      if (!item) continue;
      item.state = u.state;
      const cell = st.body.rows[i]?.querySelector('.state-cell');
      if (cell) {
        clear(cell);
        cell.append(stateBadge(u.state));
      }
    }
    st.selected.clear();
    paintSelection(st);
    toast(`${res.updated.length} series → ${state}`);
  } catch (err) {
    reportError(err);
  }
}

function onKey(st: QueueState, f: Filters) {
  return (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e)) {
      if (e.key === 'Escape') (e.target as HTMLElement).blur();
      return;
    }
    const cur = st.items[st.at];
    const keys: Record<string, () => void> = {
      j: () => (st.at = Math.min(st.items.length - 1, st.at + 1)),
      k: () => (st.at = Math.max(0, st.at - 1)),
      o: () => cur && (location.href = `/series/${cur.id}`),
      Enter: () => cur && (location.href = `/series/${cur.id}`),
      x: () => cur && (st.selected.has(cur.id) ? st.selected.delete(cur.id) : st.selected.add(cur.id)),
      s: () => void setStates(st),
      '/': () => (document.querySelector('#filters input[name=q]') as HTMLInputElement | null)?.focus(),
      n: () => st.next && void loadMore(st, f),
      r: () => void renderQueue(document.getElementById('app') as HTMLElement),
    };
    const act = keys[e.key];
    if (!act) return;
    e.preventDefault();
    act();
    paintSelection(st);
  };
}

let detach: (() => void) | null = null;

export async function renderQueue(app: HTMLElement): Promise<void> {
  detach?.();
  // not ready until this render has its rows (re-renders come from filters and r)
  app.removeAttribute('data-ready');
  const f = readFilters();
  clear(app);
  const body = h('tbody', { id: 'queue-body' });
  const st: QueueState = { items: [], next: null, at: 0, selected: new Set(), body };
  const head = ['', 'series', 'versions', 'author', 'age', 'patches', 'R/A/T', 'apply', 'concerns', 'state'];
  app.append(
    await filterBar(f),
    h('div', { class: 'bar' }, h('span', { id: 'selection-count' })),
    h('table', { id: 'queue', class: 'queue' }, h('thead', {}, h('tr', {}, head.map((t) => h('th', {}, t)))), body),
    h('p', { id: 'empty', class: 'muted', hidden: true }, 'No series match these filters.'),
    h('button', { id: 'more', type: 'button', hidden: true, onclick: () => void loadMore(st, f) }, 'more (n)'),
  );
  body.addEventListener('click', (e) => {
    const tr = (e.target as HTMLElement).closest('tr');
    if (!tr) return;
    st.at = Array.from(body.rows).indexOf(tr as HTMLTableRowElement);
    paintSelection(st);
  });
  const handler = onKey(st, f);
  document.addEventListener('keydown', handler);
  detach = () => document.removeEventListener('keydown', handler);
  keyHelp([['j/k', 'move'], ['o', 'open'], ['x', 'select'], ['s', 'set state'], ['/', 'search'], ['n', 'more'], ['r', 'reload']]);
  await loadMore(st, f).catch((err: Error) => toast(err.message, 'error'));
  app.setAttribute('data-ready', 'queue');
}

// Widgets shared by the dashboard's pages: the state menu (opened with `s`,
// picked with a digit, Enter or a click), the token box in the header, the
// keyboard help line, and the badges for verdicts, states and concerns.
import { h, clear, toast } from './dom.js';
import { ApiError, getToken, setToken, STATES } from './api.js';

/** Show an API error; a missing or refused token opens the token field. */
export function reportError(err: unknown): void {
  if (err instanceof ApiError) {
    toast(`${err.code}: ${err.message}`, 'error');
    if (err.status === 401) {
      setToken(null);
      renderTokenBox();
      document.getElementById('token-input')?.focus();
    }
    return;
  }
  toast(String(err), 'error');
}

/** Open the state picker; resolves with the chosen state, or null on Esc. */
export function pickState(current: string | null, title: string): Promise<string | null> {
  return new Promise((resolve) => {
    const items = STATES.map((s, i) =>
      h('li', { role: 'option', 'data-state': s, 'aria-selected': s === current ? 'true' : 'false', tabindex: -1 }, h('kbd', {}, String(i + 1)), ' ', s),
    );
    const list = h('ul', { role: 'listbox', class: 'state-list' }, items);
    const box = h('div', { class: 'overlay', id: 'state-menu', role: 'dialog', 'aria-label': title }, h('div', { class: 'dialog' }, h('h2', {}, title), list, h('p', { class: 'muted' }, '1–9 or ↑↓ Enter to choose, Esc to cancel')));
    let at = Math.max(0, STATES.findIndex((s) => s === current));
    const focus = () => items[at]?.focus();
    const done = (v: string | null) => {
      document.removeEventListener('keydown', onKey, true);
      box.remove();
      resolve(v);
    };
    const onKey = (e: KeyboardEvent) => {
      e.stopPropagation();
      e.preventDefault();
      if (e.key === 'Escape') return done(null);
      if (/^[1-9]$/.test(e.key)) return done(STATES[Number(e.key) - 1] ?? null);
      if (e.key === 'ArrowDown' || e.key === 'j') at = Math.min(STATES.length - 1, at + 1);
      if (e.key === 'ArrowUp' || e.key === 'k') at = Math.max(0, at - 1);
      if (e.key === 'Enter') return done(STATES[at] ?? null);
      focus();
    };
    list.addEventListener('click', (e) => {
      const li = (e.target as HTMLElement).closest('li');
      if (li) done(li.getAttribute('data-state'));
    });
    box.addEventListener('click', (e) => e.target === box && done(null));
    document.addEventListener('keydown', onKey, true);
    document.body.appendChild(box);
    focus();
  });
}

/** The token field in the header: writes need a maintainer token. */
export function renderTokenBox(): void {
  const who = document.getElementById('who');
  if (!who) return;
  clear(who);
  const has = !!getToken();
  const input = h('input', { type: 'password', id: 'token-input', placeholder: 'API token (for writes)', 'aria-label': 'API token', autocomplete: 'off' });
  const form = h(
    'form',
    { id: 'token-form', class: has ? 'hidden' : '' },
    input,
    h('button', { type: 'submit' }, 'save'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setToken(input.value.trim() || null);
    renderTokenBox();
  });
  const status = has
    ? h('span', {}, 'token set ', h('button', { type: 'button', id: 'token-clear', onclick: () => (setToken(null), renderTokenBox()) }, 'forget'))
    : null;
  who.append(form);
  if (status) who.append(status);
}

export function keyHelp(pairs: [string, string][]): void {
  const foot = document.getElementById('keys');
  if (!foot) return;
  clear(foot);
  for (const [k, what] of pairs) foot.append(h('span', {}, h('kbd', {}, k), ' ', what));
}

const VERDICT_CLASS: Record<string, string> = {
  clean: 'ok',
  'applies-with-offsets': 'ok',
  'applies-with-fuzz': 'warn',
  'applies-with-3way': 'warn',
  'already-applied': 'muted',
  fails: 'bad',
  error: 'bad',
  'no-tree': 'muted',
  'no-patches': 'muted',
};

export function verdictBadge(apply: { verdict: string; firstFailing: number | null } | null): HTMLElement {
  if (!apply) return h('span', { class: 'badge muted' }, '–');
  const text = apply.verdict === 'fails' && apply.firstFailing ? `fails @${apply.firstFailing}` : apply.verdict;
  return h('span', { class: `badge ${VERDICT_CLASS[apply.verdict] ?? 'muted'}`, title: `apply: ${apply.verdict}` }, text);
}

export function stateBadge(state: string): HTMLElement {
  return h('span', { class: `state s-${state.toLowerCase().replace(/\s+/g, '-')}` }, state);
}

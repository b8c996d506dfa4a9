// Entry point of the dashboard: picks the page from the path (`/` is the
// queue, `/series/<id>` a series), sets up the token box, and re-renders the
// queue on back/forward so filters in the URL stay the source of truth.
import { h, clear } from './dom.js';
import { renderQueue } from './queue.js';
import { renderSeries } from './series.js';
import { renderTokenBox } from './widgets.js';

async function route(): Promise<void> {
  const app = document.getElementById('app');
  if (!app) return;
  app.removeAttribute('data-ready');
  const m = /^\/series\/(\d+)\/?$/.exec(location.pathname);
  try {
    if (m) await renderSeries(app, Number(m[1]));
    else await renderQueue(app);
  } catch (err) {
    clear(app);
    app.append(h('p', { class: 'bad', id: 'load-error' }, `could not load: ${(err as Error).message}`));
    app.setAttribute('data-ready', 'error');
  }
}

window.addEventListener('popstate', () => void route());
document.addEventListener('DOMContentLoaded', () => {
  renderTokenBox();
  void route();
});

// Draws a concern's counterexample as an SVG sequence diagram: one lifeline
// per actor (device or driver), one arrow per step (an event or its effect),
// numbered top to bottom, with the violating step in red. Every label is set
// with textContent (see dom.ts).
import { svg } from './dom.js';
import type { Trace } from './api.js';

const COL = 150;
const ROW = 30;
const TOP = 46;

export function sequenceDiagram(trace: Trace): SVGElement {
  // room on the right for the labels of arrows that end at the last lifeline
  const width = Math.max(1, trace.actors.length) * COL + 260;
  const height = TOP + trace.steps.length * ROW + 20;
  const root = svg('svg', { class: 'seq', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
  root.append(svg('title', {}, `counterexample: ${trace.steps.length} steps between ${trace.actors.join(', ')}`));
  const defs = svg('defs');
  for (const [id, color] of [['arrow', '#444'], ['arrow-bad', '#c00']] as const) {
    const m = svg('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    m.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: color }));
    defs.append(m);
  }
  root.append(defs);
  const x = (actor: string) => 10 + trace.actors.indexOf(actor) * COL + COL / 2;
  trace.actors.forEach((a) => {
    root.append(svg('rect', { x: x(a) - COL / 2 + 8, y: 6, width: COL - 16, height: 24, rx: 4, class: 'actor' }));
    root.append(svg('text', { x: x(a), y: 22, 'text-anchor': 'middle', class: 'actor-label' }, a));
    root.append(svg('line', { x1: x(a), y1: 30, x2: x(a), y2: height - 10, class: 'lifeline' }));
  });
  trace.steps.forEach((s, i) => {
    const y = TOP + i * ROW + 10;
    const cls = s.violating ? 'step violating' : 'step';
    const g = svg('g', { class: cls, 'data-step': i + 1 });
    const label = `${i + 1}. ${s.label}`;
    if (s.from === s.to) {
      const x0 = x(s.from);
      g.append(svg('path', { d: `M ${x0} ${y} h 24 v 12 h -22`, fill: 'none', 'marker-end': `url(#${s.violating ? 'arrow-bad' : 'arrow'})` }));
      g.append(svg('text', { x: x0 + 30, y: y + 4 }, label));
    } else {
      const [x1, x2] = [x(s.from), x(s.to)];
      g.append(svg('line', { x1, y1: y, x2: x2 + (x2 > x1 ? -2 : 2), y2: y, 'marker-end': `url(#${s.violating ? 'arrow-bad' : 'arrow'})` }));
      g.append(svg('text', { x: Math.min(x1, x2) + 6, y: y - 5 }, label));
    }
    root.append(g);
  });
  return root;
}

// All alerts across models, newest first; each links to the window that made it fire.

import { h, clear, route, fmtTime, timeEl, evidenceEl, table } from '../dom.js';
import { get } from '../api.js';

export function create(main) {
  let state = '';
  let lastText = null;

  function draw(alerts) {
    const select = h('select', { id: 'alert-state' },
      [['', 'all'], ['firing', 'firing'], ['resolved', 'resolved']].map(([v, t]) => h('option', { value: v, selected: v === state }, t)));
    select.addEventListener('change', () => { state = select.value; load(true); });
    const body = [h('h1', null, 'Alerts'), h('div', { class: 'filters' }, h('label', { for: 'alert-state' }, 'State'), select)];
    if (!alerts.length) body.push(h('div', { class: 'card' }, h('p', { class: 'empty' }, state ? 'No ' + state + ' alerts.' : 'No alerts have fired.')));
    else body.push(h('section', { class: 'card', 'aria-label': 'Alerts' }, table(null,
      [{ label: 'Model' }, { label: 'Rule' }, { label: 'Expression' }, { label: 'State' }, { label: 'Window' }, { label: 'Fired' }, { label: 'Resolved' }, { label: 'Evidence' }],
      alerts.map((a) => [h('a', { href: route('models', a.model) }, a.model), a.rule, h('code', null, a.expression),
        h('span', { class: 'badge state-' + (a.state === 'firing' ? 'firing' : 'resolved') }, a.state),
        h('a', { href: route('models', a.model, 'windows', a.window_start), class: 'alert-window' }, fmtTime(a.window_start)),
        timeEl(a.fired_at), a.resolved_at ? timeEl(a.resolved_at) : '–', evidenceEl(a.evidence)]),
      (i) => ({ 'data-alert': alerts[i].id }))));
    clear(main).append(...body);
  }

  async function load(force) {
    const alerts = await get('/api/v1/alerts' + (state ? '?state=' + encodeURIComponent(state) : ''));
    const text = JSON.stringify(alerts);
    if (!force && text === lastText) return;
    lastText = text;
    draw(alerts);
  }

  return { render: () => load(true), poll: () => load(false) };
}

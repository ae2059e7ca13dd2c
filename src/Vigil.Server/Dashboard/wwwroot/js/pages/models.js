// Models list: one row per registered model with its status and last window.

import { h, clear, route, fmtCount, fmtPct, fmtTime, statusBadge, table } from '../dom.js';
import { get } from '../api.js';

export function create(main) {
  let lastText = null;

  function draw(models) {
    const body = [];
    body.push(h('h1', null, 'Models'));
    if (!models.length) {
      body.push(h('div', { class: 'card' }, h('p', null, 'No models registered yet.'),
        h('p', { class: 'muted' }, 'Register one through the API (POST /api/v1/models) or the client, or start ', h('code', null, 'vigil serve --demo'), ' to see a simulated model drift.')));
    } else {
      const counts = {};
      for (const m of models) counts[m.status] = (counts[m.status] || 0) + 1;
      body.push(h('p', { class: 'muted' }, `${models.length} model${models.length === 1 ? '' : 's'}`,
        Object.keys(counts).sort().map((k) => ` · ${counts[k]} ${k.replace('_', ' ')}`)));
      const rows = models.map((m) => {
        const lw = m.last_window;
        const aliases = m.aliases ? Object.keys(m.aliases).sort().map((a) => `${a} → ${m.aliases[a]}`).join(', ') : '';
        return [
          h('a', { href: route('models', m.name), class: 'model-link' }, m.name),
          m.task || '–',
          statusBadge(m.status),
          aliases || h('span', { class: 'muted' }, 'none'),
          fmtCount(m.versions),
          fmtCount(m.events_ingested),
          lw ? h('a', { href: route('models', m.name, 'windows', lw.start) }, fmtTime(lw.start) + ' – ' + fmtTime(lw.end)) : h('span', { class: 'muted' }, 'no windows yet'),
          lw ? fmtCount(lw.events) : '–',
          lw && lw.drift ? fmtPct(lw.drift.drift_share) : lw && lw.drift_share !== undefined ? fmtPct(lw.drift_share) : '–',
        ];
      });
      body.push(h('section', { class: 'card', 'aria-label': 'Models' }, table(null, [
        { label: 'Model' }, { label: 'Task' }, { label: 'Status' }, { label: 'Aliases' }, { label: 'Versions', num: true },
        { label: 'Events', num: true }, { label: 'Last window' }, { label: 'Window events', num: true }, { label: 'Drift share', num: true },
      ], rows, (i) => ({ 'data-model': models[i].name }))));
    }
    clear(main).append(...body);
  }

  async function load(force) {
    const models = await get('/api/v1/models');
    const text = JSON.stringify(models);
    if (!force && text === lastText) return;
    lastText = text;
    draw(models);
  }

  return { render: () => load(true), poll: () => load(false) };
}

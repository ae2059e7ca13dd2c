// Stored reports (evaluate / drift / validate / estimate HTML written by the CLI and uploaded).

import { h, clear, route, timeEl, table } from '../dom.js';
import { get, hasKey, openReport } from '../api.js';

export function create(main) {
  let lastText = null;

  function openLink(r) {
    const href = '/api/v1/reports/' + encodeURIComponent(r.id);
    const a = h('a', { href, target: '_blank', rel: 'noopener', class: 'report-link' }, 'Open');
    // A plain link cannot send the bearer key: with a key the report is fetched and saved as a file.
    a.addEventListener('click', (ev) => {
      if (!hasKey()) return;
      ev.preventDefault();
      openReport(r.id, r.title).catch((err) => { a.textContent = 'Open (failed: ' + err.message + ')'; });
    });
    return a;
  }

  function draw(reports) {
    const body = [h('h1', null, 'Reports')];
    if (!reports.length) {
      body.push(h('div', { class: 'card' }, h('p', { class: 'empty' }, 'No reports stored yet.'),
        h('p', { class: 'muted' }, 'Report commands upload what they write with ', h('code', null, '--server URL --key KEY'), '.')));
    } else {
      body.push(h('section', { class: 'card', 'aria-label': 'Reports' }, table(null,
        [{ label: 'Title' }, { label: 'Kind' }, { label: 'Model' }, { label: 'Created' }, { label: 'HTML' }, { label: 'JSON' }],
        reports.map((r) => [r.title || r.id, r.kind, r.model ? h('a', { href: route('models', r.model) }, r.model) : '–', timeEl(r.created_at), openLink(r),
          h('a', { href: '/api/v1/reports/' + encodeURIComponent(r.id) + '/json', target: '_blank', rel: 'noopener' }, 'JSON')]))));
      if (hasKey()) body.push(h('p', { class: 'muted' }, 'With an API key, "Open" downloads the report (a link cannot carry the key).'));
    }
    clear(main).append(...body);
  }

  async function load(force) {
    const reports = await get('/api/v1/reports');
    const text = JSON.stringify(reports);
    if (!force && text === lastText) return;
    lastText = text;
    draw(reports);
  }

  return { render: () => load(true), poll: () => load(false) };
}

// Stored reports (evaluate / drift / validate / estimate HTML written by the CLI and uploaded), opened inside the
// dashboard from a blob: URL in a sandboxed frame (see ../reportview.js).

import { h, clear } from '../dom.js';
import { get } from '../api.js';
import { reportsTable, reportViewer } from '../reportview.js';

export function create(main) {
  let lastText = null;
  let viewer = null;

  function draw(reports) {
    const body = [h('h1', null, 'Reports')];
    if (!reports.length) {
      body.push(h('div', { class: 'card' }, h('p', { class: 'empty' }, 'No reports stored yet.'),
        h('p', { class: 'muted' }, 'Report commands upload what they write with ', h('code', null, '--server URL --key KEY'), '.')));
    } else {
      // The viewer survives redraws so an open report stays open while the list refreshes.
      viewer = viewer || reportViewer();
      body.push(h('section', { class: 'card', 'aria-label': 'Reports' }, reportsTable(reports, viewer, null)), viewer);
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

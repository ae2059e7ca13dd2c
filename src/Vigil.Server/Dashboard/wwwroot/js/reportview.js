// Stored reports shown inside the dashboard. The HTML is fetched through the API with the tab's key (a plain link
// cannot carry a bearer key), turned into a blob: URL and shown in an iframe with an empty sandbox: the report gets
// an opaque origin and can run no script, whatever it contains (reports are uploaded by any ingest key). The page's
// Content-Security-Policy allows frames from blob: and nothing else new.

import { h, route, timeEl, table } from './dom.js';
import { fetchReportHtml } from './api.js';

let current = null; // { url } of the report on show, revoked when replaced or closed

function revoke() {
  if (current) { URL.revokeObjectURL(current.url); current = null; }
}

/** A table of reports with an "Open" button each; opening shows the report in `viewer` (an element on the page). */
export function reportsTable(reports, viewer, caption, showModel = true) {
  const cols = [{ label: 'Title' }, { label: 'Kind' }];
  if (showModel) cols.push({ label: 'Model' });
  cols.push({ label: 'Created' }, { label: 'HTML' }, { label: 'JSON' });
  return table(caption, cols, reports.map((r) => {
    const open = h('button', { type: 'button', class: 'report-open', 'data-report': r.id }, 'Open');
    open.addEventListener('click', () => showReport(viewer, r).catch((err) => { open.textContent = 'Open (failed: ' + err.message + ')'; }));
    const row = [r.title || r.id, r.kind];
    if (showModel) row.push(r.model ? h('a', { href: route('models', r.model) }, r.model) : '–');
    row.push(timeEl(r.created_at), open,
      h('a', { href: '/api/v1/reports/' + encodeURIComponent(r.id) + '/json', target: '_blank', rel: 'noopener' }, 'JSON'));
    return row;
  }), (i) => ({ 'data-report-row': reports[i].id }));
}

/** An empty viewer section; reportsTable's buttons fill it. */
export function reportViewer() {
  return h('section', { class: 'card report-viewer', id: 'report-viewer', 'aria-label': 'Report', hidden: true });
}

/** Fetches one report with the key and shows it in the viewer. */
export async function showReport(viewer, r) {
  const html = await fetchReportHtml(r.id);
  revoke();
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  current = { url };
  const close = h('button', { type: 'button', class: 'report-close' }, 'Close report');
  close.addEventListener('click', () => { revoke(); viewer.replaceChildren(); viewer.hidden = true; });
  const frame = h('iframe', { class: 'report-frame', sandbox: '', src: url, title: 'Report: ' + (r.title || r.id), referrerpolicy: 'no-referrer' });
  const download = h('a', { href: url, download: (String(r.title || 'report').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'report') + '.html' }, 'Save as file');
  viewer.replaceChildren(h('div', { class: 'chart-head' }, h('h2', { id: 'report-title', tabindex: '-1' }, r.title || r.id), h('span', null, download, ' ', close)), frame);
  viewer.hidden = false;
  viewer.scrollIntoView({ block: 'start' });
  document.getElementById('report-title').focus({ preventScroll: true });
}

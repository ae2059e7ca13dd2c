// DOM helpers. Every piece of text from the API goes in through text nodes (createTextNode /
// textContent), never through HTML parsing, so model names, expressions or evidence cannot inject markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an HTML element: h('a', {href: '#/x', class: 'y', onclick: fn}, 'text', child, [more]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Creates an SVG element with attributes (numbers are written as is). */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  if (!attrs) return;
  for (const name in attrs) {
    const v = attrs[name];
    if (v === null || v === undefined || v === false) continue;
    if (name.startsWith('on') && typeof v === 'function') el.addEventListener(name.slice(2), v);
    else if (name === 'text') el.textContent = String(v);
    else if (name === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(name === 'className' ? 'class' : name, v === true ? '' : String(v));
  }
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Removes every child of el. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** A hash route built from path parts, each URI-encoded. */
export function route(...parts) {
  return '#/' + parts.map((p) => encodeURIComponent(String(p))).join('/');
}

const numberFormat = new Intl.NumberFormat('en-US');

/** A count with thousands separators, or an en dash. */
export function fmtCount(v) {
  return v === null || v === undefined || Number.isNaN(v) ? '–' : numberFormat.format(v);
}

/** A number to at most `digits` significant digits (small p-values in exponent form). */
export function fmtNum(v, digits = 3) {
  if (v === null || v === undefined || typeof v !== 'number' || Number.isNaN(v)) return '–';
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(digits)));
}

/** A share in [0, 1] as a percentage. */
export function fmtPct(v) {
  return v === null || v === undefined || Number.isNaN(v) ? '–' : (v * 100).toFixed(v >= 0.1 || v === 0 ? 0 : 1) + '%';
}

/** An ISO time as "YYYY-MM-DD HH:MM" (UTC), or the date only when the time is midnight. */
export function fmtTime(iso, dateOnlyAtMidnight = true) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const t = d.toISOString();
  const hm = t.slice(11, 16);
  return dateOnlyAtMidnight && hm === '00:00' ? t.slice(0, 10) : t.slice(0, 10) + ' ' + hm + ' UTC';
}

/** A <time> element for an ISO instant. */
export function timeEl(iso) {
  return h('time', { datetime: iso || '' }, fmtTime(iso, false));
}

/** A status badge: ok / drifting / degraded / no_traffic / no_monitor. */
export function statusBadge(status) {
  const known = ['ok', 'drifting', 'degraded', 'no_traffic', 'no_monitor'];
  const k = known.includes(status) ? status : 'unknown';
  const label = { ok: 'ok', drifting: 'drifting', degraded: 'degraded', no_traffic: 'no traffic', no_monitor: 'no monitor', unknown: String(status ?? 'unknown') }[k];
  return h('span', { class: 'badge status-' + k }, label);
}

/** Evidence (a JSON string or object) shown as a disclosure with pretty-printed JSON. */
export function evidenceEl(evidence, summaryText = 'Evidence') {
  if (evidence === null || evidence === undefined || evidence === '') return h('span', { class: 'muted' }, '–');
  let value = evidence;
  if (typeof evidence === 'string') {
    try { value = JSON.parse(evidence); } catch { value = evidence; }
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return h('details', null, h('summary', null, summaryText), h('pre', null, text));
}

/** Parses a JSON string field or passes an object through; null on failure. */
export function asObject(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return v;
  try { return JSON.parse(v); } catch { return null; }
}

/** A table: columns = [{label, num?}], rows = arrays of cell contents (Node or text). */
export function table(caption, columns, rows, rowAttrs) {
  return h('div', { class: 'table-wrap' }, h('table', null,
    caption ? h('caption', null, caption) : null,
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
    h('tbody', null, rows.map((r, i) => h('tr', rowAttrs ? rowAttrs(i) : null,
      r.map((cell, j) => h('td', { class: columns[j].num ? 'num' : null }, cell)))))));
}

/** A page section card with a heading. */
export function card(title, id, ...children) {
  const hid = id ? id + '-title' : null;
  return h('section', { class: 'card', id, 'aria-labelledby': hid }, h('h2', { id: hid }, title), ...children);
}

/** A problem shown in place of content. */
export function problemEl(err) {
  const status = err && err.status ? ' (HTTP ' + err.status + ')' : '';
  const detail = err && err.problem && (err.problem.detail || err.problem.title);
  return h('div', { class: 'notice', role: 'alert' },
    h('strong', null, 'Could not load this page' + status + '. '),
    detail ? String(detail) : (err && err.message) || String(err));
}

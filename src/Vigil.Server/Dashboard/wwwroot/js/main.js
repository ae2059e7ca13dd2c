// Hash router, live refresh and the "ready" signal. Each page module exports
// `create(main, params) → {render(): Promise, update?(params): Promise|bool, poll?(): Promise}`.
// When a page has drawn everything it needs, <html data-ready="true"> is set and window.vigilReady
// becomes true; window.vigilReadyMs holds performance.now() at that moment (ms since navigation start),
// measured after the next frame so layout and paint are included.

import { h, clear, problemEl } from './dom.js';
import { hasKey, forgetKey, askForKey } from './api.js';
import { hideTip } from './charts.js';
import * as modelsPage from './pages/models.js';
import * as modelPage from './pages/model.js';
import * as alertsPage from './pages/alerts.js';
import * as reportsPage from './pages/reports.js';
import * as auditPage from './pages/audit.js';

const POLL_MS = 5000;
const main = document.getElementById('main');
const liveStatus = document.getElementById('live-status');
const liveToggle = document.getElementById('live-toggle');
const keyButton = document.getElementById('key-button');

const routes = [
  { nav: 'models', re: /^#?\/?$/, page: modelsPage, params: () => ({}) },
  { nav: 'models', re: /^#\/models\/?$/, page: modelsPage, params: () => ({}) },
  {
    nav: 'models', re: /^#\/models\/([^/]+)(?:\/windows\/([^/]+)(?:\/features\/([^/]+))?)?\/?$/, page: modelPage,
    params: (m) => ({ model: decodeURIComponent(m[1]), window: m[2] ? decodeURIComponent(m[2]) : null, feature: m[3] ? decodeURIComponent(m[3]) : null }),
  },
  { nav: 'alerts', re: /^#\/alerts\/?$/, page: alertsPage, params: () => ({}) },
  { nav: 'reports', re: /^#\/reports\/?$/, page: reportsPage, params: () => ({}) },
  { nav: 'audit', re: /^#\/audit\/?$/, page: auditPage, params: () => ({}) },
];

let current = null; // {page module, key, instance}
let generation = 0;
let live = true;
let timer = null;

function markReady() {
  const gen = generation;
  requestAnimationFrame(() => setTimeout(() => {
    if (gen !== generation) return;
    window.vigilReadyMs = performance.now();
    window.vigilReady = true;
    document.documentElement.dataset.readyRoute = location.hash;
    document.documentElement.dataset.ready = 'true';
  }, 0));
}

function unready() {
  window.vigilReady = false;
  delete document.documentElement.dataset.ready;
  delete document.documentElement.dataset.readyRoute;
}

function setNav(nav) {
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

async function navigate() {
  const hash = location.hash || '#/';
  if (!hash.startsWith('#/') && hash !== '#' && hash !== '') return; // in-page anchors are not routes
  const found = routes.map((r) => ({ r, m: hash.match(r.re) })).find((x) => x.m);
  unready();
  hideTip();
  const gen = ++generation;
  if (!found) {
    setNav(null);
    clear(main).appendChild(h('div', { class: 'card' }, h('h1', null, 'Not found'), h('p', null, 'No page at ', h('code', null, hash), '. ', h('a', { href: '#/' }, 'Back to models'))));
    markReady();
    return;
  }
  const { r, m } = found;
  const params = r.params(m);
  setNav(r.nav);
  try {
    const key = r.page.key ? r.page.key(params) : r.nav;
    if (current && current.page === r.page && current.key === key && current.instance.update) {
      await current.instance.update(params);
    } else {
      const instance = r.page.create(main, params);
      current = { page: r.page, key, instance };
      await instance.render();
    }
    if (gen !== generation) return;
    markReady();
  } catch (err) {
    if (gen !== generation) return;
    current = null;
    const titles = { models: 'Models', alerts: 'Alerts', reports: 'Reports', audit: 'Audit log' };
    clear(main).appendChild(h('div', { class: 'stack' }, h('h1', null, params.model || titles[r.nav] || 'Vigil'), problemEl(err),
      err && err.status === 401 ? h('p', null, h('button', { type: 'button', class: 'plain', onclick: () => askForKey('').then(navigate, () => {}) }, 'Enter key')) : null,
      err && err.status === 403 ? h('p', null, 'Your key does not have the scope this page needs. ', h('button', { type: 'button', class: 'plain', onclick: changeKey }, 'Use another key')) : null));
    markReady();
  }
  updateKeyButton();
}

function updateKeyButton() {
  keyButton.hidden = !hasKey();
}

function changeKey() {
  forgetKey();
  updateKeyButton();
  askForKey('').then(() => { current = null; navigate(); }, () => {});
}

function setLive(state, text) {
  liveStatus.dataset.state = state;
  liveStatus.textContent = text;
}

async function tick() {
  timer = null;
  if (live && !document.hidden && current && current.instance.poll && !document.getElementById('key-dialog').open) {
    try {
      await current.instance.poll();
      setLive('live', 'Live · updated ' + new Date().toISOString().slice(11, 19) + ' UTC');
    } catch (err) {
      setLive('error', 'Update failed: ' + (err && err.message ? err.message : String(err)));
    }
  }
  schedule();
}

function schedule() {
  if (timer === null && live) timer = setTimeout(tick, POLL_MS);
}

liveToggle.addEventListener('click', () => {
  live = !live;
  liveToggle.setAttribute('aria-pressed', String(live));
  liveToggle.textContent = live ? 'Pause updates' : 'Resume updates';
  if (live) { setLive('live', 'Live'); schedule(); } else { if (timer !== null) clearTimeout(timer); timer = null; setLive('paused', 'Paused'); }
});
keyButton.addEventListener('click', changeKey);
document.addEventListener('vigil:key', updateKeyButton);
window.addEventListener('hashchange', navigate);
setLive('live', 'Live · every ' + POLL_MS / 1000 + ' s');
navigate();
schedule();

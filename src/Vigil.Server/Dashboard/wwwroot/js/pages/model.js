// Model page: status, charts over windows (performance with the CBPE band, drift share, feature drift
// heatmap, traffic, data quality, prediction distribution), the selected window's detail with the two
// distributions of a feature, alerts and retraining triggers with evidence, versions, aliases and their
// promotion / rollback history. Route: #/models/{model}[/windows/{start}[/features/{feature}]].

import { h, clear, route, fmtCount, fmtNum, fmtPct, fmtTime, timeEl, statusBadge, evidenceEl, asObject, table, card } from '../dom.js';
import { get } from '../api.js';
import { reportsTable, reportViewer } from '../reportview.js';
import { timeChart, groupedBars, heatmap, heatLegend, legend, colors } from '../charts.js';

export function key(params) {
  return 'model:' + params.model;
}

const sameTime = (a, b) => {
  if (a === b) return true;
  const ta = Date.parse(a), tb = Date.parse(b);
  return Number.isFinite(ta) && ta === tb;
};

/** Severity of one drift result: 1 at the threshold, larger = stronger evidence or distance. */
function severity(rec) {
  const thr = rec.threshold;
  if (rec.p_value !== null && rec.p_value !== undefined) {
    if (!(thr > 0 && thr < 1)) return NaN;
    const p = Math.max(rec.p_value, 1e-300);
    return Math.log(p) / Math.log(thr);
  }
  if (thr > 0 && Number.isFinite(rec.statistic)) return rec.statistic / thr;
  return NaN;
}

function describeDrift(rec) {
  const parts = [rec.method || 'test'];
  if (rec.p_value !== null && rec.p_value !== undefined) parts.push('statistic ' + fmtNum(rec.statistic), 'p = ' + fmtNum(rec.p_value), '(drift when p < ' + fmtNum(rec.threshold) + ')');
  else parts.push('distance ' + fmtNum(rec.statistic), '(drift when ≥ ' + fmtNum(rec.threshold) + ')');
  return parts.join(' ') + ' · ' + (rec.drift ? 'DRIFT' : 'no drift');
}

/** Bin labels for a numeric distribution: edges may be bin bounds (k+1) or interior cut points (k−1). */
export function binLabels(dist) {
  const k = (dist.reference || dist.current || []).length;
  const e = dist.edges || [];
  const f = (v) => (v === null || v === undefined ? '' : fmtNum(v, 3));
  const out = [];
  if (e.length === k + 1) {
    for (let i = 0; i < k; i++) out.push((e[i] === null ? '−∞' : f(e[i])) + ' – ' + (e[i + 1] === null ? '∞' : f(e[i + 1])));
  } else if (e.length === k - 1) {
    for (let i = 0; i < k; i++) out.push(i === 0 ? '< ' + f(e[0]) : i === k - 1 ? '≥ ' + f(e[k - 2]) : f(e[i - 1]) + ' – ' + f(e[i]));
  } else {
    for (let i = 0; i < k; i++) out.push('bin ' + (i + 1));
  }
  return out;
}

function windowLabels(windows) {
  const allMidnight = windows.every((w) => typeof w.start === 'string' && /T00:00(:00(\.0+)?)?(Z|\+00:00)?$/.test(w.start));
  return windows.map((w) => {
    const d = new Date(w.start);
    if (Number.isNaN(d.getTime())) return String(w.start);
    const t = d.toISOString();
    return allMidnight ? t.slice(0, 10) : t.slice(5, 10) + ' ' + t.slice(11, 16);
  });
}

function alertThresholds(monitor, prefix) {
  const out = [];
  const cfg = monitor ? asObject(monitor.config) || monitor : null;
  const alerts = cfg && Array.isArray(cfg.alerts) ? cfg.alerts : [];
  for (const a of alerts) {
    const m = typeof a.expression === 'string' && a.expression.match(new RegExp('^\\s*' + prefix.replace('.', '\\.') + '\\s*(<=|>=|<|>)\\s*([0-9.eE+-]+)\\s*$'));
    if (m) out.push({ value: Number(m[2]), label: (a.name ? a.name + ': ' : '') + a.expression });
  }
  return out;
}

/** Reference lines at the same value drawn once, their labels joined (else the labels print over each other). */
function mergeLines(lines) {
  const out = [];
  for (const l of lines) {
    const same = out.find((o) => o.value === l.value);
    if (same) same.label += ' · ' + l.label; else out.push({ ...l });
  }
  return out;
}

export function create(main, initialParams) {
  let params = initialParams;
  let data = null; // {model, windows, alerts, triggers}
  let derived = null;
  let signature = null;
  let metric = null;
  let hm = null; // heatmap handle
  const timings = (window.vigilTimings = {});
  const full = new Map(); // window start → the full window (with distributions), fetched when a feature is opened

  /** Fetches the selected window in full when a feature's distributions are to be shown (the list is a summary). */
  async function loadSelected() {
    if (!params.window || !params.feature || !data) return;
    const i = selectedIndex();
    if (i < 0) return;
    const w = data.windows[i];
    const k = w.start + '|' + w.computed_at;
    if (full.has(k)) return;
    full.set(k, await get('/api/v1/models/' + encodeURIComponent(params.model) + '/windows/' + encodeURIComponent(w.start)));
  }

  async function fetchAll() {
    const m = encodeURIComponent(params.model);
    const t0 = performance.now();
    const [model, windows, alerts, triggers, list, reports] = await Promise.all([
      get('/api/v1/models/' + m),
      get('/api/v1/models/' + m + '/windows?fields=summary'),
      get('/api/v1/alerts?model=' + m),
      get('/api/v1/models/' + m + '/triggers'),
      get('/api/v1/models'),
      get('/api/v1/reports?model=' + m),
    ]);
    signature = sig(model, list, reports);
    timings.fetchMs = performance.now() - t0;
    windows.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    data = { model, windows, alerts, triggers, reports };
    derive();
  }

  function derive() {
    const { model, windows } = data;
    const schema = model.monitor && Array.isArray(model.monitor.schema) ? model.monitor.schema.map((f) => f.name) : [];
    const seen = new Set();
    const features = [];
    const colMaps = new Array(windows.length);
    const skipMaps = new Array(windows.length);
    for (let i = 0; i < windows.length; i++) {
      const d = windows[i].drift;
      const map = new Map();
      const skip = new Map();
      if (d && Array.isArray(d.columns)) for (const c of d.columns) { map.set(c.column, c); seen.add(c.column); }
      if (d && Array.isArray(d.skipped_columns)) for (const c of d.skipped_columns) { skip.set(c.column, c.reason); seen.add(c.column); }
      colMaps[i] = map;
      skipMaps[i] = skip;
    }
    for (const f of schema) if (seen.has(f)) { features.push(f); seen.delete(f); }
    for (const f of seen) features.push(f);
    const metrics = [];
    const addMetric = (k) => { if (!metrics.includes(k)) metrics.push(k); };
    for (const w of windows) {
      if (w.realized) Object.keys(w.realized).forEach(addMetric);
      if (w.estimated) Object.keys(w.estimated).forEach(addMetric);
    }
    if (!metric || !metrics.includes(metric)) metric = metrics.includes('roc_auc') ? 'roc_auc' : metrics[0] || null;
    derived = { features, colMaps, skipMaps, metrics, labels: windowLabels(windows) };
  }

  function selectedIndex() {
    if (!params.window || !data) return -1;
    return data.windows.findIndex((w) => sameTime(w.start, params.window));
  }

  function openWindow(i, feature) {
    const w = data.windows[i];
    if (!w) return;
    location.hash = feature ? route('models', params.model, 'windows', w.start, 'features', feature) : route('models', params.model, 'windows', w.start);
  }

  function header() {
    const m = data.model;
    const aliases = m.aliases ? Object.keys(m.aliases).sort() : [];
    const last = data.windows[data.windows.length - 1];
    return [
      h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('ol', null, h('li', null, h('a', { href: '#/' }, 'Models')), h('li', null, h('span', { 'aria-current': 'page' }, m.name)))),
      h('h1', null, h('span', null, m.name), statusBadge(m.status)),
      m.description ? h('p', null, m.description) : null,
      h('dl', { class: 'facts' },
        fact('Task', m.task), fact('Positive label', m.positive_label ?? '–'),
        fact('Aliases', aliases.length ? aliases.map((a) => a + ' → ' + m.aliases[a]).join(', ') : 'none'),
        fact('Events', fmtCount(m.events_ingested)), fact('Labels', fmtCount(m.labels_ingested)),
        fact('Windows', fmtCount(data.windows.length)),
        fact('Last window', last ? fmtTime(last.start) + (last.closed ? ' (closed)' : ' (open)') : 'none'),
        fact('Firing alerts', fmtCount(data.alerts.filter((a) => a.state === 'firing').length))),
    ];
  }

  function fact(label, value) {
    return h('div', null, h('dt', null, label), h('dd', null, value === null || value === undefined ? '–' : value));
  }

  function chartsSection(width, left) {
    const { windows } = data;
    const { labels, metrics } = derived;
    const sel = selectedIndex();
    const onSelect = (i) => openWindow(i);
    const out = [];
    if (!data.model.monitor) {
      out.push(card('Monitoring', 'monitoring', h('p', { class: 'empty' }, 'No monitor configured for this model: PUT /api/v1/models/{model}/monitor with reference data to start windows, drift and estimation.')));
      return out;
    }
    if (!windows.length) {
      out.push(card('Monitoring', 'monitoring', h('p', { class: 'empty' }, 'No windows yet: send predictions to POST /api/v1/models/{model}/predictions.')));
      return out;
    }

    // Performance: realised metric and CBPE estimate with its band.
    const perf = card('Performance', 'performance');
    if (metric) {
      const realized = windows.map((w) => (w.realized && Number.isFinite(w.realized[metric]) ? w.realized[metric] : null));
      const est = windows.map((w) => (w.estimated && w.estimated[metric] ? w.estimated[metric] : null));
      const series = [
        { name: 'realised ' + metric, color: colors.blue, values: realized },
        { name: 'estimated ' + metric + ' (CBPE)', color: colors.orange, dash: '6 4', values: est.map((e) => (e && Number.isFinite(e.value) ? e.value : null)),
          band: { lower: est.map((e) => (e && Number.isFinite(e.lower) ? e.lower : null)), upper: est.map((e) => (e && Number.isFinite(e.upper) ? e.upper : null)) } },
      ];
      const head = h('div', { class: 'chart-head' });
      if (metrics.length > 1) {
        const select = h('select', { id: 'metric-select', 'aria-label': 'Metric' }, metrics.map((k) => h('option', { value: k, selected: k === metric }, k)));
        select.addEventListener('change', () => { metric = select.value; drawAll(); });
        head.appendChild(h('label', null, 'Metric ', select));
      }
      perf.append(head,
        timeChart({ width, left, height: 220, labels, series, title: 'Realised and estimated ' + metric + ' per window', selected: sel, onSelect,
          refLines: mergeLines(alertThresholds(data.model.monitor, 'estimated.' + metric).concat(alertThresholds(data.model.monitor, 'realized.' + metric))) }),
        legend([{ name: 'realised (from labels)', color: colors.blue }, { name: 'estimated (CBPE), with band', color: colors.orange, dash: '6 4', band: true }]));
    } else {
      perf.appendChild(h('p', { class: 'empty' }, 'No performance metrics yet (no labels and no estimation).'));
    }
    out.push(perf);

    // Drift share.
    const share = card('Drift share', 'drift-share');
    share.append(
      timeChart({ width, left, height: 170, labels, yMin: 0, yMax: 1, yFormat: (v) => Math.round(v * 100) + '%',
        series: [{ name: 'drift share', color: colors.vermillion, values: windows.map((w) => (w.drift && Number.isFinite(w.drift.drift_share) ? w.drift.drift_share : null)), fmt: fmtPct }],
        title: 'Share of drifted features per window', selected: sel, onSelect, refLines: alertThresholds(data.model.monitor, 'drift_share') }),
      legend([{ name: 'share of tested features that drifted', color: colors.vermillion }]));
    out.push(share);

    // Feature drift heatmap.
    const heat = card('Feature drift', 'feature-drift');
    if (derived.features.length) {
      const { features, colMaps, skipMaps } = derived;
      const selR = params.feature ? features.indexOf(params.feature) : -1;
      hm = heatmap({
        width, left, rows: features, labels, title: 'Feature drift heatmap',
        selected: sel >= 0 && selR >= 0 ? { r: selR, c: sel } : null,
        cell: (r, c) => {
          const rec = colMaps[c].get(features[r]);
          return rec ? { drift: !!rec.drift, severity: severity(rec) } : null;
        },
        describe: (r, c) => {
          const rec = colMaps[c].get(features[r]);
          if (rec) return describeDrift(rec);
          const reason = skipMaps[c].get(features[r]);
          return reason ? 'skipped: ' + reason : 'not tested';
        },
        onOpen: (r, c) => openWindow(c, features[r]),
      });
      heat.append(h('p', { class: 'muted' }, 'Each cell is one feature in one window. Select a cell (click, or arrow keys and Enter) to compare its reference and current distributions.'),
        hm.el, heatLegend());
    } else {
      heat.appendChild(h('p', { class: 'empty' }, 'No drift results in these windows yet.'));
    }
    out.push(heat);

    // Traffic and data quality side by side.
    const half = width;
    const traffic = card('Traffic', 'traffic',
      timeChart({ width: half, left, height: 160, kind: 'bars', labels, title: 'Events and labelled events per window', selected: sel, onSelect,
        series: [{ name: 'events', color: colors.sky, values: windows.map((w) => w.events), fmt: fmtCount }, { name: 'labelled', color: colors.blue, values: windows.map((w) => w.labeled), fmt: fmtCount }] }),
      legend([{ name: 'events', color: colors.sky, kind: 'box' }, { name: 'with a label', color: colors.blue, kind: 'box' }]));
    const quality = card('Data quality failures', 'quality',
      timeChart({ width: half, left, height: 160, kind: 'bars', labels, title: 'Failed data-quality checks per window', selected: sel, onSelect,
        series: [{ name: 'failed checks', color: colors.purple, values: windows.map((w) => (w.quality && Number.isFinite(w.quality.failed) ? w.quality.failed : 0)), fmt: fmtCount }] }),
      legend([{ name: 'failed checks', color: colors.purple, kind: 'box' }]));
    out.push(traffic, quality);

    // Prediction distribution of the selected (else latest) window.
    const pdIdx = sel >= 0 ? sel : lastIndexWith(windows, (w) => w.prediction_distribution);
    const pd = card('Prediction distribution', 'prediction-distribution');
    if (pdIdx >= 0 && windows[pdIdx].prediction_distribution) {
      const dist = windows[pdIdx].prediction_distribution;
      const pdr = windows[pdIdx].prediction_drift;
      pd.append(h('p', { class: 'muted' }, 'Window ' + labels[pdIdx] + (pdr ? ' · ' + describeDrift(pdr) : '')),
        groupedBars({ width: Math.min(width, 900), height: 180, categories: dist.categories || binLabels(dist), title: 'Prediction distribution, reference vs window ' + labels[pdIdx],
          series: [{ name: 'reference', color: colors.blue, values: dist.reference || [] }, { name: 'current', color: colors.orange, values: dist.current || [] }], yFormat: (v) => fmtPct(v) }),
        legend([{ name: 'reference', color: colors.blue, kind: 'box' }, { name: 'current window', color: colors.orange, kind: 'box' }]));
    } else {
      pd.appendChild(h('p', { class: 'empty' }, 'No prediction distribution stored yet.'));
    }
    out.push(pd);
    return out;
  }

  function lastIndexWith(arr, pred) {
    for (let i = arr.length - 1; i >= 0; i--) if (pred(arr[i])) return i;
    return -1;
  }

  function windowDetail(width) {
    if (!params.window) return null;
    const i = selectedIndex();
    const sec = h('section', { class: 'card', id: 'window-detail', 'aria-labelledby': 'window-detail-title' });
    const close = h('a', { href: route('models', params.model) }, 'Close');
    if (i < 0) {
      sec.append(h('h2', { id: 'window-detail-title', tabindex: '-1' }, 'Window ' + fmtTime(params.window)), h('p', { class: 'empty' }, 'This window is not among the stored windows. '), close);
      return sec;
    }
    const w = data.windows[i];
    const label = derived.labels[i];
    sec.append(h('div', { class: 'chart-head' }, h('h2', { id: 'window-detail-title', tabindex: '-1' }, 'Window ' + label), close),
      h('dl', { class: 'facts' }, fact('Start', fmtTime(w.start, false)), fact('End', fmtTime(w.end, false)), fact('State', w.closed ? 'closed' : 'open'),
        fact('Events', fmtCount(w.events)), fact('Labelled', fmtCount(w.labeled)), fact('Drift share', w.drift ? fmtPct(w.drift.drift_share) + ' (' + fmtCount(w.drift.drifted_columns) + ' of ' + fmtCount(w.drift.columns_tested) + ')' : '–'),
        fact('Quality failures', w.quality ? fmtCount(w.quality.failed) : '–'), fact('Computed', fmtTime(w.computed_at, false))));

    if (params.feature) {
      const f = params.feature;
      const fw = full.get(w.start + '|' + w.computed_at) || w;
      const dist = fw.distributions ? fw.distributions[f] : null;
      const rec = w.drift && Array.isArray(w.drift.columns) ? w.drift.columns.find((c) => c.column === f) : null;
      const box = h('div', { id: 'feature-distribution' }, h('h3', null, 'Distribution of ', h('code', null, f)));
      if (rec) box.appendChild(h('p', { class: rec.drift ? 'drift-yes' : null }, describeDrift(rec)));
      if (dist && (dist.reference || dist.current)) {
        const cats = dist.kind === 'categorical' ? dist.categories || [] : binLabels(dist);
        box.append(groupedBars({ width: Math.min(width, 900), height: 200, categories: cats, title: 'Distribution of ' + f + ': reference vs window ' + label,
          series: [{ name: 'reference', color: colors.blue, values: dist.reference || [] }, { name: 'current', color: colors.orange, values: dist.current || [] }], yFormat: (v) => fmtPct(v) }),
        legend([{ name: 'reference', color: colors.blue, kind: 'box' }, { name: 'this window', color: colors.orange, kind: 'box' }]));
      } else {
        box.appendChild(h('p', { class: 'empty' }, 'No stored distribution for this feature in this window.'));
      }
      sec.appendChild(box);
    }

    const cols = w.drift && Array.isArray(w.drift.columns) ? w.drift.columns : [];
    if (cols.length) {
      sec.appendChild(table('Drift per feature', [{ label: 'Feature' }, { label: 'Method' }, { label: 'Statistic', num: true }, { label: 'p-value', num: true }, { label: 'Threshold', num: true }, { label: 'Drift' }],
        cols.map((c) => [h('a', { href: route('models', params.model, 'windows', w.start, 'features', c.column) }, c.column), c.method, fmtNum(c.statistic), fmtNum(c.p_value), fmtNum(c.threshold),
          h('span', { class: c.drift ? 'drift-yes' : null }, c.drift ? 'yes' : 'no')]),
        (k) => (cols[k].column === params.feature ? { class: 'selected' } : null)));
    }
    if (w.drift && Array.isArray(w.drift.skipped_columns) && w.drift.skipped_columns.length) {
      sec.appendChild(table('Skipped features', [{ label: 'Feature' }, { label: 'Reason' }], w.drift.skipped_columns.map((c) => [c.column, c.reason])));
    }
    if (w.quality && Array.isArray(w.quality.checks) && w.quality.checks.length) {
      sec.appendChild(table('Data-quality checks', [{ label: 'Column' }, { label: 'Check' }, { label: 'Failed', num: true }, { label: 'Detail' }],
        w.quality.checks.map((c) => [c.column ?? '–', c.check, fmtCount(c.failed), typeof c.detail === 'string' ? c.detail : c.detail ? JSON.stringify(c.detail) : '–'])));
    }
    const perfKeys = new Set([...Object.keys(w.realized || {}), ...Object.keys(w.estimated || {})]);
    if (perfKeys.size) {
      sec.appendChild(table('Performance', [{ label: 'Metric' }, { label: 'Realised', num: true }, { label: 'Estimated', num: true }, { label: 'Band', num: true }],
        [...perfKeys].map((k) => {
          const e = w.estimated ? w.estimated[k] : null;
          return [k, fmtNum(w.realized ? w.realized[k] : null), fmtNum(e ? e.value : null), e ? '[' + fmtNum(e.lower) + ', ' + fmtNum(e.upper) + ']' : '–'];
        })));
    }
    const fired = data.alerts.filter((a) => sameTime(a.window_start, w.start));
    if (fired.length) sec.appendChild(h('div', null, h('h3', null, 'Alerts fired by this window'), h('ul', null, fired.map((a) => h('li', null, a.rule, ': ', h('code', null, a.expression), ' (' + a.state + ')')))));
    return sec;
  }

  function alertsSection() {
    const sec = card('Alerts', 'alerts');
    if (!data.alerts.length) { sec.appendChild(h('p', { class: 'empty' }, 'No alerts have fired.')); return sec; }
    sec.appendChild(table(null, [{ label: 'Rule' }, { label: 'Expression' }, { label: 'State' }, { label: 'Window' }, { label: 'Fired' }, { label: 'Resolved' }, { label: 'Evidence' }],
      data.alerts.map((a) => [a.rule, h('code', null, a.expression), h('span', { class: 'badge state-' + (a.state === 'firing' ? 'firing' : 'resolved') }, a.state),
        h('a', { href: route('models', params.model, 'windows', a.window_start), class: 'alert-window' }, fmtTime(a.window_start)),
        timeEl(a.fired_at), a.resolved_at ? timeEl(a.resolved_at) : '–', evidenceEl(a.evidence)]),
      (i) => ({ 'data-alert': data.alerts[i].id, class: params.window && sameTime(data.alerts[i].window_start, params.window) ? 'selected' : null })));
    return sec;
  }

  function triggersSection() {
    const sec = card('Retraining triggers', 'triggers');
    if (!data.triggers.length) { sec.appendChild(h('p', { class: 'empty' }, 'No retraining has been requested.')); return sec; }
    sec.appendChild(table(null, [{ label: 'When' }, { label: 'Reason' }, { label: 'Evidence' }],
      data.triggers.map((t) => [timeEl(t.at), t.reason, evidenceEl(t.evidence)])));
    return sec;
  }

  let viewer = null; // kept across redraws so an open report stays open
  function reportsSection() {
    const sec = card('Reports', 'model-reports');
    if (!data.reports.length) {
      sec.appendChild(h('p', { class: 'empty' }, 'No reports stored for this model.'));
      return [sec];
    }
    viewer = viewer || reportViewer();
    sec.appendChild(reportsTable(data.reports, viewer, null, false));
    return [sec, viewer];
  }

  function registrySection() {
    const m = data.model;
    const sec = card('Versions and aliases', 'registry');
    const aliases = m.aliases ? Object.keys(m.aliases).sort() : [];
    sec.appendChild(aliases.length
      ? table('Aliases', [{ label: 'Alias' }, { label: 'Version' }], aliases.map((a) => [a, m.aliases[a]]))
      : h('p', { class: 'empty' }, 'No aliases.'));
    const versions = Array.isArray(m.versions) ? m.versions : [];
    sec.appendChild(versions.length
      ? table('Versions', [{ label: 'Version' }, { label: 'Framework' }, { label: 'Created' }, { label: 'Artifact' }, { label: 'Training data' }, { label: 'Tags' }, { label: 'Evaluation' }],
        versions.map((v) => [v.version, v.framework ?? '–', timeEl(v.created_at), v.artifact_sha256 ? h('span', { class: 'mono', title: v.artifact_sha256 }, v.artifact_sha256.slice(0, 12) + '…') : '–',
          v.training_data_fingerprint ? h('span', { class: 'mono', title: v.training_data_fingerprint }, String(v.training_data_fingerprint).slice(0, 12) + '…') : '–',
          v.tags && Object.keys(v.tags).length ? Object.keys(v.tags).map((k) => k + '=' + v.tags[k]).join(', ') : '–',
          v.evaluation ? evidenceEl(v.evaluation, 'Evaluation') : '–']))
      : h('p', { class: 'empty' }, 'No versions registered.'));
    const history = Array.isArray(m.alias_history) ? m.alias_history.slice().reverse() : [];
    sec.appendChild(history.length
      ? table('Promotion and rollback history (newest first)', [{ label: 'When' }, { label: 'Alias' }, { label: 'Change' }, { label: 'From → to' }, { label: 'By' }, { label: 'Gate evidence' }],
        history.map((c) => [timeEl(c.at), c.alias, c.kind, (c.from_version ?? '∅') + ' → ' + c.to_version, c.actor ?? '–', gateSummary(c.evidence)]))
      : h('p', { class: 'empty' }, 'No alias changes yet.'));
    return sec;
  }

  function gateSummary(evidence) {
    const ev = asObject(evidence);
    if (!ev) return evidenceEl(evidence, 'Gate evidence');
    const passed = ev.passed ?? ev.promoted ?? (ev.gate ? ev.gate.passed : undefined);
    const label = passed === true ? 'Gate passed' : passed === false ? 'Gate failed' : 'Gate evidence';
    return evidenceEl(ev, label);
  }

  function drawAll() {
    const t0 = performance.now();
    const scrollY = window.scrollY;
    const active = document.activeElement;
    const heatFocus = active && active.getAttribute && active.getAttribute('data-rc');
    clear(main);
    main.append(...header());
    // Measure the content width of a card once, then draw every chart to it.
    const probe = h('section', { class: 'card' });
    main.appendChild(probe);
    const cs = getComputedStyle(probe);
    const width = Math.floor(probe.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight));
    probe.remove();
    const maxName = derived.features.reduce((mx, f) => Math.max(mx, Math.min(22, String(f).length)), 4);
    const left = Math.min(170, Math.max(52, 12 + maxName * 6.4));
    const detail = windowDetail(width);
    if (detail) main.appendChild(detail);
    main.append(...chartsSection(width, left), alertsSection(), triggersSection(), registrySection(), ...reportsSection());
    if (heatFocus && hm) { const [r, c] = heatFocus.split(',').map(Number); hm.focus(r, c); }
    window.scrollTo(0, scrollY);
    timings.drawMs = performance.now() - t0;
  }

  function sig(model, list, reports) {
    const entry = Array.isArray(list) ? list.find((x) => x.name === params.model) : null;
    return JSON.stringify([model.events_ingested, model.labels_ingested, model.status, model.versions && model.versions.length,
      model.alias_history && model.alias_history.length, model.aliases, entry ? entry.last_window : null, Array.isArray(reports) ? reports.length : null]);
  }

  return {
    async render() {
      await fetchAll();
      await loadSelected();
      drawAll();
      if (params.window) focusDetail();
    },
    async update(p) {
      params = p;
      if (!data) return this.render();
      await loadSelected();
      drawAll();
      if (params.window) focusDetail();
    },
    async poll() {
      const m = encodeURIComponent(params.model);
      const [model, list, reports] = await Promise.all([get('/api/v1/models/' + m), get('/api/v1/models'), get('/api/v1/reports?model=' + m)]);
      const next = sig(model, list, reports);
      if (next === signature) return;
      await fetchAll();
      await loadSelected();
      drawAll();
    },
  };

  function focusDetail() {
    const t = document.getElementById('window-detail-title');
    if (t) { t.focus({ preventScroll: true }); document.getElementById('window-detail').scrollIntoView({ block: 'start' }); }
  }
}

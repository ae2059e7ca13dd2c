// A small SVG charting module: time series (lines with an optional band, or bars), grouped bars for two
// distributions, and a features × windows heatmap. Charts are drawn in the browser from the API's JSON:
// nothing to download, nothing server-side to render, and they work offline. Colours: Okabe & Ito's
// colour-blind-safe set for series; viridis (matplotlib's perceptually uniform map) for the heatmap.
// Windows are placed at equal steps (one column per window), so every time chart lines up with the
// heatmap columns when they share the same left margin.

import { s, h } from './dom.js';

/** Okabe–Ito colours. */
export const colors = {
  blue: '#0072B2', orange: '#E69F00', sky: '#56B4E9', green: '#009E73',
  vermillion: '#D55E00', purple: '#CC79A7', yellow: '#F0E442', grey: '#8c8c8c', black: '#000000',
};

// Viridis at 10 evenly spaced stops (matplotlib's published map), expanded into a 256-entry table.
const VIRIDIS_STOPS = ['#440154', '#482878', '#3e4a89', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];
const VIRIDIS = (() => {
  const rgb = VIRIDIS_STOPS.map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)));
  const out = new Array(256);
  for (let i = 0; i < 256; i++) {
    const p = (i / 255) * (rgb.length - 1);
    const k = Math.min(Math.floor(p), rgb.length - 2);
    const f = p - k;
    const c = rgb[k].map((v, j) => Math.round(v + (rgb[k + 1][j] - v) * f));
    out[i] = '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
  }
  return out;
})();

/** The viridis colour at t in [0, 1]. */
export function viridis(t) {
  const i = Math.max(0, Math.min(255, Math.round(t * 255)));
  return VIRIDIS[i];
}

const tip = () => document.getElementById('tooltip');

/** Shows the shared tooltip with text lines near (clientX, clientY). */
export function showTip(text, clientX, clientY) {
  const el = tip();
  if (!el) return;
  el.textContent = text;
  el.hidden = false;
  const w = el.offsetWidth, hgt = el.offsetHeight;
  let x = clientX + 14, y = clientY + 14;
  if (x + w > window.innerWidth - 4) x = clientX - w - 14;
  if (y + hgt > window.innerHeight - 4) y = clientY - hgt - 14;
  el.style.left = Math.max(4, x) + 'px';
  el.style.top = Math.max(4, y) + 'px';
}

/** Hides the shared tooltip. */
export function hideTip() {
  const el = tip();
  if (el) el.hidden = true;
}

/** About `count` round tick values covering [min, max]. */
export function niceTicks(min, max, count = 5) {
  if (!(max > min)) { const v = Number.isFinite(min) ? min : 0; return [v]; }
  const raw = (max - min) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  const step = (norm >= 5 ? 10 : norm >= 2 ? 5 : norm >= 1 ? 2 : 1) * mag;
  const out = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function fmtTick(v) {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6) return (v / 1e6).toPrecision(3).replace(/\.?0+$/, '') + 'M';
  if (a >= 1e4) return (v / 1e3).toPrecision(3).replace(/\.?0+$/, '') + 'k';
  return String(Number(v.toPrecision(4)));
}

/** Indices of about `count` evenly spread labels among n. */
function labelIndices(n, count) {
  if (n <= 0) return [];
  const step = Math.max(1, Math.ceil(n / count));
  const out = [];
  for (let i = 0; i < n; i += step) out.push(i);
  return out;
}

function pointerX(svg, ev, width) {
  const r = svg.getBoundingClientRect();
  return ((ev.clientX - r.left) * width) / (r.width || width);
}

/**
 * A chart over windows.
 * opts: {width, height, left, labels: [window label], kind: 'line'|'bars', series: [{name, color, values,
 * dash?, band?: {lower, upper}, fmt?}], yMin?, yMax?, yFormat?, title, selected?: index, onSelect?(i),
 * refLines?: [{value, label}]}. Values may be null (a gap). Returns an <svg>.
 */
export function timeChart(opts) {
  const W = Math.max(280, Math.round(opts.width || 800));
  const H = opts.height || 200;
  const left = opts.left || 48, right = 12, top = 10, bottom = 26;
  const n = opts.labels.length;
  const plotW = W - left - right, plotH = H - top - bottom;
  const step = n > 0 ? plotW / n : plotW;
  const xOf = (i) => left + (i + 0.5) * step;

  let lo = Infinity, hi = -Infinity;
  for (const sr of opts.series) {
    for (const arr of [sr.values, sr.band && sr.band.lower, sr.band && sr.band.upper]) {
      if (!arr) continue;
      for (const v of arr) if (v !== null && v !== undefined && Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
    }
  }
  for (const r of opts.refLines || []) { if (r.value < lo) lo = r.value; if (r.value > hi) hi = r.value; }
  if (opts.kind === 'bars') lo = Math.min(0, lo);
  if (opts.yMin !== undefined) lo = Math.min(opts.yMin, lo === Infinity ? opts.yMin : lo);
  if (opts.yMax !== undefined) hi = Math.max(opts.yMax, hi === -Infinity ? opts.yMax : hi);
  if (lo === Infinity) { lo = 0; hi = 1; }
  if (hi === lo) { hi = lo + (lo === 0 ? 1 : Math.abs(lo) * 0.1); }
  if (opts.kind !== 'bars' && opts.yMin === undefined) { const pad = (hi - lo) * 0.08; lo -= pad; hi += pad; }
  const ticks = niceTicks(lo, hi, 4);
  const yOf = (v) => top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const yFmt = opts.yFormat || fmtTick;

  const svg = s('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': opts.title || 'chart', preserveAspectRatio: 'xMinYMin meet' });
  const grid = s('g', { class: 'axis' });
  for (const t of ticks) {
    if (t < lo || t > hi) continue;
    const y = yOf(t);
    grid.appendChild(s('line', { class: 'gridline', x1: left, x2: W - right, y1: y, y2: y }));
    grid.appendChild(s('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, yFmt(t)));
  }
  grid.appendChild(s('line', { x1: left, x2: W - right, y1: top + plotH, y2: top + plotH }));
  const maxLabels = Math.max(2, Math.floor(plotW / 90));
  for (const i of labelIndices(n, maxLabels)) {
    const x = xOf(i);
    grid.appendChild(s('line', { x1: x, x2: x, y1: top + plotH, y2: top + plotH + 4 }));
    grid.appendChild(s('text', { x, y: H - 8, 'text-anchor': 'middle' }, opts.labels[i]));
  }
  svg.appendChild(grid);

  // Labels sit above their line; one that would overlap the label above it goes below its line instead.
  const placed = [];
  for (const r of (opts.refLines || []).slice().sort((a, b) => b.value - a.value)) {
    const y = yOf(r.value);
    svg.appendChild(s('line', { x1: left, x2: W - right, y1: y, y2: y, stroke: colors.vermillion, 'stroke-dasharray': '5 4', 'stroke-width': 1 }));
    let ly = y - 4;
    if (placed.some((p) => Math.abs(p - ly) < 12)) ly = y + 12;
    placed.push(ly);
    if (r.label) svg.appendChild(s('text', { x: W - right, y: ly, 'text-anchor': 'end' }, r.label));
  }

  if (opts.kind === 'bars') {
    const nS = opts.series.length;
    const base = yOf(Math.max(lo, 0));
    for (let k = 0; k < nS; k++) {
      const sr = opts.series[k];
      // Overlaid bars: later series narrower so both stay visible (e.g. labelled within events).
      const bw = Math.max(1, step * (nS > 1 ? 0.85 - 0.35 * k : 0.8));
      let d = '';
      for (let i = 0; i < n; i++) {
        const v = sr.values[i];
        if (v === null || v === undefined || !Number.isFinite(v)) continue;
        const y = yOf(v);
        const y0 = Math.min(y, base), hgt = Math.max(0.5, Math.abs(base - y));
        d += 'M' + (xOf(i) - bw / 2).toFixed(2) + ' ' + y0.toFixed(2) + 'h' + bw.toFixed(2) + 'v' + hgt.toFixed(2) + 'h-' + bw.toFixed(2) + 'z';
      }
      svg.appendChild(s('path', { class: 'bars', fill: sr.color, d: d || 'M0 0' }));
    }
  } else {
    for (const sr of opts.series) {
      if (sr.band) svg.appendChild(s('path', { d: bandPath(sr.band.lower, sr.band.upper, xOf, yOf), fill: sr.color, 'fill-opacity': 0.2, stroke: 'none' }));
    }
    for (const sr of opts.series) {
      svg.appendChild(s('path', { d: linePath(sr.values, xOf, yOf), fill: 'none', stroke: sr.color, 'stroke-width': 2, 'stroke-dasharray': sr.dash || null, 'stroke-linejoin': 'round' }));
      if (n <= 90) {
        const g = s('g', { fill: sr.color });
        for (let i = 0; i < n; i++) {
          const v = sr.values[i];
          if (v === null || v === undefined || !Number.isFinite(v)) continue;
          g.appendChild(s('circle', { cx: xOf(i), cy: yOf(v), r: 2.5 }));
        }
        svg.appendChild(g);
      }
    }
  }

  if (opts.selected !== undefined && opts.selected !== null && opts.selected >= 0) {
    const x = xOf(opts.selected);
    svg.appendChild(s('line', { x1: x, x2: x, y1: top, y2: top + plotH, stroke: '#d00000', 'stroke-width': 1.5 }));
  }

  const hover = s('line', { class: 'hover-line', y1: top, y2: top + plotH, x1: left, x2: left, visibility: 'hidden' });
  svg.appendChild(hover);
  const overlay = s('rect', { class: 'overlay', x: left, y: top, width: plotW, height: plotH });
  const indexAt = (ev) => Math.floor((pointerX(svg, ev, W) - left) / step);
  overlay.addEventListener('mousemove', (ev) => {
    const i = indexAt(ev);
    if (i < 0 || i >= n) { hideTip(); return; }
    hover.setAttribute('x1', xOf(i)); hover.setAttribute('x2', xOf(i)); hover.setAttribute('visibility', 'visible');
    const lines = [opts.labels[i]];
    for (const sr of opts.series) {
      const v = sr.values[i];
      let t = sr.name + ': ' + (v === null || v === undefined ? '–' : (sr.fmt || yFmt)(v));
      if (sr.band && sr.band.lower[i] !== null && sr.band.lower[i] !== undefined) t += ' [' + (sr.fmt || yFmt)(sr.band.lower[i]) + ', ' + (sr.fmt || yFmt)(sr.band.upper[i]) + ']';
      lines.push(t);
    }
    showTip(lines.join('\n'), ev.clientX, ev.clientY);
  });
  overlay.addEventListener('mouseleave', () => { hideTip(); hover.setAttribute('visibility', 'hidden'); });
  if (opts.onSelect) overlay.addEventListener('click', (ev) => { const i = indexAt(ev); if (i >= 0 && i < n) opts.onSelect(i); });
  svg.appendChild(overlay);
  return svg;
}

function linePath(values, xOf, yOf) {
  let d = '', pen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) { pen = false; continue; }
    d += (pen ? 'L' : 'M') + xOf(i).toFixed(1) + ' ' + yOf(v).toFixed(1);
    pen = true;
  }
  return d || 'M0 0';
}

function bandPath(lower, upper, xOf, yOf) {
  let d = '';
  let i = 0;
  const ok = (k) => lower[k] !== null && lower[k] !== undefined && upper[k] !== null && upper[k] !== undefined && Number.isFinite(lower[k]) && Number.isFinite(upper[k]);
  while (i < lower.length) {
    while (i < lower.length && !ok(i)) i++;
    const start = i;
    while (i < lower.length && ok(i)) i++;
    if (i > start) {
      let seg = '';
      for (let k = start; k < i; k++) seg += (k === start ? 'M' : 'L') + xOf(k).toFixed(1) + ' ' + yOf(upper[k]).toFixed(1);
      for (let k = i - 1; k >= start; k--) seg += 'L' + xOf(k).toFixed(1) + ' ' + yOf(lower[k]).toFixed(1);
      d += seg + 'Z';
    }
  }
  return d || 'M0 0';
}

/**
 * Grouped bars comparing distributions (e.g. reference vs current shares per bin or category).
 * opts: {width, height, categories: [label], series: [{name, color, values}], title, yFormat}.
 */
export function groupedBars(opts) {
  const W = Math.max(280, Math.round(opts.width || 600));
  const cats = opts.categories;
  const n = cats.length;
  const longest = cats.reduce((m, c) => Math.max(m, String(c).length), 0);
  const rotate = n > 6 && longest * 6.5 > (W - 60) / Math.max(1, n);
  const bottom = rotate ? Math.min(110, 16 + longest * 5.2) : 30;
  const H = (opts.height || 200) + (rotate ? bottom - 30 : 0);
  const left = 48, right = 10, top = 10;
  const plotW = W - left - right, plotH = H - top - bottom;
  const step = n > 0 ? plotW / n : plotW;
  let hi = 0;
  for (const sr of opts.series) for (const v of sr.values) if (Number.isFinite(v) && v > hi) hi = v;
  if (hi <= 0) hi = 1;
  hi *= 1.05;
  const yOf = (v) => top + plotH - (v / hi) * plotH;
  const yFmt = opts.yFormat || fmtTick;
  const svg = s('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': opts.title || 'bar chart' });
  const axis = s('g', { class: 'axis' });
  for (const t of niceTicks(0, hi, 4)) {
    const y = yOf(t);
    axis.appendChild(s('line', { class: 'gridline', x1: left, x2: W - right, y1: y, y2: y }));
    axis.appendChild(s('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, yFmt(t)));
  }
  axis.appendChild(s('line', { x1: left, x2: W - right, y1: top + plotH, y2: top + plotH }));
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / (rotate ? 14 : 60)))));
  for (let i = 0; i < n; i += every) {
    const x = left + (i + 0.5) * step, y = top + plotH + 14;
    axis.appendChild(rotate
      ? s('text', { x, y: y - 6, 'text-anchor': 'end', transform: `rotate(-45 ${x} ${y - 6})` }, truncate(cats[i], 18))
      : s('text', { x, y, 'text-anchor': 'middle' }, truncate(cats[i], 14)));
  }
  svg.appendChild(axis);
  const k = opts.series.length;
  const groupW = step * 0.8, bw = groupW / Math.max(1, k);
  for (let j = 0; j < k; j++) {
    const sr = opts.series[j];
    const g = s('g', { fill: sr.color });
    for (let i = 0; i < n; i++) {
      const v = sr.values[i];
      if (!Number.isFinite(v)) continue;
      const y = yOf(v);
      g.appendChild(s('rect', { x: left + i * step + step * 0.1 + j * bw, y, width: Math.max(0.5, bw - 1), height: Math.max(0, top + plotH - y) }));
    }
    svg.appendChild(g);
  }
  const overlay = s('rect', { class: 'overlay', x: left, y: top, width: plotW, height: plotH });
  overlay.addEventListener('mousemove', (ev) => {
    const i = Math.floor((pointerX(svg, ev, W) - left) / step);
    if (i < 0 || i >= n) { hideTip(); return; }
    showTip([String(cats[i])].concat(opts.series.map((sr) => sr.name + ': ' + yFmt(sr.values[i]))).join('\n'), ev.clientX, ev.clientY);
  });
  overlay.addEventListener('mouseleave', hideTip);
  svg.appendChild(overlay);
  return svg;
}

function truncate(text, max) {
  const t = String(text);
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

/** Colour of a heatmap cell from its drift decision and severity (≥ 1 at the threshold). */
export function heatColor(drift, severity) {
  if (drift === null || drift === undefined) return '#d9d9d9';
  if (!Number.isFinite(severity)) return viridis(drift ? 0.8 : 0.2);
  // A gap between the two halves keeps "drifted" and "not drifted" apart: 0–0.45 and 0.6–1.
  return drift ? viridis(0.6 + 0.4 * Math.min(Math.max(severity - 1, 0), 1)) : viridis(0.45 * Math.min(Math.max(severity, 0), 1));
}

/** A legend strip for the heatmap scale. */
export function heatLegend() {
  const W = 330, H = 34;
  const svg = s('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Colour scale: dark purple no drift, through teal, to yellow strong drift; grey not tested' });
  const n = 40;
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1);
    const color = t < 0.5 ? heatColor(false, t / 0.5 * 1) : heatColor(true, 1 + (t - 0.5) / 0.5);
    svg.appendChild(s('rect', { x: 10 + i * 5, y: 2, width: 5.5, height: 12, fill: color }));
  }
  svg.appendChild(s('line', { x1: 110, x2: 110, y1: 0, y2: 16, stroke: '#000', 'stroke-width': 1.5 }));
  svg.appendChild(s('rect', { x: 230, y: 2, width: 12, height: 12, fill: '#d9d9d9' }));
  svg.appendChild(s('text', { x: 10, y: 28, 'font-size': 11, fill: '#3b3f46' }, 'no drift'));
  svg.appendChild(s('text', { x: 110, y: 28, 'font-size': 11, fill: '#3b3f46', 'text-anchor': 'middle' }, 'threshold'));
  svg.appendChild(s('text', { x: 210, y: 28, 'font-size': 11, fill: '#3b3f46', 'text-anchor': 'end' }, 'strong drift'));
  svg.appendChild(s('text', { x: 246, y: 12, 'font-size': 11, fill: '#3b3f46' }, 'not tested'));
  return svg;
}

/**
 * Features × windows heatmap. opts: {width, left, rows: [feature], labels: [window label],
 * cell(r, c) → {drift: bool|null, severity: number}, describe(r, c) → text (called only for the cell
 * under the pointer or focus), selected?: {r, c}, onOpen(r, c), title}.
 * Cells of one colour are drawn as one <path> (a 365 × 50 map is ~40 elements, not 18,250), so the page
 * stays fast; one focusable cursor cell (role button) stands for the cell under keyboard focus: arrow
 * keys, Home/End and PageUp/PageDown move it, Enter or Space opens it. Clicks are mapped from the
 * pointer position. The svg carries its geometry as data-* attributes (left, top, cell width/height).
 * Returns {el, focus(r, c)}.
 */
export function heatmap(opts) {
  const rows = opts.rows, nr = rows.length, nc = opts.labels.length;
  const W = Math.max(320, Math.round(opts.width || 900));
  const left = opts.left || 140, right = 12, top = 6, bottom = 26;
  const cellH = nr > 80 ? 10 : 14;
  const plotW = W - left - right;
  const cw = nc > 0 ? plotW / nc : plotW;
  const H = top + nr * cellH + bottom;
  const svg = s('svg', {
    class: 'chart heatmap', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'group',
    'aria-label': (opts.title || 'Feature drift heatmap') + `: ${nr} features by ${nc} windows. Arrow keys move between cells, Enter shows the two distributions.`,
    'data-left': left, 'data-top': top, 'data-cw': cw, 'data-ch': cellH, 'data-rows': nr, 'data-cols': nc,
  });
  const labelsG = s('g');
  for (let r = 0; r < nr; r++) {
    const name = String(rows[r]);
    const shown = name.length > 22 ? name.slice(0, 21) + '…' : name;
    labelsG.appendChild(s('text', { class: 'row-label', x: left - 6, y: top + r * cellH + cellH - 3, 'text-anchor': 'end' }, shown));
  }
  svg.appendChild(labelsG);
  const axis = s('g', { class: 'axis' });
  const maxLabels = Math.max(2, Math.floor(plotW / 90));
  for (const i of labelIndices(nc, maxLabels)) {
    const x = left + (i + 0.5) * cw;
    axis.appendChild(s('line', { x1: x, x2: x, y1: top + nr * cellH, y2: top + nr * cellH + 4 }));
    axis.appendChild(s('text', { x, y: H - 8, 'text-anchor': 'middle' }, opts.labels[i]));
  }
  svg.appendChild(axis);

  // One path per colour; runs of equal colour along a row become one rectangle.
  const byColor = new Map();
  const wOf = (n) => (n * cw + 0.4).toFixed(2); // slight overlap hides hairline gaps
  for (let r = 0; r < nr; r++) {
    const y = top + r * cellH;
    let runColor = null, runStart = 0;
    const flush = (end) => {
      if (runColor === null) return;
      let d = byColor.get(runColor);
      if (d === undefined) { d = []; byColor.set(runColor, d); }
      d.push('M' + (left + runStart * cw).toFixed(2) + ' ' + y + 'h' + wOf(end - runStart) + 'v' + (cellH - 1) + 'h-' + wOf(end - runStart) + 'z');
    };
    for (let c = 0; c < nc; c++) {
      const info = opts.cell(r, c);
      const color = heatColor(info ? info.drift : null, info ? info.severity : NaN);
      if (color !== runColor) { flush(c); runColor = color; runStart = c; }
    }
    flush(nc);
  }
  const cellsG = s('g', { class: 'cells' });
  for (const [color, d] of byColor) cellsG.appendChild(s('path', { class: 'cell', fill: color, d: d.join('') }));
  svg.appendChild(cellsG);
  if (opts.selected && opts.selected.r >= 0 && opts.selected.c >= 0) {
    const { r, c } = opts.selected;
    svg.appendChild(s('rect', { class: 'selected-cell', x: left + c * cw - 1, y: top + r * cellH - 1, width: Math.max(cw, 3) + 2, height: cellH + 1 }));
  }
  const describe = (k) => {
    const r = Math.floor(k / nc), c = k % nc;
    const text = opts.describe ? opts.describe(r, c) : '';
    return rows[r] + ' · ' + opts.labels[c] + '\n' + (text || 'not tested');
  };
  let active = opts.selected && opts.selected.r >= 0 && opts.selected.c >= 0 ? opts.selected.r * nc + opts.selected.c : 0;
  const cursor = s('rect', { class: 'cursor', tabindex: nr && nc ? '0' : null, role: 'button', width: Math.max(cw, 3), height: cellH - 1 });
  const place = (k) => {
    active = k;
    const r = Math.floor(k / nc), c = k % nc;
    cursor.setAttribute('x', left + c * cw);
    cursor.setAttribute('y', top + r * cellH);
    cursor.setAttribute('data-rc', r + ',' + c);
    cursor.setAttribute('aria-label', describe(k).replace('\n', ': ') + '. Press Enter to compare distributions.');
  };
  if (nr && nc) place(active);
  svg.appendChild(cursor);

  const cellAt = (ev) => {
    const b = svg.getBoundingClientRect();
    const x = ((ev.clientX - b.left) * W) / (b.width || W), y = ((ev.clientY - b.top) * H) / (b.height || H);
    const c = Math.floor((x - left) / cw), r = Math.floor((y - top) / cellH);
    return r >= 0 && r < nr && c >= 0 && c < nc ? r * nc + c : -1;
  };
  const tipAtCursor = () => { const b = cursor.getBoundingClientRect(); showTip(describe(active), b.right, b.bottom); };
  cursor.addEventListener('focus', () => { svg.classList.add('focused'); tipAtCursor(); });
  cursor.addEventListener('blur', () => { svg.classList.remove('focused'); hideTip(); });
  cursor.addEventListener('keydown', (ev) => {
    const k = active, r = Math.floor(k / nc), c = k % nc;
    let next;
    switch (ev.key) {
      case 'ArrowRight': next = c + 1 < nc ? k + 1 : k; break;
      case 'ArrowLeft': next = c > 0 ? k - 1 : k; break;
      case 'ArrowDown': next = r + 1 < nr ? k + nc : k; break;
      case 'ArrowUp': next = r > 0 ? k - nc : k; break;
      case 'Home': next = r * nc; break;
      case 'End': next = r * nc + nc - 1; break;
      case 'PageUp': next = r * nc + Math.max(0, c - 10); break;
      case 'PageDown': next = r * nc + Math.min(nc - 1, c + 10); break;
      case 'Enter': case ' ': ev.preventDefault(); if (opts.onOpen) opts.onOpen(r, c); return;
      default: return;
    }
    ev.preventDefault();
    place(next);
    tipAtCursor();
  });
  svg.addEventListener('mousemove', (ev) => {
    const k = cellAt(ev);
    if (k < 0) { hideTip(); return; }
    showTip(describe(k), ev.clientX, ev.clientY);
  });
  svg.addEventListener('mouseleave', hideTip);
  svg.addEventListener('click', (ev) => {
    const k = cellAt(ev);
    if (k < 0 || !opts.onOpen) return;
    place(k);
    opts.onOpen(Math.floor(k / nc), k % nc);
  });
  return { el: svg, focus: (r, c) => { place(r * nc + c); cursor.focus(); } };
}

/** A legend: items [{name, color, dash?, band?}] as a list with small swatches. */
export function legend(items) {
  return h('ul', { class: 'legend' }, items.map((it) => {
    const sw = s('svg', { width: 22, height: 12, viewBox: '0 0 22 12', 'aria-hidden': 'true' });
    if (it.band) sw.appendChild(s('rect', { x: 0, y: 1, width: 22, height: 10, fill: it.color, 'fill-opacity': 0.2 }));
    if (it.kind === 'box') sw.appendChild(s('rect', { x: 4, y: 1, width: 14, height: 10, fill: it.color }));
    else sw.appendChild(s('line', { x1: 0, x2: 22, y1: 6, y2: 6, stroke: it.color, 'stroke-width': 2.5, 'stroke-dasharray': it.dash || null }));
    return h('li', null, sw, it.name);
  }));
}

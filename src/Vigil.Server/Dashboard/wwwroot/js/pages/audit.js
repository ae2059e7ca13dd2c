// The hash-chained audit log with the server's verification of the chain (admin scope).

import { h, clear, timeEl, evidenceEl, table } from '../dom.js';
import { get, ApiError } from '../api.js';

export function create(main) {
  let lastText = null;

  function draw(entries, verify) {
    const ok = verify && verify.valid === true;
    const banner = verify && verify.unavailable
      ? h('section', { class: 'card verify-bad', id: 'audit-verify', 'aria-label': 'Verification' },
        h('h2', null, 'Verification unavailable'), h('p', null, 'The server could not verify the chain: ' + verify.unavailable))
      : h('section', { class: 'card ' + (ok ? 'verify-ok' : 'verify-bad'), id: 'audit-verify', 'aria-label': 'Verification' },
      h('h2', null, ok ? 'Chain verified' : 'Chain NOT verified'),
      h('p', null, ok
        ? `All ${verify.entries} entries hash-chain correctly (each entry's hash covers its content and the previous hash).`
        : `Verification failed${verify && verify.first_bad_sequence !== null && verify.first_bad_sequence !== undefined ? ' at sequence ' + verify.first_bad_sequence : ''}: ${(verify && verify.reason) || 'unknown reason'}.`));
    const bad = verify && verify.first_bad_sequence;
    const rows = entries.slice().reverse();
    const list = rows.length
      ? h('section', { class: 'card', 'aria-label': 'Audit entries' }, table('Entries (newest first)',
        [{ label: 'Seq', num: true }, { label: 'When' }, { label: 'Actor' }, { label: 'Action' }, { label: 'Target' }, { label: 'Change' }, { label: 'Hash' }],
        rows.map((e) => [String(e.sequence), timeEl(e.at), e.actor, e.action, e.target,
          evidenceEl({ before: parse(e.before ?? e.before_json), after: parse(e.after ?? e.after_json) }, 'Before / after'),
          h('span', { class: 'mono', title: 'hash ' + e.hash + '\nprevious ' + (e.previous_hash || '') }, String(e.hash || '').slice(0, 12) + '…')]),
        (i) => (bad !== null && bad !== undefined && rows[i].sequence === bad ? { class: 'selected' } : null)))
      : h('div', { class: 'card' }, h('p', { class: 'empty' }, 'The audit log is empty.'));
    clear(main).append(h('h1', null, 'Audit log'), banner, list);
  }

  function parse(v) {
    if (typeof v !== 'string') return v ?? null;
    try { return JSON.parse(v); } catch { return v; }
  }

  async function load(force) {
    // The entries are shown even when verification fails to answer; a missing key or scope still stops the page.
    const verifying = get('/api/v1/audit/verify').catch((e) => {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) throw e;
      return { unavailable: (e.status ? 'HTTP ' + e.status + ': ' : '') + e.message };
    });
    const [entries, verify] = await Promise.all([get('/api/v1/audit'), verifying]);
    const text = JSON.stringify([entries.length, entries.length ? entries[entries.length - 1].hash : null, verify]);
    if (!force && text === lastText) return;
    lastText = text;
    draw(entries, verify);
  }

  return { render: () => load(true), poll: () => load(false) };
}

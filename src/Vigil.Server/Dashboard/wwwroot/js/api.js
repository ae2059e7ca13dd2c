// Calls to the Vigil HTTP API (/api/v1, docs/API.md). The page shell is static; the key the user enters
// is kept in sessionStorage (this tab only) and sent as a bearer token. With no key defined on a
// loopback server the API answers without one, so the prompt appears only after a 401.

const KEY_NAME = 'vigil.apiKey';
let prompt = null; // one shared prompt while several requests wait for a key

/** An HTTP error with the RFC 9457 problem details when the server sent them. */
export class ApiError extends Error {
  constructor(status, problem, path) {
    super((problem && (problem.detail || problem.title)) || 'HTTP ' + status + ' from ' + path);
    this.status = status;
    this.problem = problem;
    this.path = path;
  }
}

/** True when a key is stored for this tab. */
export function hasKey() {
  return !!sessionStorage.getItem(KEY_NAME);
}

/** Forgets the stored key. */
export function forgetKey() {
  sessionStorage.removeItem(KEY_NAME);
}

function headers() {
  const key = sessionStorage.getItem(KEY_NAME);
  const hdrs = { Accept: 'application/json' };
  if (key) hdrs.Authorization = 'Bearer ' + key;
  return hdrs;
}

/** GETs a path under /api and returns parsed JSON (or text); asks for a key on 401 and retries. */
export async function get(path) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(path, { headers: headers(), cache: 'no-store', credentials: 'omit' });
    if (res.status === 401 && attempt < 4) {
      const had = hasKey();
      forgetKey();
      await askForKey(had ? 'That key was not accepted (missing, unknown or revoked). Enter another.' : '');
      continue;
    }
    if (!res.ok) {
      let problem = null;
      try { problem = await res.json(); } catch { /* not a problem document */ }
      throw new ApiError(res.status, problem, path);
    }
    const type = res.headers.get('content-type') || '';
    return type.includes('json') ? res.json() : res.text();
  }
}

/** GETs a path and returns null instead of throwing on 404 (for optional resources). */
export async function getOptional(path) {
  try { return await get(path); } catch (e) { if (e instanceof ApiError && e.status === 404) return null; throw e; }
}

/** Shows the key dialog; resolves when a key was stored, rejects when the user cancels. */
export function askForKey(message) {
  if (prompt) return prompt;
  const dialog = document.getElementById('key-dialog');
  const form = document.getElementById('key-form');
  const input = document.getElementById('key-input');
  const error = document.getElementById('key-error');
  const cancel = document.getElementById('key-cancel');
  error.textContent = message || '';
  input.value = '';
  prompt = new Promise((resolve, reject) => {
    const done = (ok) => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      prompt = null;
      if (ok) resolve(); else reject(new ApiError(401, { title: 'An API key is required', detail: 'This server requires an API key. Use "Enter key" to provide one.' }, '/api'));
    };
    const onSubmit = (ev) => {
      ev.preventDefault();
      const key = input.value.trim();
      if (!key) { error.textContent = 'Enter a key.'; return; }
      sessionStorage.setItem(KEY_NAME, key);
      document.dispatchEvent(new CustomEvent('vigil:key'));
      done(true);
    };
    const onCancel = (ev) => { ev.preventDefault(); done(false); };
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
  });
  dialog.showModal();
  input.focus();
  return prompt;
}

/** GETs a stored report's HTML with the tab's key (asking for one on 401, like get). */
export async function fetchReportHtml(id) {
  const path = '/api/v1/reports/' + encodeURIComponent(id);
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(path, { headers: { ...headers(), Accept: 'text/html' }, cache: 'no-store', credentials: 'omit' });
    if (res.status === 401 && attempt < 4) {
      const had = hasKey();
      forgetKey();
      await askForKey(had ? 'That key was not accepted (missing, unknown or revoked). Enter another.' : '');
      continue;
    }
    if (!res.ok) throw new ApiError(res.status, null, path);
    return res.text();
  }
}

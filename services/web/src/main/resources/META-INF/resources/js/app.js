// Shared by every page: configuration, sign-in, the message catalogue, calls to the services, safe rendering.
// User-typed text is only ever inserted with textContent (el() below); never through innerHTML.
import { MESSAGES, DETAILS } from './i18n.js';

const TOKEN_KEY = 'gridloop.token';
const LANG_KEY = 'gridloop.lang';
let config;
let keycloak;

export async function loadConfig() {
  if (!config) {
    config = await (await fetch('/config.json', { cache: 'no-store' })).json();
  }
  return config;
}

// ---- i18n
export function lang() {
  const l = localStorage.getItem(LANG_KEY);
  return l === 'en' ? 'en' : 'zh-CN';
}
export function t(key) {
  return MESSAGES[lang()][key] ?? MESSAGES['zh-CN'][key] ?? key;
}
/** A code shown translated when the catalogue knows it (statuses, categories), else as it is (as text). */
export function label(prefix, code) {
  if (code == null) return '';
  const key = prefix + '.' + code;
  return (MESSAGES[lang()][key] ?? MESSAGES['zh-CN'][key]) ? t(key) : String(code);
}
/** An event type (gridloop.dispatch.answered.v1) by its code (dispatch.answered): its name, else the code. */
export function eventLabel(type) {
  return label('event', String(type || '').replace(/^gridloop\./, '').replace(/\.v\d+$/, ''));
}
/**
 * A timeline entry's detail ({code, params} from the escalation service) worded in the reader's language; an unknown
 * code is shown as it is (with its parameters as name=value), a wording that fails shows the code: never breaks.
 */
export function detailText(detail) {
  if (!detail || !detail.code) return '';
  const params = detail.params && typeof detail.params === 'object' ? detail.params : {};
  const word = DETAILS[lang()][detail.code] ?? DETAILS['zh-CN'][detail.code];
  const raw = () => detail.code + (Object.keys(params).length
    ? ' ' + Object.entries(params).map(([k, v]) => k + '=' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(', ') : '');
  if (!word) return raw();
  const f = {
    l: label, time: fmtTime, v: x => (x == null || x === '' ? '—' : String(x)),
    note: n => (n == null || n === '' ? '' : lang() === 'en' ? ' — ' + n : '（' + n + '）'),
  };
  try { return word(params, f); } catch (e) { return raw(); }
}
export function translatePage(root = document) {
  document.documentElement.lang = lang();
  root.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
}

// ---- times, always in the city's time zone
export function fmtTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang(), {
    timeZone: (config && config.timeZone) || 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(new Date(iso));
}
/** "2h 05m left" / "overdue 3m" for a due time. */
export function countdown(iso, now = Date.now()) {
  if (!iso) return { text: '', overdue: false };
  let ms = new Date(iso).getTime() - now;
  const overdue = ms < 0;
  ms = Math.abs(ms);
  const d = Math.floor(ms / 86400000), h = Math.floor(ms / 3600000) % 24, m = Math.floor(ms / 60000) % 60,
    s = Math.floor(ms / 1000) % 60;
  const span = (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + String(m).padStart(2, '0') + 'm ' +
    String(s).padStart(2, '0') + 's';
  return { text: overdue ? t('dept.overdue') + ' ' + span : t('dept.left') + ' ' + span, overdue };
}

// ---- sign-in
export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}
export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value); else sessionStorage.removeItem(TOKEN_KEY);
}
export function claims(tok = token()) {
  if (!tok) return null;
  try {
    const part = tok.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    const c = JSON.parse(json);
    if (c.exp && c.exp * 1000 < Date.now()) return null;
    c.roles = c.groups || (c.realm_access && c.realm_access.roles) || [];
    return c;
  } catch (e) {
    return null;
  }
}
export function hasRole(role) {
  const c = claims();
  return !!c && c.roles.includes(role);
}
/** Production: Keycloak (authorization code + PKCE through keycloak-js); the token goes to sessionStorage too. */
export async function initKeycloak(login) {
  const cfg = await loadConfig();
  if (cfg.demoLogin || typeof window.Keycloak !== 'function') return;
  keycloak = new window.Keycloak({ url: cfg.oidc.url, realm: cfg.oidc.realm, clientId: cfg.oidc.clientId });
  try {
    await keycloak.init({ onLoad: login ? 'login-required' : 'check-sso', pkceMethod: 'S256', checkLoginIframe: false });
    if (keycloak.token) setToken(keycloak.token);
    keycloak.onTokenExpired = () => keycloak.updateToken(30).then(() => setToken(keycloak.token));
  } catch (e) {
    console.warn('keycloak unavailable', e);
  }
}
/**
 * Where to go after signing in: the page named by ?next= only when it is a path of this site ("/worker.html?x=1"),
 * never another origin ("//evil.example", "https://…") nor a script ("javascript:…"); otherwise the user's home.
 */
export function nextPage(raw, c) {
  if (raw && /^\/(?![\/\\])[^\s]*$/.test(raw)) {
    const url = new URL(raw, location.origin);
    if (url.origin === location.origin) return url.pathname + url.search + url.hash;
  }
  return homeFor(c);
}

export function homeFor(c) {
  if (!c) return '/resident.html';
  if (c.roles.includes('supervisor') || c.roles.includes('admin')) return '/supervisor.html';
  if (c.roles.includes('department')) return '/department.html';
  if (c.roles.includes('grid-worker')) return '/worker.html';
  return '/resident.html';
}

// ---- calls to the services
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}
export async function api(service, path, { method = 'GET', body, headers = {}, raw = false, anonymous = false } = {}) {
  const cfg = await loadConfig();
  const h = { Accept: 'application/json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (token() && !anonymous) h.Authorization = 'Bearer ' + token();
  h['Accept-Language'] = lang();
  const base = cfg.services[{ 'grid-intake': 'gridIntake', 'report-in': 'reportIn', escalation: 'escalation' }[service]];
  if (!base) throw new Error('unknown service ' + service);
  const response = await fetch(base + path, {
    method, headers: h, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch (e) { /* not JSON */ }
    throw new ApiError(response.status, problem);
  }
  if (raw) return response;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}
/** A readable message for a failed call: the problem's fields, or what the status means. */
export function errorText(e) {
  if (!(e instanceof ApiError)) return t('err.generic') + ': ' + e.message;
  const known = { 401: 'err.login', 403: 'err.forbidden', 404: 'err.notFound', 409: 'err.conflict' }[e.status];
  const fields = e.problem && Array.isArray(e.problem.violations)
    ? e.problem.violations.map(v => (v.field || '') + ' ' + (v.message || '')).join('; ') : '';
  return [known ? t(known) : t('err.generic') + ' (' + e.status + ')', e.problem && e.problem.detail, fields]
    .filter(Boolean).join(' — ');
}

// ---- safe DOM building
/** el('td', {class: 'x'}, 'user text', childNode): strings become text nodes, never markup. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}
export function flash(target, text, ok = false) {
  const box = typeof target === 'string' ? document.getElementById(target) : target;
  clear(box).append(el('div', { class: ok ? 'msg ok' : 'msg err', role: 'status' }, text));
}
/** A table from rows; every cell is text or a node. */
export function table(headKeys, rows, attrs = {}) {
  return el('table', attrs, el('thead', {}, el('tr', {}, headKeys.map(k => el('th', {}, t(k))))),
    el('tbody', {}, rows.map(r => el('tr', r.attrs || {}, r.cells.map(c => el('td', {}, c))))));
}

// ---- the header every page shares: navigation, who is signed in, the language switch
export async function startPage(titleKey) {
  await loadConfig();
  const header = document.getElementById('header');
  const c = claims();
  const nav = [['/index.html', 'nav.home'], ['/resident.html', 'nav.resident']];
  if (c && c.roles.some(r => ['grid-worker', 'admin'].includes(r))) nav.push(['/worker.html', 'nav.worker']);
  if (c && c.roles.some(r => ['department', 'admin'].includes(r))) nav.push(['/department.html', 'nav.department']);
  if (c && c.roles.some(r => ['supervisor', 'admin'].includes(r))) nav.push(['/supervisor.html', 'nav.supervisor']);
  const who = c ? el('span', { class: 'who', id: 'who' }, t('login.signedInAs') + ': ' + (c.name || c.preferred_username || c.sub))
    : el('span', { class: 'who', id: 'who' }, t('login.anonymous'));
  const auth = c
    ? el('button', { id: 'logout', class: 'link', onclick: () => { setToken(null); if (keycloak) keycloak.logout(); location.href = '/index.html'; } }, t('nav.logout'))
    : el('a', { href: '/login.html', id: 'login-link' }, t('nav.login'));
  clear(header).append(
    el('div', { class: 'brand' }, el('a', { href: '/index.html' }, t('app.title'))),
    el('nav', {}, nav.map(([href, key]) => el('a', { href, class: location.pathname === href ? 'current' : null }, t(key)))),
    el('div', { class: 'user' }, who, auth,
      el('button', { id: 'lang', class: 'link', onclick: () => { localStorage.setItem(LANG_KEY, lang() === 'en' ? 'zh-CN' : 'en'); location.reload(); } }, t('lang.switch'))));
  if (titleKey) document.title = t(titleKey) + ' · ' + t('app.title');
  translatePage();
  return c;
}

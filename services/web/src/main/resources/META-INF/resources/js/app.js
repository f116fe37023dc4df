// Shared by every page: configuration, sign-in, the message catalogue, calls to the services, safe rendering.
// User-typed text is only ever inserted with textContent (el() below); never through innerHTML.
import { MESSAGES, DETAILS, PROGRESS } from './i18n.js';

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
 * Department names (report-in's GET /api/departments: code, nameZh, nameEn), loaded once by the pages that show
 * departments (staff roles only); a code the list does not have, or a page without the list, shows the code.
 */
let departments = {};
export async function loadDepartmentNames() {
  try {
    const list = await api('report-in', '/api/departments');
    departments = Object.fromEntries((list || []).map(d => [d.code, d]));
  } catch (e) { /* not signed in or not allowed: codes stay codes */ }
}
/** 答复: the departments' answers of a request's last round as a list: name, result, note (text stays text). */
export function answerList(answers) {
  if (!answers || !answers.length) return null;
  return el('div', { class: 'answers' }, el('div', { class: 'hint' }, t('answers.title')),
    el('ul', {}, answers.map(a => el('li', { dataset: { department: a.department, result: a.result } },
      deptName(a.department) + t('answers.sep') + label('result', a.result) + (a.note ? ' — ' + a.note : '')))));
}
/** A department by its name in the reader's language, else its code. */
export function deptName(code) {
  if (code == null || code === '') return '';
  const d = departments[code];
  return (d && (lang() === 'en' ? d.nameEn : d.nameZh)) || String(code);
}
/** The codes of the departments loaded by loadDepartmentNames (for a page's choice of a department), by name. */
export function departmentCodes() {
  return Object.keys(departments).sort((a, b) => deptName(a).localeCompare(deptName(b), lang()));
}
/**
 * A timeline entry's detail ({code, params} from the escalation service) worded in the reader's language; an unknown
 * code is shown as it is (with its parameters as name=value), a wording that fails shows the code: never breaks.
 */
export function detailText(detail, words = DETAILS) {
  if (!detail || !detail.code) return '';
  const params = detail.params && typeof detail.params === 'object' ? detail.params : {};
  const word = words[lang()][detail.code] ?? words['zh-CN'][detail.code];
  const raw = () => detail.code + (Object.keys(params).length
    ? ' ' + Object.entries(params).map(([k, v]) => k + '=' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(', ') : '');
  if (!word) return raw();
  const f = {
    l: label, time: fmtTime, v: x => (x == null || x === '' ? '—' : String(x)), dept: x => deptName(x) || '—',
    note: n => (n == null || n === '' ? '' : lang() === 'en' ? ' — ' + n : '（' + n + '）'),
  };
  try { return word(params, f); } catch (e) { return raw(); }
}
/** A progress line ({at, code, params} from grid-intake) worded for the resident, in plain language. */
export function progressText(line) {
  return detailText(line, PROGRESS);
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
// ---- durations: the services send ISO-8601 (PT3.2S, PT51H3M, P2DT3H) or seconds; shown in the reader's language
const DURATION_UNITS = { 'zh-CN': ['天', '小时', '分', '秒'], en: ['d', 'h', 'min', 's'] };
const ISO_DURATION = /^([-+])?P(?!$)(?:([-+]?\d+)W)?(?:([-+]?\d+)D)?(?:T(?!$)(?:([-+]?\d+(?:\.\d+)?)H)?(?:([-+]?\d+(?:\.\d+)?)M)?(?:([-+]?\d+(?:\.\d+)?)S)?)?$/;
/** An ISO-8601 duration in weeks, days, hours, minutes, seconds (Java's Duration writes PT-1M-30.5S) as seconds, else null. */
export function isoSeconds(iso) {
  const m = ISO_DURATION.exec(String(iso ?? '').trim());
  if (!m) return null;
  const s = (+m[2] || 0) * 604800 + (+m[3] || 0) * 86400 + (+m[4] || 0) * 3600 + (+m[5] || 0) * 60 + (+m[6] || 0);
  return m[1] === '-' ? -s : s;
}
/**
 * A duration (seconds, or an ISO-8601 text) in the reader's language, by its largest units: "2 天 3 小时" /
 * "2 d 3 h"; under a minute in seconds ("3.2 秒" / "3.2 s"); a text that is no duration is shown as it is.
 */
export function fmtDuration(value, units = 2) {
  if (value == null || value === '') return '';
  const seconds = typeof value === 'number' ? value : isoSeconds(value);
  if (seconds == null || Number.isNaN(seconds)) return String(value);
  const names = DURATION_UNITS[lang()], sign = seconds < 0 ? '-' : '', a = Math.abs(seconds);
  if (a < 59.5) {
    const v = a < 10 ? Math.round(a * 10) / 10 : Math.round(a);
    return sign + v + ' ' + names[3];
  }
  const whole = Math.round(a);
  const parts = [Math.floor(whole / 86400), Math.floor(whole / 3600) % 24, Math.floor(whole / 60) % 60, whole % 60];
  const first = parts.findIndex(x => x > 0);
  return sign + parts.slice(first, first + units).map((x, i) => x ? x + ' ' + names[first + i] : null)
    .filter(Boolean).join(' ');
}
/** A rate (0..1, a number or its text) as a percentage with one decimal; '—' when there is nothing to count. */
export function fmtRate(v) {
  return v == null ? '—' : (Number(v) * 100).toFixed(1) + '%';
}
/** A duration in seconds as fmtDuration words it; '—' when there is none. */
export function fmtDurationOrDash(s) {
  return s == null ? '—' : fmtDuration(s);
}
/** A link to a case's page (nothing without an id). */
export function caseLink(id) {
  return id ? el('a', { href: '/case.html?id=' + encodeURIComponent(id) }, id) : '';
}
/** "剩余 2 小时 5 分 3 秒" / "overdue 3 min 5 s" for a due time. */
export function countdown(iso, now = Date.now()) {
  if (!iso) return { text: '', overdue: false };
  const ms = new Date(iso).getTime() - now;
  const overdue = ms < 0;
  const span = fmtDuration(Math.floor(Math.abs(ms) / 1000), 3);
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
export async function api(service, path, { method = 'GET', body, file, headers = {}, raw = false, anonymous = false } = {}) {
  const cfg = await loadConfig();
  const h = { Accept: 'application/json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  // {file}: a file's bytes as they are (a photo), typed as the browser knows it (the service reads the bytes when it
  // does not)
  if (file !== undefined) h['Content-Type'] = file.type || 'application/octet-stream';
  if (token() && !anonymous) h.Authorization = 'Bearer ' + token();
  h['Accept-Language'] = lang();
  const base = cfg.services[{ 'grid-intake': 'gridIntake', 'report-in': 'reportIn', escalation: 'escalation' }[service]];
  if (!base) throw new Error('unknown service ' + service);
  const response = await fetch(base + path, {
    method, headers: h, body: file !== undefined ? file : body === undefined ? undefined : JSON.stringify(body),
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
/**
 * 照片: uploads each file (JPEG or PNG, as the phone's camera gives it) to grid-intake, one by one; resolves to their
 * ids, to name in the step that uses them. {anonymous}: without the sign-in (an anonymous report's photos).
 */
export async function uploadPhotos(files, { anonymous = false } = {}) {
  const ids = [];
  for (const file of Array.from(files || [])) {
    ids.push((await api('grid-intake', '/api/photos', { method: 'POST', file, anonymous })).id);
  }
  return ids;
}
/** Thumbnails of files chosen but not sent yet (the browser's own copy: nothing leaves the phone before submitting). */
export function photoPreview(box, files) {
  box.querySelectorAll('img[src^="blob:"]').forEach(i => URL.revokeObjectURL(i.src));
  clear(box).append(...Array.from(files || []).map(f => el('img', { class: 'thumb', alt: f.name, src: URL.createObjectURL(f) })));
}
/**
 * A request's photos (grid-intake's photos[]) as thumbnails, 处置前后对比: before (the report, before handling) beside
 * after (after handling, the verification); a click opens the photo. Fetched with the reader's sign-in, or
 * {headers} (the resident's X-Tracking-Token), and shown from the browser's memory (blob: URLs).
 */
export function photoGallery(photos, headers = {}) {
  if (!photos || !photos.length) return null;
  const group = (key, stages) => {
    const list = photos.filter(p => stages.includes(p.stage));
    return list.length ? el('figure', { class: 'photo-group', dataset: { group: key } },
      el('figcaption', { class: 'hint' }, t(key)), list.map(p => photoThumb(p, headers))) : null;
  };
  return el('div', { class: 'photos' }, group('photos.before', ['REPORT', 'BEFORE']), group('photos.after', ['AFTER', 'VERIFY']));
}
function photoThumb(p, headers) {
  const img = el('img', { class: 'thumb', alt: label('photoStage', p.stage), dataset: { photo: p.id, stage: p.stage } });
  photoUrl(p.thumbnailUrl, headers).then(u => { img.src = u; }).catch(() => { img.alt = '⚠ ' + img.alt; });
  return el('a', { href: '#', title: label('photoStage', p.stage), onclick: async ev => {
    ev.preventDefault();
    // opened at the click (a window opened after an await is a blocked pop-up), filled once the photo is here
    const w = window.open('', '_blank');
    if (w) w.opener = null;
    try { const u = await photoUrl(p.url, headers); if (w) w.location.href = u; } catch (e) { if (w) w.close(); }
  } }, img);
}
async function photoUrl(path, headers) {
  const response = await api('grid-intake', path, { headers: { Accept: 'image/*', ...headers }, raw: true });
  return URL.createObjectURL(await response.blob());
}
/** A readable message for a failed call: the problem's fields, or what the status means. */
export function errorText(e) {
  if (!(e instanceof ApiError)) return t('err.generic') + ': ' + e.message;
  const known = { 401: 'err.login', 403: 'err.forbidden', 404: 'err.notFound', 409: 'err.conflict' }[e.status];
  // the services' problems name each bad field in errors[] ({field, message}; platform rest/Problem)
  const fields = e.problem && Array.isArray(e.problem.errors)
    ? e.problem.errors.map(v => (v.field || '') + ' ' + (v.message || '')).join('; ') : '';
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
  const nav = [['/index.html', 'nav.home'], ['/resident.html', 'nav.resident'], ['/results.html', 'nav.public']];
  if (c && c.roles.some(r => ['grid-worker', 'admin'].includes(r))) nav.push(['/worker.html', 'nav.worker']);
  if (c && c.roles.some(r => ['department', 'admin'].includes(r))) nav.push(['/department.html', 'nav.department']);
  if (c && c.roles.some(r => ['supervisor', 'admin'].includes(r))) nav.push(['/supervisor.html', 'nav.supervisor'], ['/hotspots.html', 'nav.hotspots'], ['/report.html', 'nav.report']);
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

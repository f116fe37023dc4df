// department.html: the department's whistles with live countdowns; report in, answer, dispute.
// Loaded as a module file, never inline: the Content-Security-Policy allows scripts from this site only.
import { startPage, initKeycloak, api, t, label, el, clear, flash, errorText, fmtTime, countdown, ApiError,
  loadDepartmentNames, deptName } from '/js/app.js';
await initKeycloak(false);
const me = await startPage('nav.department');
const $ = id => document.getElementById(id);
if (!me) { location.href = '/login.html?next=' + encodeURIComponent(location.pathname); }

async function act(id, action, body, key) {
  try {
    await api('report-in', '/api/dispatches/' + encodeURIComponent(id) + '/' + action, { method: 'POST', body });
    flash('msg', t('ok') + ': ' + t(key) + ' — ' + id, true);
    await load(false);
  } catch (e) {
    flash('msg', e instanceof ApiError && (e.status === 404 || e.status === 405) && action === 'dispute'
      ? t('sup.unavailable') : errorText(e));
  }
}
function due(iso, active) {
  const span = el('span', { class: 'countdown', dataset: { due: iso || '', active: active ? '1' : '' } });
  tick(span);
  return el('span', {}, fmtTime(iso), ' ', span);
}
function tick(span) {
  if (!span.dataset.due || !span.dataset.active) { span.textContent = ''; return; }
  const c = countdown(span.dataset.due);
  span.textContent = '(' + c.text + ')';
  span.classList.toggle('overdue', c.overdue);
}
setInterval(() => document.querySelectorAll('.countdown').forEach(tick), 1000);

function card(w) {
  const note = el('textarea', { class: 'note', maxlength: 2000, placeholder: t('dept.note') });
  const result = el('select', { class: 'result' }, ['FIXED', 'PARTLY', 'CANNOT_FIX'].map(r => el('option', { value: r }, label('result', r))));
  const buttons = [];
  if (w.status === 'CALLED') {
    buttons.push(el('button', { dataset: { action: 'report-in' }, onclick: () => act(w.requestId, 'report-in', undefined, 'dept.reportIn') }, t('dept.reportIn')));
    buttons.push(el('button', { class: 'secondary', dataset: { action: 'dispute' }, onclick: () => act(w.requestId, 'dispute', { reason: note.value || t('dept.dispute') }, 'dept.dispute') }, t('dept.dispute')));
  }
  if (w.status === 'REPORTED_IN') {
    buttons.push(result);
    buttons.push(el('button', { dataset: { action: 'answer' }, onclick: () => act(w.requestId, 'answer', { result: result.value, note: note.value || null }, 'dept.answer') }, t('dept.answer')));
  }
  return el('div', { class: 'task', id: 'whistle-' + w.requestId, dataset: { id: w.requestId, status: w.status } },
    el('div', {}, el('span', { class: 'badge status' }, label('astatus', w.status)), ' ', el('b', {}, label('cat', w.category)),
      ' · ', w.role === 'lead' ? '★ ' : '', deptName(w.department), ' (', label('role', w.role), ') · ', el('span', { class: 'hint' }, fmtTime(w.calledAt))),
    el('div', { class: 'desc' }, w.description || ''),
    el('div', { class: 'hint' }, (w.address || (w.latitude + ', ' + w.longitude)) + ' · ' + (w.gridCode || '') + ' · ' + w.requestId),
    el('div', {}, t('dept.reportInDue') + ': ', due(w.reportInDue, w.status === 'CALLED'), w.reportInMissed ? el('b', { class: 'countdown overdue' }, ' ' + t('dept.overdue')) : null),
    el('div', {}, t('dept.resolveDue') + ': ', due(w.resolveDue, w.status !== 'ANSWERED'), w.resolutionMissed ? el('b', { class: 'countdown overdue' }, ' ' + t('dept.overdue')) : null),
    w.status !== 'ANSWERED' ? note : null, el('div', {}, buttons));
}
async function load(clearMsg = true) {
  try {
    const list = await api('report-in', '/api/dispatches');
    if (clearMsg) clear($('msg'));
    const box = clear($('whistles'));
    if (!list.length) box.append(el('p', { class: 'hint' }, t('dept.none')));
    list.forEach(w => box.append(card(w)));
  } catch (e) { flash('msg', errorText(e)); }
}
window.glReload = load;
$('refresh').onclick = () => load();
await loadDepartmentNames();
await load();

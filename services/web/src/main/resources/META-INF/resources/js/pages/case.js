// case.html: the case's timeline (escalation) and its BPMN diagram with the steps done and active highlighted.
// Loaded as a module file, never inline: the Content-Security-Policy allows scripts from this site only.
import { startPage, initKeycloak, api, t, label, el, clear, flash, errorText, fmtTime, ApiError, eventLabel, detailText,
  loadDepartmentNames, deptName, fmtDuration, photoGallery, claims, table } from '/js/app.js';
await initKeycloak(false);
const me = await startPage('case.title');
const $ = id => document.getElementById(id);
if (!me) { location.href = '/login.html?next=' + encodeURIComponent(location.pathname + location.search); }
const id = new URLSearchParams(location.search).get('id') || '';
$('case-id').textContent = id;

let entries = [];
await loadDepartmentNames();

// 街道对职能部门的评价: the departments called into the case, round by round, for the grid that whistled (its grid
// workers) and the supervisors above it to rate each one's response once it answered (escalation's
// /api/cases/{id}/department-ratings); "reported in on time" is the facts', shown, not asked
const scoreSelect = (name, call) => el('select', { name, id: `rate-${name}-${call.round}-${call.department}`, required: true },
  el('option', { value: '' }, '—'), [5, 4, 3, 2, 1].map(n => el('option', { value: String(n) }, t('deptRate.score.' + n))));
function ratingForm(call) {
  const attitude = scoreSelect('attitude', call), result = scoreSelect('result', call);
  const note = el('input', { name: 'note', maxlength: 500, placeholder: t('deptRate.note') });
  const msg = el('div', { class: 'form-msg' });
  const button = el('button', { type: 'submit' }, t('deptRate.submit'));
  const form = el('form', { class: 'rate-form', novalidate: true, dataset: { round: call.round, department: call.department } },
    el('label', {}, t('deptRate.attitude') + ' ', attitude), ' ', el('label', {}, t('deptRate.result') + ' ', result), ' ', note, ' ', button, msg);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    clear(msg);
    button.disabled = true;
    try {
      await api('escalation', '/api/cases/' + encodeURIComponent(id) + '/department-ratings', { method: 'POST', body: {
        round: call.round, department: call.department, attitude: attitude.value ? Number(attitude.value) : null,
        result: result.value ? Number(result.value) : null, note: note.value.trim() || null } });
      await loadRatings();
      flash('rate-msg', t('deptRate.done') + ': ' + deptName(call.department), true);
    } catch (e) {
      const fields = e instanceof ApiError && e.status === 400 && e.problem && e.problem.errors ? e.problem.errors.map(x => x.field) : [];
      flash(msg, fields.length ? fields.map(f => t('deptRate.fieldErr.' + f)).join('；')
        : e instanceof ApiError && e.status === 409 ? t('deptRate.refused') : errorText(e));
    } finally { button.disabled = false; }
  });
  return form;
}
function ratingCell(call) {
  if (call.rating) {
    return el('span', { class: 'rated' }, t('deptRate.attitude') + ' ' + call.rating.attitude + '/5 · ' + t('deptRate.result') + ' '
      + call.rating.result + '/5' + (call.rating.ratedBy ? ' · ' + call.rating.ratedBy : ''));
  }
  return call.rateable ? ratingForm(call) : el('span', { class: 'hint' }, t('deptRate.notYet'));
}
async function loadRatings() {
  const c = claims() || {};
  if (!(c.roles || []).some(r => ['grid-worker', 'supervisor'].includes(r))) return;
  try {
    const v = await api('escalation', '/api/cases/' + encodeURIComponent(id) + '/department-ratings');
    const yesNo = b => b == null ? '—' : t(b ? 'yes' : 'no');
    clear($('rate-calls')).append(table(['deptRate.round', 'col.department', 'deptRate.onTime', 'deptRate.answer', 'deptRate.against', 'deptRate.rating'],
      v.calls.map(call => ({ attrs: { 'data-round': call.round, 'data-department': call.department }, cells: [String(call.round),
        deptName(call.department), yesNo(call.reportedInOnTime), call.result ? label('result', call.result) : '—',
        [call.verificationFailed ? t('deptRate.verificationFailed') : null, call.reopened ? t('deptRate.reopened') : null].filter(Boolean).join('，') || '—',
        ratingCell(call)] })), { class: 'responsive', id: 'rate-table' }));
    $('rate-section').hidden = false;
  } catch (e) {
    // no department called into this case, or not the caller's: nothing to rate here
    if (!(e instanceof ApiError && (e.status === 404 || e.status === 403))) { flash('rate-msg', errorText(e)); $('rate-section').hidden = false; }
  }
}
await loadRatings();
try {
  const tl = await api('escalation', '/api/cases/' + encodeURIComponent(id) + '/timeline');
  entries = tl.entries || [];
  $('case-status').textContent = label('status', tl.status);
  // the service sends codes and values (stage, type, role, department, detail {code, params}, ISO-8601 durations):
  // worded here in the reader's language
  const rows = entries.map(e => ({ attrs: { 'data-type': e.type, 'data-detail': e.detail && e.detail.code }, cells: [fmtTime(e.occurredAt),
    label('stage', e.stage), eventLabel(e.type), [e.actor, label('role', e.actorRole), deptName(e.department)].filter(Boolean).join(' · '),
    detailText(e.detail), fmtDuration(e.sinceSubmitted)] }));
  clear($('timeline')).append(el('table', { class: 'responsive', id: 'timeline-table' },
    el('thead', {}, el('tr', {}, ['col.time', 'col.stage', 'col.status', 'col.actor', 'col.detail'].map(k => el('th', {}, t(k))), el('th', {}, '⏱'))),
    el('tbody', {}, rows.map(r => el('tr', r.attrs, r.cells.map(c => el('td', {}, c)))))));
} catch (e) {
  // the audit timeline is the supervisors'; a grid worker comes here to rate the departments: no error box for that
  if (e instanceof ApiError && e.status === 403 && !$('rate-section').hidden) $('timeline-msg').closest('section').hidden = true;
  else flash('timeline-msg', errorText(e));
}

// 照片, before and after (处置前后对比): the request as grid-intake shows it to whoever may see it
try {
  const r = await api('grid-intake', '/api/requests/' + encodeURIComponent(id));
  const gallery = photoGallery(r.photos);
  if (gallery) { clear($('case-photos')).append(gallery); $('photos-section').hidden = false; }
} catch (e) { /* not allowed to see the request itself, or not yet there: the timeline says what is known */ }

// the case's own process (grid-intake), or the resident-request model with the steps the timeline names
const viewer = new BpmnJS({ container: $('diagram') });
let xml, done = [], active = [];
try {
  const p = await api('grid-intake', '/api/requests/' + encodeURIComponent(id) + '/process');
  xml = p.bpmnXml; done = p.completedActivityIds || []; active = p.activeActivityIds || [];
} catch (e) {
  if (!(e instanceof ApiError) || e.status !== 404) { flash('diagram-msg', errorText(e)); }
  xml = await (await fetch('/bpmn/resident-request.bpmn')).text();
  flash('diagram-msg', t('case.inferred'));
}
try {
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas'), registry = viewer.get('elementRegistry');
  if (!done.length && !active.length) {
    const types = new Set(entries.map(e => e.type));
    done = registry.filter(x => x.businessObject && types.has(x.businessObject.name)).map(x => x.id);
  }
  done.filter(a => registry.get(a)).forEach(a => canvas.addMarker(a, 'gl-done'));
  active.filter(a => registry.get(a)).forEach(a => canvas.addMarker(a, 'gl-active'));
  canvas.zoom('fit-viewport');
  $('diagram').dataset.done = done.length; $('diagram').dataset.active = active.length;
} catch (e) { flash('diagram-msg', t('err.generic') + ': ' + e.message); }
document.body.dataset.ready = '1';

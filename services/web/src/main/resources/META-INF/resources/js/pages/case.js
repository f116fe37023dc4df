// case.html: the case's timeline (escalation) and its BPMN diagram with the steps done and active highlighted.
// Loaded as a module file, never inline: the Content-Security-Policy allows scripts from this site only.
import { startPage, initKeycloak, api, t, label, el, clear, flash, errorText, fmtTime, ApiError, eventLabel, detailText,
  loadDepartmentNames, deptName, fmtDuration, photoGallery } from '/js/app.js';
await initKeycloak(false);
const me = await startPage('case.title');
const $ = id => document.getElementById(id);
if (!me) { location.href = '/login.html?next=' + encodeURIComponent(location.pathname + location.search); }
const id = new URLSearchParams(location.search).get('id') || '';
$('case-id').textContent = id;

let entries = [];
await loadDepartmentNames();
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
} catch (e) { flash('timeline-msg', errorText(e)); }

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

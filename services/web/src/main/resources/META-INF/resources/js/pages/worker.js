// worker.html: the tasks of the worker's grids (accept, claim, give back, handle, whistle, reject, verify, call back),
// each with its due time, and patrol
// reports.
// Loaded as a module file, never inline: the Content-Security-Policy allows scripts from this site only.
import { startPage, initKeycloak, api, t, label, el, clear, flash, errorText, fmtTime, loadDepartmentNames,
  answerList, uploadPhotos, photoGallery } from '/js/app.js';
import { CATEGORIES } from '/js/i18n.js';
import { gridMap } from '/js/map.js';
await initKeycloak(false);
const me = await startPage('nav.worker');
const $ = id => document.getElementById(id);
if (!me) { location.href = '/login.html?next=' + encodeURIComponent(location.pathname); }

/** A photo input for the phone's camera (处置前后对比), named by its purpose. */
function photoInput(kind) {
  return el('label', { class: 'photo-input' }, t('photos.' + kind), ' ',
    el('input', { type: 'file', accept: 'image/jpeg,image/png', capture: 'environment', multiple: true, dataset: { photos: kind } }));
}
/** Uploads the card's chosen photos first, then acts with their ids under the body's names ({field: input}). */
async function actWithPhotos(id, action, body, inputs) {
  try {
    for (const [field, input] of Object.entries(inputs)) body[field] = await uploadPhotos(input.files);
  } catch (e) { flash('msg', t('photos.refused') + ' ' + errorText(e)); return; }
  await act(id, action, body);
}
async function act(id, action, body) {
  try {
    await api('grid-intake', '/api/tasks/' + encodeURIComponent(id) + '/' + action, { method: 'POST', body: body || {} });
    flash('msg', t('ok') + ': ' + t({ claim: 'worker.claim', unclaim: 'worker.unclaim', complete: 'worker.complete',
      whistle: 'worker.whistle', verification: 'worker.verify', reject: 'worker.reject', accept: 'worker.accept',
      'return-visit': 'kind.RETURN_VISIT', decision: 'kind.DECIDE', raise: 'worker.raise' }[action]) + ' — ' + id, true);
    await load(false);
  } catch (e) { flash('msg', errorText(e)); }
}
function taskCard(task) {
  const r = task.request;
  const note = el('textarea', { class: 'note', maxlength: 2000, placeholder: t(task.kind === 'HANDLE' ? 'worker.note' : 'dept.note') });
  const buttons = [];
  const photos = [];
  const b = (action, key, fn, cls) => buttons.push(el('button', { class: cls, dataset: { action }, onclick: fn }, t(key)));
  // 受理 by a person (the routing table held it back): accept it, and the process routes it at once; or reject it
  if (task.kind === 'ACCEPT') {
    b('accept', 'worker.accept', () => act(r.id, 'accept'));
  }
  // a new case (REVIEW) is still being routed: it can only be rejected until it reaches the grid (HANDLE)
  if (task.kind === 'HANDLE') {
    if (!task.claimedBy) b('claim', 'worker.claim', () => act(r.id, 'claim'));
    else b('unclaim', 'worker.unclaim', () => act(r.id, 'unclaim'), 'secondary');
    photos.push(photoInput('before'), photoInput('after'));
    b('complete', 'worker.complete', () => actWithPhotos(r.id, 'complete', { note: note.value || t('worker.complete') },
      { beforePhotoIds: photos[0].querySelector('input'), afterPhotoIds: photos[1].querySelector('input') }));
    b('whistle', 'worker.whistle', () => act(r.id, 'whistle', { reason: note.value || t('worker.whistle') }), 'danger');
  }
  if (task.kind === 'HANDLE' || task.kind === 'REVIEW' || task.kind === 'ACCEPT') {
    b('reject', 'worker.reject', () => act(r.id, 'reject', { reason: 'OUT_OF_SCOPE', note: note.value || null }), 'secondary');
  }
  if (task.kind === 'VERIFY') {
    photos.push(photoInput('verify'));
    const seen = () => ({ photoIds: photos[0].querySelector('input') });
    b('verify', 'worker.verify', () => actWithPhotos(r.id, 'verification', { passed: true, note: note.value || null }, seen()));
    b('verify-fail', 'worker.verifyFail', () => actWithPhotos(r.id, 'verification', { passed: false, note: note.value || null }, seen()), 'danger');
  }
  // a department answered PARTLY or CANNOT_FIX: verify anyway, send back, or close as not solvable (the note tells why)
  if (task.kind === 'DECIDE') {
    note.placeholder = t('worker.decisionNote');
    for (const d of ['VERIFY', 'REROUTE', 'CLOSE_NOT_SOLVABLE']) {
      buttons.push(el('button', { class: d === 'CLOSE_NOT_SOLVABLE' ? 'danger' : d === 'REROUTE' ? 'secondary' : null,
        dataset: { action: 'decide-' + d }, onclick: () => act(r.id, 'decision', { decision: d, note: note.value || null }) },
        label('callerDecision', d)));
    }
  }
  // 上提一级 on purpose: the grid cannot solve it (the note is the reason)
  if (task.kind === 'HANDLE' || task.kind === 'DECIDE') {
    b('raise', 'worker.raise', () => act(r.id, 'raise', { reason: note.value || t('worker.raiseReason') }), 'secondary');
  }
  // 回访: reached (their rating, 1 to 5, and what they said) or nobody reached (closes as not evaluated)
  let visit = null;
  if (task.kind === 'RETURN_VISIT') {
    const rating = el('select', { class: 'visit-rating' }, el('option', { value: '' }, '—'),
      [5, 4, 3, 2, 1].map(v => el('option', { value: String(v) }, v + ' / 5')));
    note.placeholder = t('worker.residentSaid');
    visit = el('div', { class: 'hint' }, t('worker.returnVisit'), ' ', el('label', {}, t('deptRate.rating'), ' ', rating));
    b('reached', 'worker.reached', () => act(r.id, 'return-visit', { reached: true,
      rating: rating.value ? Number(rating.value) : null, comment: note.value || null }));
    b('not-reached', 'worker.notReached', () => act(r.id, 'return-visit', { reached: false, comment: note.value || null }),
      'secondary');
  }
  return el('div', { class: 'task', id: 'task-' + r.id, dataset: { id: r.id, kind: task.kind, status: r.status } },
    el('div', {}, el('span', { class: 'badge' }, label('kind', task.kind)), ' ', el('b', {}, label('cat', r.category)), ' · ',
      el('span', {}, label('status', r.status)), ' · ', el('span', { class: 'hint' }, fmtTime(r.createdAt)),
      task.due ? el('span', { class: 'hint due' }, ' · ' + t('worker.due') + ' ' + fmtTime(task.due)) : null),
    el('div', { class: 'desc' }, r.description),
    el('div', { class: 'hint' }, (r.address || (r.latitude + ', ' + r.longitude)) + ' · ' + (r.gridCode || '') + ' · ' + r.id),
    task.claimedBy ? el('div', { class: 'hint claimed' }, t('worker.claimedBy') + ': ' + task.claimedBy) : null,
    task.kind === 'DECIDE' ? el('div', { class: 'hint' }, t('worker.decideHint')) : null,
    task.kind === 'VERIFY' || task.kind === 'DECIDE' ? answerList(r.answers) : null,
    // 评价部门: the departments that answered are rated on the case page
    task.kind === 'VERIFY' || task.kind === 'DECIDE' ? el('div', {}, el('a', { class: 'rate-link', href: '/case.html?id=' + encodeURIComponent(r.id) }, t('deptRate.link'))) : null,
    photoGallery(r.photos), visit, note,
    photos.length ? el('div', { class: 'photo-inputs' }, photos) : null, el('div', {}, buttons));
}
async function load(clearMsg = true) {
  try {
    const tasks = await api('grid-intake', '/api/tasks');
    if (clearMsg) clear($('msg'));
    const box = clear($('tasks'));
    if (!tasks.length) box.append(el('p', { class: 'hint' }, t('worker.none')));
    tasks.forEach(task => box.append(taskCard(task)));
  } catch (e) { flash('msg', errorText(e)); }
}
window.glReload = load;
await loadDepartmentNames();
$('refresh').onclick = () => load();
await load();

CATEGORIES.forEach(c => $('p-category').append(el('option', { value: c }, label('cat', c))));
await gridMap($('map'), { onPick: ll => { $('p-latitude').value = ll.lat.toFixed(6); $('p-longitude').value = ll.lng.toFixed(6); } });
$('patrol-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const lat = parseFloat($('p-latitude').value), lng = parseFloat($('p-longitude').value);
  if (Number.isNaN(lat) || Number.isNaN(lng)) { flash('patrol-msg', t('err.location')); return; }
  try {
    const s = await api('grid-intake', '/api/requests', { method: 'POST', body: { category: $('p-category').value,
      description: $('p-description').value, location: { latitude: lat, longitude: lng, address: $('p-address').value || null } } });
    flash('patrol-msg', t('submit.done') + ' ' + s.id, true);
    setTimeout(load, 1500);
  } catch (e) { flash('patrol-msg', errorText(e)); }
});

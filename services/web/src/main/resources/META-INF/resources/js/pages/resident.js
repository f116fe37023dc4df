// resident.html: report a problem on the map, follow it by id + tracking token, rate it when asked.
// Loaded as a module file, never inline: the Content-Security-Policy allows scripts from this site only.
import { startPage, initKeycloak, api, t, label, el, clear, flash, errorText, fmtTime, claims, loadDepartmentNames,
  answerList, progressText, uploadPhotos, photoPreview, photoGallery } from '/js/app.js';
import { CATEGORIES } from '/js/i18n.js';
import { gridMap } from '/js/map.js';
await initKeycloak(false);
const me = await startPage('nav.resident');
const $ = id => document.getElementById(id);
CATEGORIES.forEach(c => $('category').append(el('option', { value: c }, label('cat', c))));
if (!me) $('anonymous').checked = true;
const { map } = await gridMap($('map'), { onPick: (ll, grid) => {
  $('latitude').value = ll.lat.toFixed(6); $('longitude').value = ll.lng.toFixed(6);
  $('picked-grid').textContent = grid ? grid.name + ' (' + grid.code + ')' : '';
} });
window.glMap = map;
$('photo-files').addEventListener('change', () => photoPreview($('photo-preview'), $('photo-files').files));

$('submit-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const lat = parseFloat($('latitude').value), lng = parseFloat($('longitude').value);
  if (Number.isNaN(lat) || Number.isNaN(lng)) { flash('submit-msg', t('err.location')); return; }
  const anonymous = $('anonymous').checked;
  const body = {
    category: $('category').value, description: $('description').value,
    location: { latitude: lat, longitude: lng, address: $('address').value || null },
    photoUrls: $('photos').value.split(/\s+/).filter(Boolean), anonymous, photosPublic: $('photos-public').checked,
  };
  try {
    // the photos first: a refused photo is said before anything is reported
    body.photoIds = await uploadPhotos($('photo-files').files, { anonymous });
  } catch (e) { flash('submit-msg', t('photos.refused') + ' ' + errorText(e)); return; }
  if ($('contact-name').value || $('contact-phone').value) body.contact = { name: $('contact-name').value || null, phone: $('contact-phone').value || null };
  try {
    const s = await api('grid-intake', '/api/requests', { method: 'POST', body, anonymous });
    const box = clear($('submit-msg'));
    box.append(el('div', { class: 'msg ok', id: 'submitted' }, t('submit.done'),
      el('div', {}, t('submit.id') + ': ', el('b', { id: 'submitted-id' }, s.id)),
      el('div', {}, t('submit.token') + ': ', el('b', { id: 'submitted-token' }, s.trackingToken)),
      s.mergedInto ? el('div', {}, t('submit.merged') + ' ' + s.mergedInto) : null));
    const mine = JSON.parse(localStorage.getItem('gridloop.mine') || '[]');
    mine.unshift({ id: s.id, token: s.trackingToken }); localStorage.setItem('gridloop.mine', JSON.stringify(mine.slice(0, 20)));
    $('track-id').value = s.id; $('track-token').value = s.trackingToken;
    $('photo-files').value = ''; clear($('photo-preview'));
    await track();
  } catch (e) { flash('submit-msg', errorText(e)); }
});

const STEPS = [['SUBMITTED', 'stage.discovery'], ['ACCEPTED', 'stage.acceptance'], ['GRID_HANDLING|WHISTLED|AWAITING_DECISION', 'stage.handling'],
  ['VERIFYING', 'stage.verification'], ['AWAITING_FEEDBACK|RETURN_VISIT', 'stage.feedback'], ['CLOSED|REJECTED|MERGED', 'stage.closing']];
async function track() {
  const id = $('track-id').value.trim(), tok = $('track-token').value.trim();
  if (!id) return;
  try {
    const r = await api('grid-intake', '/api/requests/' + encodeURIComponent(id), { headers: tok ? { 'X-Tracking-Token': tok } : {} });
    clear($('track-msg'));
    $('request').hidden = false;
    $('req-status').textContent = label('status', r.status);
    $('req-status').dataset.status = r.status;
    $('req-category').textContent = label('cat', r.category);
    $('req-description').textContent = r.description;
    $('req-address').textContent = r.address || (r.latitude + ', ' + r.longitude);
    $('req-grid').textContent = r.gridCode || '';
    $('req-time').textContent = fmtTime(r.createdAt) + ' → ' + fmtTime(r.updatedAt);
    // a merged duplicate follows the case it joined: that case's steps, never its text
    const shown = r.followed || r, note = r.followed ? t('track.following') + ' ' + r.followed.id : r.statusNote;
    const at = STEPS.findIndex(([s]) => s.split('|').includes(shown.status));
    clear($('req-steps')).append(...STEPS.map(([s, key], i) => el('li', { class: i < at ? 'done' : i === at ? 'current' : null },
      t(key) + (i === at ? ' — ' + label('status', shown.status) + (note ? ' (' + note + ')' : '') : ''))));
    // 办理进展: each step so far, in plain language, with its time
    api('grid-intake', '/api/requests/' + encodeURIComponent(id) + '/progress', { headers: tok ? { 'X-Tracking-Token': tok } : {} })
      .then(lines => clear($('progress-view')).append(...lines.map(l => el('li', { dataset: { code: l.code } },
        el('span', { class: 'hint' }, fmtTime(l.at)), ' ', progressText(l)))))
      .catch(() => clear($('progress-view')));
    // 答复: what each department answered (the last round), in the reader's language
    clear($('answers-view')).append(...(r.answers && r.answers.length ? [answerList(r.answers)] : []));
    clear($('photos-view')).append(...[photoGallery(r.photos, tok ? { 'X-Tracking-Token': tok } : {})].filter(Boolean),
      ...(r.photoUrls || []).map(u => el('div', {}, el('a', { href: u, target: '_blank', rel: 'noopener noreferrer' }, u))));
    // still welcome while the grid calls back (回访); a merged report rates the case it followed, once that was handled
    const awaits = ['AWAITING_FEEDBACK', 'RETURN_VISIT'];
    const followedHandled = r.followed && (awaits.includes(r.followed.status)
      || (r.followed.status === 'CLOSED' && r.followed.outcome !== 'REJECTED'));
    $('rate-form').hidden = r.rating != null || !(awaits.includes(r.status) || (r.status === 'MERGED' && followedHandled));
    if (r.rating != null) flash('rate-msg', t('rate.done') + ' (' + r.rating + ')', true);
    return r;
  } catch (e) { $('request').hidden = true; flash('track-msg', errorText(e)); }
}
window.glTrack = track;
$('track-form').addEventListener('submit', ev => { ev.preventDefault(); track(); });
$('rate-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const tok = $('track-token').value.trim();
  try {
    await api('grid-intake', '/api/requests/' + encodeURIComponent($('track-id').value.trim()) + '/rating', {
      method: 'POST', headers: tok ? { 'X-Tracking-Token': tok } : {},
      body: { rating: Number($('rating').value), comment: $('rate-comment').value || null } });
    flash('rate-msg', t('rate.done'), true);
    $('rate-form').hidden = true;
    setTimeout(track, 1500);
  } catch (e) { flash('rate-msg', errorText(e)); }
});
const q = new URLSearchParams(location.search);
await loadDepartmentNames();
if (q.get('id')) { $('track-id').value = q.get('id'); $('track-token').value = q.get('token') || ''; track(); }

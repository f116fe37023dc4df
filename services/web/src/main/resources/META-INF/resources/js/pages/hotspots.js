// hotspots.html: 未诉先办 — the places where one kind of problem keeps being reported (closed cases included), the
// reports per grid and category this month against the month before, and the trend per category over a year: the
// escalation service's /api/hotspots, under the supervisor's unit.
// Loaded as a module file, never inline: the Content-Security-Policy allows scripts from this site only.
import { startPage, initKeycloak, api, t, label, el, clear, flash, errorText, fmtTime, claims, table, caseLink } from '/js/app.js';
import { CATEGORIES } from '/js/i18n.js';
await initKeycloak(false);
const me = await startPage('hot.title');
const $ = id => document.getElementById(id);
if (!me) { location.href = '/login.html?next=' + encodeURIComponent(location.pathname); }
const claim = claims() || {};
$('hot-unit').value = typeof claim.unit === 'string' && /^[0-9]+$/.test(claim.unit) ? claim.unit : '';
const now = new Date();
$('hot-month').value = now.getFullYear() + '-' + String(now.getMonth() + 1).padStart(2, '0');
const category = c => label('cat', c);
const query = extra => {
  const q = new URLSearchParams();
  if ($('hot-unit').value.trim()) q.set('unit', $('hot-unit').value.trim());
  for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
  return '?' + q.toString();
};
/** The change against the period before: ↑ 3 / ↓ 1 / new. */
const trend = (n, before) => before == null ? '—' : before === 0 ? t('hot.new') : n > before ? '↑ ' + (n - before)
  : n < before ? '↓ ' + (before - n) : '=';

async function showRepeated() {
  const box = clear($('hot-repeated'));
  const r = await api('escalation', '/api/hotspots/repeated' + query({ days: $('hot-days').value, min: $('hot-min').value }));
  // a district's or the city's default list is counted every few minutes: say when
  if (r.countedAt) box.append(el('p', { class: 'hint', id: 'hot-counted-at' }, t('hot.countedAt').replace('{at}', fmtTime(r.countedAt))));
  if (!r.places.length) { box.append(el('p', { class: 'hint', id: 'hot-none' }, t('hot.none'))); return; }
  box.append(table(['col.category', 'col.grid', 'hot.place', 'sup.cases', 'hot.closed', 'hot.last', 'hot.cases', 'hot.proactive'],
    r.places.map(p => ({
      attrs: { 'data-place': p.placeKey, 'data-category': p.category },
      cells: [category(p.category), p.gridCode, el('span', { title: p.placeKey }, p.latitude.toFixed(4) + ', ' + p.longitude.toFixed(4)),
        String(p.cases), String(p.closed), fmtTime(p.last),
        el('span', { class: 'case-links' }, p.requestIds.flatMap((id, i) => i ? [' ', caseLink(id)] : [caseLink(id)])),
        el('span', { class: 'proactive-links' }, ...p.proactiveRequestIds.map(caseLink),
          el('button', { type: 'button', class: 'secondary open-proactive', onclick: () => proactiveForm(p) }, t('hot.openProactive')))],
    })), { class: 'responsive', id: 'hot-repeated-table' }));
}

// 主动治理: a proactive case over a repeated problem's cases, at the place's centre; it runs the normal loop
// (grid-intake POST /api/requests/proactive) and the place then names it
function proactiveForm(place) {
  const box = clear($('proactive'));
  box.hidden = false;
  const description = el('textarea', { id: 'proactive-description', maxlength: '4000', rows: '3' });
  description.value = t('hot.proactiveText').replace('{category}', category(place.category)).replace('{n}', String(place.cases));
  const msg = el('div', { id: 'proactive-msg' });
  const form = el('form', { id: 'proactive-form', 'data-place': place.placeKey },
    el('h3', {}, t('hot.openProactive') + ' · ' + category(place.category)),
    el('p', { class: 'hint' }, t('hot.proactiveHint').replace('{n}', String(place.requestIds.length))),
    el('label', { for: 'proactive-description' }, t('submit.description')), description,
    el('button', { type: 'submit', id: 'proactive-submit' }, t('hot.openProactive')), msg);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      const created = await api('grid-intake', '/api/requests/proactive', { method: 'POST', body: {
        category: place.category, description: description.value,
        location: { latitude: place.latitude, longitude: place.longitude }, linkedRequestIds: place.requestIds } });
      clear(msg).append(el('div', { class: 'msg ok', role: 'status' }, t('hot.proactiveOpened') + ' ', caseLink(created.id)));
      box.dataset.opened = created.id;
    } catch (e) { flash(msg, errorText(e)); }
  });
  box.append(form);
  description.focus();
}

async function showCounts() {
  const box = clear($('hot-counts'));
  const r = await api('escalation', '/api/hotspots' + query({ period: $('hot-month').value }));
  if (!r.counts.length) { box.append(el('p', { class: 'hint' }, t('hot.noneCounted'))); return; }
  box.append(table(['col.grid', 'col.category', 'sup.cases', 'hot.before', 'hot.change', 'hot.bySource'],
    r.counts.map(c => ({
      attrs: { 'data-grid': c.gridCode, 'data-category': c.category },
      cells: [c.gridCode, category(c.category), String(c.cases), c.previous == null ? '—' : String(c.previous),
        trend(c.cases, c.previous),
        ['resident', 'patrol', 'open311', 'proactive'].filter(s => c[s]).map(s => label('source', s) + ' ' + c[s]).join(' · ')],
    })), { class: 'responsive', id: 'hot-counts-table' }));
}

async function showTrend() {
  const r = await api('escalation', '/api/hotspots/months' + query({ months: 12 }));
  const months = [...new Set(r.months.map(m => m.month))].sort();
  const categories = [...new Set(r.months.map(m => m.category))];
  const chart = echarts.getInstanceByDom($('hot-chart')) || echarts.init($('hot-chart'));
  chart.setOption({
    legend: { type: 'scroll', top: 0 }, grid: { left: 40, right: 10, top: 30, bottom: 30 },
    tooltip: { trigger: 'axis', confine: true, formatter: ps => el('div', { class: 'gl-tip' }, el('strong', {}, ps[0].axisValue),
      ps.filter(p => p.value).map(p => el('div', {}, p.seriesName + ': ' + p.value))) },
    xAxis: { type: 'category', data: months }, yAxis: { type: 'value', minInterval: 1 },
    series: categories.map(c => ({ name: category(c), type: 'line', data: months.map(m =>
      (r.months.find(x => x.month === m && x.category === c) || { cases: 0 }).cases) })),
  }, true);
  window.addEventListener('resize', () => chart.resize());
}

// 每月一题: the unit's topics, one picked per month (a category, a title, a goal), each tracked until closed with a summary
CATEGORIES.forEach(c => $('topic-category').append(el('option', { value: c }, category(c))));
const pct = (n, d) => d ? (100 * n / d).toFixed(1) + '%' : '—';

async function showTopics() {
  const topics = await api('escalation', '/api/topics' + ($('hot-unit').value.trim() ? '?unit=' + encodeURIComponent($('hot-unit').value.trim()) : ''));
  clear($('topic-list')).append(topics.length ? table(['topic.month', 'col.unit', 'col.category', 'topic.name', 'col.status', 'col.actions'],
    topics.map(x => ({ attrs: { 'data-topic': x.id }, cells: [x.month.slice(0, 7), x.unit, category(x.category), x.title,
      x.closedAt ? t('topic.closed') : t('topic.open'),
      el('button', { type: 'button', class: 'secondary', onclick: () => showTopic(x.id) }, t('topic.view'))] })),
    { class: 'responsive', id: 'topic-table' }) : el('p', { class: 'hint' }, t('topic.none')));
}

function topicDetail(v) {
  const p = v.progress;
  const box = clear($('topic-detail'));
  box.dataset.topic = v.topic.id;
  const summary = el('textarea', { id: 'topic-summary', maxlength: '4000', rows: '3' });
  const closing = el('form', { id: 'topic-close-form' }, el('label', { for: 'topic-summary' }, t('topic.summary')), summary,
    el('button', { type: 'submit', id: 'topic-close' }, t('topic.close')));
  closing.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      topicDetail(await api('escalation', '/api/topics/' + encodeURIComponent(v.topic.id) + '/close', { method: 'POST', body: { summary: summary.value } }));
      await showTopics();
    } catch (e) { flash('topic-msg', errorText(e)); }
  });
  box.append(el('h3', {}, v.topic.month.slice(0, 7) + ' · ' + category(v.topic.category) + ' · ' + v.topic.title),
    v.topic.goal ? el('p', {}, t('topic.goal') + ': ' + v.topic.goal) : '',
    table(['sup.cases', 'topic.repeats', 'hot.closed', 'topic.resolved', 'kpi.SATISFACTION'], [{ attrs: { id: 'topic-progress' },
      cells: [String(p.cases), String(p.repeats), String(p.closed), String(p.resolved), pct(p.satisfied, p.rated)] }], { class: 'responsive' }),
    el('p', { id: 'topic-months' }, t('topic.months') + ': ' + (v.months.map(m => m.month + ' ' + m.reports).join(' · ') || '—')),
    el('p', { id: 'topic-open' }, t('topic.openCases') + ': ', ...(v.openCases.length ? v.openCases.flatMap((c, i) => i ? [' ', caseLink(c.requestId)] : [caseLink(c.requestId)]) : ['—'])),
    v.topic.closedAt ? el('p', { id: 'topic-summary-text' }, t('topic.summary') + ' (' + fmtTime(v.topic.closedAt) + '): ' + v.topic.summary) : closing);
}

async function showTopic(id) {
  try { topicDetail(await api('escalation', '/api/topics/' + encodeURIComponent(id))); } catch (e) { flash('topic-msg', errorText(e)); }
}

$('topic-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  clear($('topic-msg'));
  try {
    const body = { category: $('topic-category').value, title: $('topic-name').value, goal: $('topic-goal').value };
    if ($('hot-unit').value.trim()) body.unit = $('hot-unit').value.trim();
    const v = await api('escalation', '/api/topics', { method: 'POST', body });
    flash('topic-msg', t('topic.picked'), true);
    topicDetail(v);
    await showTopics();
  } catch (e) { flash('topic-msg', errorText(e)); }
});

async function show() {
  clear($('hot-msg'));
  delete document.body.dataset.ready;
  for (const part of [showRepeated, showTopics, showCounts, showTrend]) {
    try { await part(); } catch (e) { flash('hot-msg', errorText(e)); }
  }
  document.body.dataset.ready = '1';
}
$('hot-form').addEventListener('submit', ev => { ev.preventDefault(); show(); });
await show();

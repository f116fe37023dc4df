// report.html: 通报 — a unit's monthly reports (escalation's /api/reports): the list of those issued (at month end
// and on demand), one issued now, and one drawn as a page that prints on A4 (its charts as SVG), or downloaded as
// the service's PDF.
// Loaded as a module file, never inline: the Content-Security-Policy allows scripts from this site only.
import { startPage, initKeycloak, api, t, label, el, clear, flash, errorText, fmtTime, claims, table,
  loadDepartmentNames, deptName, fmtRate, fmtDurationOrDash, caseLink } from '/js/app.js';
await initKeycloak(false);
const me = await startPage('rep.title');
const $ = id => document.getElementById(id);
if (!me) { location.href = '/login.html?next=' + encodeURIComponent(location.pathname); }
await loadDepartmentNames();
const claim = claims() || {};
const params = new URLSearchParams(location.search);
$('rep-unit').value = params.get('unit') || (typeof claim.unit === 'string' && /^[0-9]+$/.test(claim.unit) ? claim.unit : '');
const last = new Date(); last.setDate(1); last.setMonth(last.getMonth() - 1);
$('rep-month').value = params.get('month') || last.getFullYear() + '-' + String(last.getMonth() + 1).padStart(2, '0');
const category = c => label('cat', c);
const pct = fmtRate;
const dur = fmtDurationOrDash;
const figureOf = (r, code) => (r.figures.find(f => f.figure === code) || {}).value;

async function showList() {
  const q = $('rep-unit').value.trim() ? '?unit=' + encodeURIComponent($('rep-unit').value.trim()) : '';
  const list = await api('escalation', '/api/reports' + q);
  const box = clear($('rep-list'));
  if (!list.length) { box.append(el('p', { class: 'hint', id: 'rep-none' }, t('rep.none'))); return; }
  box.append(table(['public.month', 'col.unit', 'rep.issued', 'rep.generatedAt', 'col.actions'], list.map(r => ({
    attrs: { 'data-report': r.id },
    cells: [r.month.slice(0, 7), r.unit, t('rep.' + r.issued) + (r.generatedBy ? ' · ' + r.generatedBy : ''), fmtTime(r.generatedAt),
      el('button', { type: 'button', class: 'secondary show-report', onclick: () => show(r.id) }, t('public.show'))],
  })), { class: 'responsive', id: 'rep-table' }));
}

/** A chart drawn as SVG (sharp in print), sized for an A4 page; a bar chart of {@code rows} rows is as tall as they need. */
function chart(id, option, rows) {
  const box = el('div', { id, class: 'chart report-chart' });
  if (rows) box.style.height = Math.max(140, 50 + 26 * rows) + 'px';
  requestAnimationFrame(() => echarts.init(box, null, { renderer: 'svg' }).setOption(Object.assign({ animation: false }, option)));
  return box;
}

function section(titleKey, ...children) {
  return el('section', { class: 'report-section' }, el('h2', {}, t(titleKey)), ...children);
}

function render(report) {
  const c = report.content;
  const before = Object.fromEntries(c.previous.figures.map(f => [f.figure, f]));
  const rates = c.figures.figures.filter(f => f.denominator != null);
  const box = clear($('report'));
  box.hidden = false;
  box.dataset.report = report.issued.id;
  box.append(
    el('div', { class: 'row no-print report-actions' },
      el('button', { type: 'button', id: 'rep-pdf', onclick: () => pdf(report) }, t('rep.pdf')),
      el('button', { type: 'button', class: 'secondary', id: 'rep-print', onclick: () => window.print() }, t('rep.print')),
      el('span', { id: 'rep-pdf-msg' })),
    el('h1', { id: 'rep-heading' }, t('rep.heading').replace('{unit}', c.unit).replace('{month}', c.month)),
    el('p', { class: 'hint' }, [label('level', c.level), c.from + ' – ' + c.to, t('rep.' + c.issued), fmtTime(c.generatedAt),
      c.generatedBy || '', report.issued.id].filter(Boolean).join(' · ')),
    section('rep.figures',
      table(['sup.figure', 'rep.thisMonth', 'rep.monthBefore', 'rep.counted'], c.figures.figures.map(f => {
        const p = before[f.figure];
        const count = f.denominator == null;
        return { attrs: { 'data-figure': f.figure }, cells: [t('kpi.' + f.figure), count ? String(f.numerator) : pct(f.value),
          p ? (count ? String(p.numerator) : pct(p.value)) : '—', count ? '' : f.numerator + ' / ' + f.denominator] };
      }), { id: 'rep-figures' }),
      chart('rep-chart-figures', {
        legend: { top: 0 }, grid: { left: 110, right: 40, top: 30, bottom: 10 }, tooltip: { trigger: 'axis' },
        yAxis: { type: 'category', inverse: true, data: rates.map(f => t('kpi.' + f.figure)), axisLabel: { interval: 0 } },
        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          { name: t('rep.thisMonth'), type: 'bar', data: rates.map(f => f.value == null ? null : +(100 * f.value).toFixed(1)) },
          { name: t('rep.monthBefore'), type: 'bar', data: rates.map(f => { const p = before[f.figure];
            return p && p.value != null ? +(100 * p.value).toFixed(1) : null; }) }],
      }, rates.length * 1.6)),
    section('rep.cycles', table(['col.stage', 'sup.cases', 'P50', 'P90', 'rep.max'], c.figures.cycleTimes.map(s => ({
      cells: [t('cycle.' + s.stage), String(s.cases), dur(s.p50Seconds), dur(s.p90Seconds), dur(s.maxSeconds)] })), { id: 'rep-cycles' })),
    c.rankedLevel ? section('rep.units',
      table(['sup.rank', 'col.unit', 'kpi.SATISFACTION', 'kpi.ON_TIME', 'kpi.RESOLUTION'], c.units.map(r => ({
        cells: [String(r.rank), r.unit, pct(figureOf(r, 'SATISFACTION')), pct(figureOf(r, 'ON_TIME')), pct(figureOf(r, 'RESOLUTION'))],
      })), { id: 'rep-units' }),
      chart('rep-chart-units', {
        grid: { left: 110, right: 40, top: 10, bottom: 10 }, tooltip: { trigger: 'axis' },
        yAxis: { type: 'category', inverse: true, data: c.units.map(r => r.unit), axisLabel: { interval: 0 } },
        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [{ name: t('kpi.SATISFACTION'), type: 'bar', data: c.units.map(r => { const v = figureOf(r, 'SATISFACTION');
          return v == null ? null : +(100 * v).toFixed(1); }) }],
      }, c.units.length)) : '',
    section('rep.departments', c.departments.length ? table(['sup.rank', 'col.department', 'kpi.RESPONSE', 'kpi.DEPT_RESULT',
      'kpi.DEPT_ATTITUDE', 'kpi.DEPT_VERIFICATION_FAILED', 'kpi.DEPT_REOPENED'], c.departments.map(r => ({
      cells: [String(r.rank), deptName(r.unit), ...['RESPONSE', 'DEPT_RESULT', 'DEPT_ATTITUDE', 'DEPT_VERIFICATION_FAILED',
        'DEPT_REOPENED'].map(k => pct(figureOf(r, k)))] })), { id: 'rep-departments' }) : el('p', { class: 'hint' }, t('rep.nothing'))),
    section('rep.hotspots',
      c.hotspots.length ? table(['col.grid', 'col.category', 'rep.thisMonth', 'rep.monthBefore'], c.hotspots.map(h => ({
        cells: [h.gridCode, category(h.category), String(h.cases), h.previous == null ? '—' : String(h.previous)] })),
      { id: 'rep-hotspots' }) : el('p', { class: 'hint' }, t('rep.nothing')),
      chart('rep-chart-trend', {
        grid: { left: 40, right: 10, top: 20, bottom: 30 }, tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: c.trend.map(m => m.month) }, yAxis: { type: 'value', minInterval: 1 },
        series: [{ name: t('rep.reports'), type: 'bar', data: c.trend.map(m => m.cases) }],
      }),
      el('h3', {}, t('rep.repeated')),
      c.repeated.length ? table(['col.category', 'col.grid', 'hot.place', 'sup.cases', 'hot.closed', 'hot.proactive'], c.repeated.map(p => ({
        cells: [category(p.category), p.gridCode, p.latitude.toFixed(4) + ', ' + p.longitude.toFixed(4), String(p.cases), String(p.closed),
          p.proactiveRequestIds.length ? el('span', {}, ...p.proactiveRequestIds.map(caseLink)) : t('rep.noProactive')] })),
      { id: 'rep-repeated' }) : el('p', { class: 'hint' }, t('rep.nothing'))),
    section('rep.overdue', el('p', { id: 'rep-overdue-count' }, t('rep.overdueCount').replace('{n}', String(c.overdueCount))),
      c.overdue.length ? table(['col.id', 'col.grid', 'col.category', 'col.status', 'rep.due'], c.overdue.map(o => ({
        cells: [caseLink(o.requestId), o.gridCode, category(o.category), o.status ? label('status', o.status) : '', fmtTime(o.dueAt)] })),
      { id: 'rep-overdue' }) : ''),
    section('topic.title', ...(c.topics.length ? c.topics.map(x => el('div', { class: 'rep-topic' },
      el('h3', {}, x.topic.title + ' · ' + category(x.topic.category) + ' · ' + x.topic.unit),
      x.topic.goal ? el('p', {}, t('topic.goal') + '：' + x.topic.goal) : '',
      el('p', {}, t('rep.topicProgress').replace('{cases}', x.progress.cases).replace('{repeats}', x.progress.repeats)
        .replace('{closed}', x.progress.closed).replace('{resolved}', x.progress.resolved).replace('{rated}', x.progress.rated)
        .replace('{satisfied}', x.progress.satisfied)),
      x.topic.closedAt ? el('p', {}, t('rep.topicClosed') + ' ' + fmtTime(x.topic.closedAt) + '：' + x.topic.summary) : ''))
      : [el('p', { class: 'hint' }, t('rep.noTopic'))])));
}

async function show(id) {
  try {
    render(await api('escalation', '/api/reports/' + encodeURIComponent(id)));
    history.replaceState(null, '', '?id=' + encodeURIComponent(id));
  } catch (e) { flash('rep-msg', errorText(e)); }
}

/** The service's PDF, fetched with the caller's token and offered as a download. */
async function pdf(report) {
  try {
    const response = await api('escalation', '/api/reports/' + encodeURIComponent(report.issued.id) + '/pdf',
      { raw: true, headers: { Accept: 'application/pdf' } });
    const blob = await response.blob();
    const name = 'gridloop-report-' + report.issued.unit + '-' + report.content.month + '.pdf';
    const a = el('a', { href: URL.createObjectURL(blob), download: name, id: 'rep-pdf-link', 'data-type': blob.type,
      'data-bytes': String(blob.size) }, name + ' (' + Math.ceil(blob.size / 1024) + ' KB)');
    clear($('rep-pdf-msg')).append(a);
    a.click();
  } catch (e) { flash('rep-pdf-msg', errorText(e)); }
}

$('rep-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  clear($('rep-msg'));
  try {
    const body = { month: $('rep-month').value };
    if ($('rep-unit').value.trim()) body.unit = $('rep-unit').value.trim();
    const issued = await api('escalation', '/api/reports', { method: 'POST', body });
    flash('rep-msg', t('rep.issuedNow'), true);
    await showList();
    render(issued);
  } catch (e) { flash('rep-msg', errorText(e)); }
});

try {
  await showList();
  if (params.get('id')) await show(params.get('id'));
} catch (e) { flash('rep-msg', errorText(e)); }
document.body.dataset.ready = '1';

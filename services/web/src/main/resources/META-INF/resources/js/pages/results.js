// results.html: 评价结果公开 — each unit's and each department's figures per month, for anyone (no sign-in): the
// escalation service's public API, counts only; a rate over too few cases is withheld and shown as such.
// Loaded as a module file, never inline: the Content-Security-Policy allows scripts from this site only.
import { startPage, api, t, label, el, clear, flash, errorText, table, lang } from '/js/app.js';
await startPage('public.title');
const $ = id => document.getElementById(id);
const FIGURES = ['SATISFACTION', 'RESOLUTION', 'ON_TIME', 'RESPONSE', 'REWORK', 'NOT_EVALUATED', 'PATROL_FOUND', 'FALLBACK', 'ESCALATIONS'];
const RATES_OF_DEPARTMENTS = ['RESPONSE', 'SATISFACTION', 'RESOLUTION', 'ON_TIME', 'ESCALATIONS'];
// 街道对职能部门的评价: the departments ranked by how those who called them rated them
const DEPARTMENT_RANKING = ['DEPT_RESULT', 'DEPT_ATTITUDE', 'RESPONSE', 'DEPT_VERIFICATION_FAILED', 'DEPT_REOPENED'];
['street', 'district', 'community', 'grid'].forEach(l => $('public-level').append(el('option', { value: l }, label('level', l.toUpperCase()))));
const now = new Date();
const last = new Date(now.getFullYear(), now.getMonth() - 1, 1);
$('public-month').value = last.getFullYear() + '-' + String(last.getMonth() + 1).padStart(2, '0');
[...FIGURES, ...DEPARTMENT_RANKING.filter(f => !FIGURES.includes(f))].forEach(f => $('public-definitions').append(el('dt', {}, label('kpi', f)), el('dd', { class: 'hint' }, label('formula', f))));

/** A figure's cell: the rate (or count), "—" when nothing counts, "样本不足" when withheld. */
function cell(f) {
  if (!f) return '—';
  if (f.withheld) return el('span', { class: 'hint', dataset: { withheld: '1' } }, t('public.withheld'));
  if (f.value == null) return '—';
  const rate = f.denominator != null;
  return el('span', { title: rate ? f.numerator + ' / ' + f.denominator : '' },
    rate ? (Number(f.value) * 100).toFixed(1) + '%' : String(f.numerator));
}
const find = (figures, code) => (figures || []).find(f => f.figure === code);

async function show() {
  const month = $('public-month').value;
  const period = month ? '&period=' + encodeURIComponent(month) : '';
  clear($('public-msg'));
  try {
    const ranking = await api('escalation', '/api/public/rankings?level=' + $('public-level').value + period, { anonymous: true });
    $('public-withheld').textContent = t('public.withheldRule').replace('{n}', String(ranking.minCases));
    clear($('public-ranking')).append(ranking.units.length
      ? table(['sup.rank', 'col.unit', ...FIGURES.map(f => 'kpi.' + f)], ranking.units.map(u => ({
        attrs: { 'data-unit': u.unit }, cells: [String(u.rank), u.unit, ...FIGURES.map(f => cell(find(u.figures, f)))] })),
      { class: 'responsive', id: 'public-ranking-table' })
      : el('p', { class: 'hint' }, t('public.none')));
  } catch (e) { flash('public-msg', errorText(e)); }
  // the departments called in the month, ranked by their callers' ratings (names from report-in's public list)
  let names = {};
  try {
    const departments = await api('report-in', '/api/departments', { anonymous: true });
    names = Object.fromEntries(departments.map(d => [d.code, (lang() === 'en' ? d.nameEn : d.nameZh) || d.code]));
  } catch (e) { /* codes then */ }
  try {
    const ranking = await api('escalation', '/api/public/department-rankings' + (month ? '?period=' + encodeURIComponent(month) : ''), { anonymous: true });
    clear($('public-dept-ranking')).append(ranking.departments.length
      ? table(['sup.rank', 'col.department', ...DEPARTMENT_RANKING.map(f => 'kpi.' + f)], ranking.departments.map(d => ({
        attrs: { 'data-department': d.unit }, cells: [String(d.rank), names[d.unit] || d.unit, ...DEPARTMENT_RANKING.map(f => cell(find(d.figures, f)))] })),
      { class: 'responsive', id: 'public-dept-ranking-table' })
      : el('p', { class: 'hint' }, t('public.none')));
  } catch (e) { flash('public-msg', errorText(e)); }
  // the departments (report-in's public list), each with its own figures
  try {
    const departments = await api('report-in', '/api/departments', { anonymous: true });
    const rows = await Promise.all(departments.map(async d => {
      const f = await api('escalation', '/api/public/figures?unit=' + encodeURIComponent(d.code) + period, { anonymous: true });
      return { attrs: { 'data-department': d.code }, cells: [(lang() === 'en' ? d.nameEn : d.nameZh) || d.code, ...RATES_OF_DEPARTMENTS.map(k => cell(find(f.figures, k)))] };
    }));
    clear($('public-departments')).append(table(['col.department', ...RATES_OF_DEPARTMENTS.map(f => 'kpi.' + f)], rows,
      { class: 'responsive', id: 'public-departments-table' }));
  } catch (e) { flash('public-msg', errorText(e)); }
  document.body.dataset.ready = '1';
}
$('public-form').addEventListener('submit', ev => { ev.preventDefault(); show(); });
await show();

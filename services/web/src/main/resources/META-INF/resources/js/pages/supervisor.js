// supervisor.html: the escalations and disputes to decide (a form for each), rates per unit, cycle times, department
// assignments, rankings, overdue and escalated cases, CSV.
// Loaded as a module file, never inline: the Content-Security-Policy allows scripts from this site only.
import { startPage, initKeycloak, api, t, label, el, clear, flash, errorText, fmtTime, ApiError, claims, table,
  loadDepartmentNames, deptName, departmentCodes, loadConfig, fmtRate, fmtDurationOrDash, caseLink } from '/js/app.js';
await initKeycloak(false);
const me = await startPage('nav.supervisor');
const $ = id => document.getElementById(id);
if (!me) { location.href = '/login.html?next=' + encodeURIComponent(location.pathname); }
const charts = [];
window.addEventListener('resize', () => charts.forEach(c => c.resize()));
const chart = id => { const c = echarts.getInstanceByDom($(id)) || echarts.init($(id)); if (!charts.includes(c)) charts.push(c); $(id).hidden = false; return c; };
const unavailable = (id, e) => flash(id, e instanceof ApiError && e.status === 404 ? t('sup.unavailable') : errorText(e));

// The supervisor's unit (the token's unit claim; admins have none and see everything) and the level ranked below it:
// 15 digits grid (nothing below), 12 community → grid, 9 street → community, 6 district → street, 6 ending 00 city → district.
const claim = claims() || {};
const myUnit = typeof claim.unit === 'string' && /^[0-9]+$/.test(claim.unit) ? claim.unit : null;
const levelBelow = u => u == null ? 'district' : u.length === 12 ? 'grid' : u.length === 9 ? 'community'
  : u.length === 6 ? (u.endsWith('00') ? 'district' : 'street') : null;
const level = levelBelow(myUnit);

const params = extra => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
  const period = $('period').value;
  if (period) q.set('period', period);
  const s = q.toString();
  return s ? '?' + s : '';
};
const pct = fmtRate;
const known = (prefix, code, fallback) => { const l = label(prefix, code); return l === String(code) && fallback ? fallback : l; };
const figLabel = f => known('kpi', f.figure, f.label);
const stageLabel = c => known('cycle', c.stage, c.label);
const isRate = f => f.denominator != null; // counts (上提次数) carry no denominator
/** Seconds or an ISO-8601 duration in the reader's language ("2 天 3 小时" / "2 d 3 h"), — when not known. */
const dur = fmtDurationOrDash;
/**
 * A tooltip as DOM nodes (server text stays text): a title line and label: value lines. Every chart uses it: ECharts'
 * own tooltip is markup with style attributes, which the Content-Security-Policy blocks (and so is an item tooltip's
 * arrow, hence confine: true).
 */
const tip = (title, lines) => el('div', { class: 'gl-tip' }, el('strong', {}, title),
  lines.filter(Boolean).map(([k, v]) => el('div', {}, k + ': ' + v)));

// (1) rates per unit: my unit (GET /api/kpis) and every unit one level below (the rankings list, one /api/kpis each
// for the complete set of figures; the ranking row's own figures when that call fails)
async function loadKpis(ranking) {
  clear($('kpi-msg')); clear($('kpi-table'));
  try {
    const mine = myUnit ? await api('escalation', '/api/kpis' + params({ unit: myUnit })) : null;
    const below = ranking ? ranking.units.slice(0, 30) : [];
    const fetched = await Promise.allSettled(below.map(r => api('escalation', '/api/kpis' + params({ unit: r.unit }))));
    const units = [];
    if (mine) units.push({ name: mine.unit + ' (' + t('sup.unitLine') + ')', figures: mine.figures });
    below.forEach((r, i) => units.push({ name: r.unit, figures: fetched[i].status === 'fulfilled' ? fetched[i].value.figures : r.figures }));
    if (!units.length) throw new ApiError(404, null);
    const kinds = [];
    for (const u of units) for (const f of u.figures) if (isRate(f) && !kinds.some(k => k.figure === f.figure)) kinds.push(f);
    const find = (u, figure) => u.figures.find(f => f.figure === figure);
    chart('kpi-chart').setOption({
      tooltip: {
        trigger: 'item', confine: true,
        formatter: p => {
          const f = find(units[p.dataIndex], kinds[p.seriesIndex].figure);
          return tip(units[p.dataIndex].name + ' · ' + figLabel(kinds[p.seriesIndex]), f ? [
            [t('col.value'), pct(f.value)], [t('sup.numDen'), f.numerator + ' / ' + (f.denominator ?? '—')],
            [t('sup.formula'), label('formula', f.figure)]] : []);
        },
      },
      legend: { type: 'scroll', top: 0 }, grid: { left: 45, right: 10, top: 30, bottom: 70 },
      xAxis: { type: 'category', data: units.map(u => u.name), axisLabel: { rotate: 30, interval: 0 } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: kinds.map(k => ({ name: figLabel(k), type: 'bar', data: units.map(u => {
        const f = find(u, k.figure);
        return f && f.value != null ? +(Number(f.value) * 100).toFixed(1) : null;
      }) })),
    }, true);
    // each figure of my unit next to its formula
    const own = mine || { figures: units[0].figures };
    $('kpi-table').append(table(['sup.figure', 'col.value', 'sup.numDen', 'sup.formula'], own.figures.map(f => ({
      attrs: { 'data-figure': f.figure },
      cells: [figLabel(f), isRate(f) ? pct(f.value) : String(f.value ?? '—'),
        isRate(f) ? f.numerator + ' / ' + (f.denominator ?? '—') : String(f.numerator), el('span', { class: 'hint' }, label('formula', f.figure))],
    })), { class: 'responsive', id: 'kpi-figures' }));
    return mine;
  } catch (e) { $('kpi-chart').hidden = true; unavailable('kpi-msg', e); return null; }
}

// (2) cycle time per stage: p50 / p90 / max
function showCycles(data) {
  clear($('cycle-msg')); clear($('cycle-table'));
  const cycles = data && Array.isArray(data.cycleTimes) ? data.cycleTimes : null;
  if (!cycles || !cycles.length) { $('cycle-chart').hidden = true; flash('cycle-msg', t('sup.unavailable')); return; }
  const top = Math.max(0, ...cycles.map(c => c.maxSeconds || 0));
  const [div, unitKey] = top > 7200 ? [3600, 'sup.hours'] : [60, 'sup.minutes'];
  const v = s => s == null ? null : +(s / div).toFixed(2);
  const series = [['p50', 'p50Seconds', '#5470c6'], ['p90', 'p90Seconds', '#fac858'], ['max', 'maxSeconds', '#ee6666']];
  chart('cycle-chart').setOption({
    tooltip: {
      trigger: 'axis', confine: true,
      formatter: ps => { const c = cycles[ps[0].dataIndex]; return tip(stageLabel(c), [
        ['p50', dur(c.p50Seconds)], ['p90', dur(c.p90Seconds)], ['max', dur(c.maxSeconds)],
        [t('sup.cases'), c.cases], [t('sup.definition'), label('cycleDef', c.stage)]]); },
    },
    legend: { top: 0 }, grid: { left: 50, right: 10, top: 30, bottom: 40 },
    xAxis: { type: 'category', data: cycles.map(c => stageLabel(c)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: t(unitKey) },
    series: series.map(([name, key, color]) => ({ name, type: 'bar', itemStyle: { color }, data: cycles.map(c => v(c[key])) })),
  }, true);
  $('cycle-table').append(table(['col.stage', 'sup.cases', 'p50', 'p90', 'max'], cycles.map(c => ({
    attrs: { title: label('cycleDef', c.stage), 'data-stage': c.stage }, cells: [stageLabel(c), String(c.cases), dur(c.p50Seconds), dur(c.p90Seconds), dur(c.maxSeconds)],
  })), { class: 'responsive' }));
}

// (3) ranking of the units one level below mine
async function loadRanking() {
  const box = clear($('ranking'));
  $('ranking-level').textContent = level ? t('sup.rankLevel') + ': ' + t('level.' + level.toUpperCase()) : '';
  if (!level) { box.append(el('p', { class: 'hint' }, t('sup.noRanking'))); return null; }
  try {
    const ranking = await api('escalation', '/api/audit/rankings' + params({ level }));
    if (!ranking.units.length) { box.append(el('p', { class: 'hint' }, t('sup.none'))); return ranking; }
    const shown = ['SATISFACTION', 'ON_TIME', 'RESOLUTION', 'REWORK'];
    box.append(table(['sup.rank', 'col.unit', ...shown.map(k => 'kpi.' + k)], ranking.units.map(r => ({
      attrs: { 'data-unit': r.unit },
      cells: [String(r.rank), r.unit, ...shown.map(k => {
        const f = r.figures.find(x => x.figure === k);
        return f ? el('span', { title: f.numerator + ' / ' + (f.denominator ?? '—') + ' — ' + label('formula', f.figure) }, pct(f.value)) : '—';
      })],
    })), { class: 'responsive', id: 'ranking-table' }));
    return ranking;
  } catch (e) { unavailable('ranking', e); return null; }
}

// (3b) 街道对职能部门的评价: the departments called for my unit's cases, ranked by how the callers rated them
// (GET /api/audit/department-rankings: results, then attitude, then response; fewer failed verifications and reopens)
async function loadDepartmentRanking() {
  const box = clear($('dept-ranking'));
  try {
    const ranking = await api('escalation', '/api/audit/department-rankings' + params({}));
    if (!ranking.departments.length) { box.append(el('p', { class: 'hint' }, t('sup.none'))); return; }
    const shown = ['DEPT_RESULT', 'DEPT_ATTITUDE', 'RESPONSE', 'DEPT_VERIFICATION_FAILED', 'DEPT_REOPENED'];
    box.append(table(['sup.rank', 'col.department', ...shown.map(k => 'kpi.' + k)], ranking.departments.map(r => ({
      attrs: { 'data-department': r.unit },
      cells: [String(r.rank), deptName(r.unit), ...shown.map(k => {
        const f = r.figures.find(x => x.figure === k);
        return f ? el('span', { title: f.numerator + ' / ' + (f.denominator ?? '—') + ' — ' + label('formula', f.figure) }, pct(f.value)) : '—';
      })],
    })), { class: 'responsive', id: 'dept-ranking-table' }));
  } catch (e) { unavailable('dept-ranking', e); }
}

// (4) overdue and escalated cases
async function loadLists() {
  try {
    const rows = await api('escalation', '/api/audit/overdue');
    const box = clear($('overdue'));
    if (!rows.length) box.append(el('p', { class: 'hint' }, t('sup.none')));
    else box.append(table(['col.id', 'col.grid', 'col.category', 'col.status', 'sup.dueAt', 'sup.overdueBy', 'sup.limitMissed'],
      rows.map(r => ({ cells: [caseLink(r.requestId), r.gridCode || '', label('cat', r.category), label('status', r.status),
        fmtTime(r.dueAt), dur(r.overdueBy), t(r.limitMissed ? 'yes' : 'no')] })), { class: 'responsive' }));
  } catch (e) { unavailable('overdue', e); }
  try {
    const rows = await api('escalation', '/api/audit/escalated' + params({}));
    const box = clear($('escalated'));
    if (!rows.length) box.append(el('p', { class: 'hint' }, t('sup.none')));
    else box.append(table(['col.id', 'col.grid', 'sup.trigger', 'col.department', 'sup.raisedAt', 'sup.level', 'sup.lifts', 'sup.decision', 'sup.endedAt', 'sup.endReason'],
      rows.map(r => ({ cells: [caseLink(r.requestId), r.gridCode || '', label('trigger', r.trigger), deptName(r.department), fmtTime(r.raisedAt),
        r.level ? label('level', r.level) : '', String(r.lifts), label('decision', r.decision), fmtTime(r.endedAt), label('endReason', r.endReason)] })), { class: 'responsive' }));
  } catch (e) { unavailable('escalated', e); }
}

// department assignments under my unit (report-in), by department (shown by its name) and status
async function loadDispatches() {
  try {
    const list = await api('report-in', '/api/dispatches');
    const depts = [...new Set(list.map(w => w.department))].sort();
    const statuses = ['CALLED', 'REPORTED_IN', 'ANSWERED'];
    chart('dispatch-chart').setOption({
      tooltip: { trigger: 'axis', confine: true, formatter: ps => tip(ps[0].axisValueLabel, ps.map(p => [p.seriesName, p.value])) },
      legend: {}, grid: { left: 40, right: 10, bottom: 50 },
      xAxis: { type: 'category', data: depts.map(deptName), axisLabel: { interval: 0 } }, yAxis: { type: 'value', minInterval: 1 },
      series: [...statuses.map(s => ({ name: label('astatus', s), type: 'bar', stack: 'n', data: depts.map(d => list.filter(w => w.department === d && w.status === s).length) })),
        { name: t('dept.overdue'), type: 'bar', data: depts.map(d => list.filter(w => w.department === d && (w.reportInMissed || w.resolutionMissed)).length), itemStyle: { color: '#c0392b' } }],
    });
  } catch (e) { $('dispatch-chart').hidden = true; unavailable('dispatch-msg', e); }
}

// (0) decisions: the open escalations at my unit or below (escalation's GET /api/escalations) and the open
// jurisdiction disputes under my unit (report-in's GET /api/dispatches/disputes), each with a form for every decision.
// The forms send what the person chose; the services judge it: a 400 is shown at each field it names, in the
// reader's language (fieldErr.<field>), and nothing changes until the decision is accepted.
const ESCALATION_DECISIONS = ['COORDINATE', 'NEW_DEADLINE', 'REASSIGN', 'ORDER_CLOSING', 'RAISE'];
const DISPUTE_RULINGS = ['CONFIRM', 'REROUTE'];
/** The fields each decision sends besides the note (the others stay hidden and are not sent). */
const DECISION_FIELDS = { COORDINATE: ['departments'], NEW_DEADLINE: ['department', 'newDeadline'], REASSIGN: ['department', 'toDepartment'],
  REROUTE: ['toDepartment'] };
const cityZone = (await loadConfig()).timeZone || 'Asia/Shanghai';
/** A wall-clock time typed in the city's time zone ("2026-12-07T18:00") as an instant (ISO-8601), '' as null. */
function cityInstant(local) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local || '');
  if (!m) return local ? local : null;
  const wall = Date.UTC(+m[1], m[2] - 1, +m[3], +m[4], +m[5]);
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: cityZone, hourCycle: 'h23', year: 'numeric', month: 'numeric',
    day: 'numeric', hour: 'numeric', minute: 'numeric' });
  const offset = at => {
    const p = Object.fromEntries(fmt.formatToParts(new Date(at)).map(x => [x.type, x.value]));
    return Date.UTC(+p.year, p.month - 1, +p.day, +p.hour, +p.minute) - at;
  };
  return new Date(wall - offset(wall - offset(wall))).toISOString();
}
const deptOptions = (selected, none) => [el('option', { value: '' }, none),
  ...departmentCodes().map(c => el('option', { value: c, selected: c === selected }, deptName(c)))];
/** One labelled field with the place for its error; {hidden} until its decision is chosen. */
const field = (name, key, control, always) => el('div', { class: 'field', dataset: { field: name }, hidden: !always },
  el('label', {}, t(key)), control, el('div', { class: 'field-error', dataset: { field: name } }));

/**
 * A decision form: a choice of {codes} (worded from {prefix}), the fields each needs, a note. {send(values)} makes the
 * call and returns the outcome's text; a 400 marks each field it names, anything else is said above the list.
 */
function decisionForm({ codes, prefix, choiceKey, fields, submitKey, msgBox, send }) {
  const choice = el('select', { class: 'decision', name: 'decision' },
    el('option', { value: '' }, t('sup.chooseDecision')), codes.map(c => el('option', { value: c }, label(prefix, c))));
  const note = el('textarea', { class: 'note', name: 'note', maxlength: 500, placeholder: t('sup.decisionNote') });
  const parts = [field('decision', choiceKey, choice, true), ...fields, field('note', 'sup.decisionNote', note, true)];
  const general = el('div', { class: 'form-msg' });
  const button = el('button', { type: 'submit' }, t(submitKey));
  const form = el('form', { class: 'decision-form', novalidate: true }, el('div', { class: 'row' }, parts), general, button);
  const show = () => {
    const needs = DECISION_FIELDS[choice.value] || [];
    for (const f of fields) f.hidden = !needs.includes(f.dataset.field);
  };
  choice.addEventListener('change', show);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    form.querySelectorAll('.field-error').forEach(e => clear(e));
    form.querySelectorAll('.field.invalid').forEach(e => e.classList.remove('invalid'));
    clear(general);
    clear(document.getElementById(msgBox)); // the previous outcome is not this one's
    const needs = DECISION_FIELDS[choice.value] || [];
    const value = name => { const c = form.querySelector('[name=' + name + ']'); return needs.includes(name) && c.value ? c.value : null; };
    button.disabled = true;
    try {
      const several = name => { const c = form.querySelector('[name=' + name + ']');
        return c && needs.includes(name) ? [...c.selectedOptions].map(o => o.value).filter(Boolean) : null; };
      const outcome = await send({ decision: choice.value || null, department: value('department'), departments: several('departments'),
        toDepartment: value('toDepartment'), newDeadline: cityInstant(value('newDeadline')), note: note.value.trim() || null });
      await loadDecisions(); // the decided one leaves the list (the step committed when the service answered)
      flash(msgBox, outcome, true);
      loadLists();
      loadDispatches();
    } catch (e) {
      const errors = e instanceof ApiError && e.status === 400 && e.problem && Array.isArray(e.problem.errors) ? e.problem.errors : [];
      const unplaced = errors.filter(v => {
        const box = form.querySelector('.field-error[data-field="' + v.field + '"]');
        if (!box || box.parentElement.hidden) return true;
        box.parentElement.classList.add('invalid');
        box.append(el('div', { class: 'msg err', dataset: { problem: v.message || '' } }, t('fieldErr.' + v.field) === 'fieldErr.' + v.field ? t('fieldErr.other') : t('fieldErr.' + v.field)));
        return false;
      });
      if (errors.length) {
        flash(general, unplaced.length ? t('sup.fixFields') + ': ' + unplaced.map(v => v.field).join(', ') : t('sup.fixFields'));
      } else if (e instanceof ApiError && (e.status === 409 || e.status === 404)) {
        await loadDecisions();
        flash(msgBox, t('sup.alreadyDecided'));
      } else {
        flash(general, errorText(e));
      }
    } finally { button.disabled = false; }
  });
  return form;
}

function escalationCard(x) {
  const fields = [
    field('department', 'sup.forDepartment', el('select', { class: 'department', name: 'department' }, deptOptions(x.department, '—'))),
    field('newDeadline', 'sup.newDeadline', el('input', { class: 'new-deadline', name: 'newDeadline', type: 'datetime-local' })),
    field('toDepartment', 'sup.toDepartment', el('select', { class: 'to-department', name: 'toDepartment' }, deptOptions(null, '—'))),
    // 会商联办: the departments to convene into the case's round, each with its own limits
    field('departments', 'sup.convene', el('select', { class: 'convene', name: 'departments', multiple: true, size: 4 },
      departmentCodes().map(c => el('option', { value: c }, deptName(c))))),
  ];
  // nothing is above the city: RAISE is not offered there
  const codes = x.level === 'CITY' ? ESCALATION_DECISIONS.filter(c => c !== 'RAISE') : ESCALATION_DECISIONS;
  const form = decisionForm({ codes, prefix: 'decision', choiceKey: 'sup.decision', fields, submitKey: 'sup.submitDecision',
    msgBox: 'escalations-msg', send: async body => {
      const v = await api('escalation', '/api/escalations/' + encodeURIComponent(x.escalationId) + '/decision', { method: 'POST', body });
      const d = v.decision || {};
      // RAISE: still open, one level up
      if (!v.decision && v.status === 'OPEN') return [t('sup.raisedTo') + ' ' + label('level', v.level) + ' ' + (v.unit || ''), x.requestId].join(' · ');
      return [t('sup.decided') + ': ' + label('decision', d.decision), d.toDepartment ? t('sup.toDepartment') + ' ' + deptName(d.toDepartment) : '',
        d.newDeadline ? t('sup.newDeadline') + ' ' + fmtTime(d.newDeadline) : '', x.requestId].filter(Boolean).join(' · ');
    } });
  return el('div', { class: 'task', id: 'esc-' + x.escalationId, dataset: { escalation: x.escalationId, request: x.requestId, trigger: x.trigger } },
    el('div', {}, el('span', { class: 'badge' }, label('trigger', x.trigger)), ' ', caseLink(x.requestId), ' · ',
      label('level', x.level), ' ', x.unit || '', x.department ? ' · ' + deptName(x.department) : ''),
    el('div', { class: 'hint' }, t('sup.raisedAt') + ': ' + fmtTime(x.raisedAt) + (x.due ? ' · ' + t('sup.dueAt') + ': ' + fmtTime(x.due) : '')
      + (x.repeats ? ' · ' + t('sup.repeats') + ': ' + x.repeats : '')),
    form);
}

function disputeCard(d) {
  const fields = [field('toDepartment', 'sup.rerouteTo', el('select', { class: 'to-department', name: 'toDepartment' }, deptOptions(null, '—')))];
  const form = decisionForm({ codes: DISPUTE_RULINGS, prefix: 'disputeDecision', choiceKey: 'sup.ruling', fields, submitKey: 'sup.submitRuling',
    msgBox: 'disputes-msg', send: async body => {
      const changed = await api('report-in', '/api/dispatches/' + encodeURIComponent(d.requestId) + '/disputes/'
        + encodeURIComponent(d.department) + '/decision', { method: 'POST', body: { decision: body.decision, toDepartment: body.toDepartment, note: body.note } });
      return [t('sup.ruled') + ': ' + label('disputeDecision', body.decision) + ' (' + deptName(d.department) + ')',
        ...changed.map(a => deptName(a.department) + ' ' + label('astatus', a.status)), d.requestId].join(' · ');
    } });
  return el('div', { class: 'task', id: 'dispute-' + d.requestId + '-' + d.department, dataset: { request: d.requestId, department: d.department } },
    el('div', {}, el('span', { class: 'badge' }, label('cat', d.category)), ' ', caseLink(d.requestId), ' · ',
      deptName(d.department), ' (', label('role', d.role), ')'),
    el('div', { class: 'hint' }, [t('sup.disputedAt') + ': ' + fmtTime(d.disputedAt), d.address, d.gridCode].filter(Boolean).join(' · ')),
    el('div', {}, el('b', {}, t('dept.disputeReason') + ': '), el('span', { class: 'reason' }, d.reason || '')),
    el('div', { class: 'desc' }, d.description || ''),
    form);
}

/**
 * 上提一级 on purpose: a case with no escalation under way, raised with the reason to the level above my unit
 * (escalation's POST /api/cases/{id}/raise). Not for the city (nothing above it) nor admins (no unit to raise from).
 */
function raiseForm() {
  if (!myUnit || myUnit.endsWith('00') && myUnit.length === 6) return;
  const caseId = el('input', { id: 'raise-case-id', name: 'requestId', required: true });
  const reason = el('textarea', { id: 'raise-reason', name: 'reason', maxlength: 500, placeholder: t('sup.raiseReason') });
  const general = el('div', { class: 'form-msg' });
  const button = el('button', { type: 'submit', id: 'raise-submit' }, t('sup.raiseSubmit'));
  const form = el('form', { class: 'decision-form', id: 'raise-form', novalidate: true },
    el('div', { class: 'row' },
      el('div', { class: 'field' }, el('label', { for: 'raise-case-id' }, t('sup.caseId')), caseId),
      el('div', { class: 'field', dataset: { field: 'reason' } }, el('label', { for: 'raise-reason' }, t('sup.raiseReason')), reason,
        el('div', { class: 'field-error', dataset: { field: 'reason' } }))),
    general, button);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const box = form.querySelector('.field-error[data-field=reason]');
    clear(box); box.parentElement.classList.remove('invalid'); clear(general); clear($('escalations-msg'));
    const id = caseId.value.trim();
    if (!id) { flash(general, t('sup.noSuchCase')); return; }
    button.disabled = true;
    try {
      const v = await api('escalation', '/api/cases/' + encodeURIComponent(id) + '/raise', { method: 'POST', body: { reason: reason.value.trim() || null } });
      caseId.value = ''; reason.value = '';
      await loadDecisions();
      flash('escalations-msg', [t('sup.raisedTo') + ' ' + label('level', v.level) + ' ' + (v.unit || ''), id].join(' · '), true);
      loadLists();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        box.parentElement.classList.add('invalid');
        box.append(el('div', { class: 'msg err' }, t('fieldErr.reason')));
      } else if (e instanceof ApiError && e.status === 409) {
        flash(general, t('sup.raiseRefused'));
      } else if (e instanceof ApiError && e.status === 404) {
        flash(general, t('sup.noSuchCase'));
      } else {
        flash(general, errorText(e));
      }
    } finally { button.disabled = false; }
  });
  const host = $('raise-case');
  clear(host).append(el('h3', {}, t('sup.raiseCase')), el('p', { class: 'hint' }, t('sup.raiseHint')), form);
  host.hidden = false;
}

async function loadDecisions() {
  try {
    const list = await api('escalation', '/api/escalations');
    const box = clear($('escalations-open'));
    if (!list.length) box.append(el('p', { class: 'hint' }, t('sup.none')));
    list.forEach(x => box.append(escalationCard(x)));
  } catch (e) { unavailable('escalations-open', e); }
  try {
    const list = await api('report-in', '/api/dispatches/disputes');
    const box = clear($('disputes-open'));
    if (!list.length) box.append(el('p', { class: 'hint' }, t('sup.none')));
    list.forEach(d => box.append(disputeCard(d)));
  } catch (e) { unavailable('disputes-open', e); }
}
window.glReloadDecisions = loadDecisions;

async function loadAll() {
  document.body.dataset.ready = '0';
  const ranking = await loadRanking();
  const mine = await loadKpis(ranking);
  showCycles(mine);
  await loadDepartmentRanking();
  await loadLists();
  document.body.dataset.ready = '1';
}

// (5) CSV exports: fetched with the bearer token and saved as a Blob (a plain link cannot carry the token)
async function csv(path, name) {
  try {
    const response = await api('escalation', path + params({ unit: myUnit }), { raw: true, headers: { Accept: 'text/csv' } });
    const url = URL.createObjectURL(await response.blob());
    const a = el('a', { href: url, download: name, id: 'csv-link-' + name.replace('.', '-') }, name);
    clear($('csv-msg')).append(el('span', { class: 'hint' }, t('sup.csvReady') + ': '), a);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (e) { unavailable('csv-msg', e); }
}
$('csv-cases').onclick = () => csv('/api/audit/cases.csv', 'cases.csv');
$('csv-kpis').onclick = () => csv('/api/audit/kpis.csv', 'kpis.csv');
$('period').addEventListener('change', () => loadAll());
$('case-form').addEventListener('submit', ev => { ev.preventDefault(); const id = $('case-id').value.trim(); if (id) location.href = '/case.html?id=' + encodeURIComponent(id); });
await loadDepartmentNames();
raiseForm();
await loadDecisions();
await loadDispatches();
await loadAll();

// batch.js: 批量 — many files checked one by one (two at a time) with the summary view; a table of
// every report (sortable), a refused file as its own row, the roll-up (Summarize) and a CSV.

import { call, fileInput, errorText } from './api.js';
import { t, lang, onLangChange } from './i18n.js';
import { h, clear, announce, showError, download } from './util.js';

const $ = (id) => document.getElementById(id);

// Figures shown as columns by default (ids of docs/indicators.md); "all figures" shows every one
// the server returned. Labels always come from the server's answer.
const DEFAULT_FIGURES = ['applications_new', 'handled', 'carried_forward', 'administrative_review', 'litigation'];
const PARALLEL = 2;
const VERDICT_RANK = { VERDICT_FAIL: 0, VERDICT_PASS_WITH_WARNINGS: 1, VERDICT_PASS: 2 };

const state = {
  rows: [], // { name, input?, answer?, error?, done }
  figures: [], // [{id, labelZh, labelEn}] in the server's order
  sort: { key: null, dir: 'ascending' },
  summary: null,
  summaryError: null,
  running: false,
};

function figureLabel(f) {
  return lang() === 'en' ? (f.labelEn || f.labelZh || f.id) : (f.labelZh || f.labelEn || f.id);
}

function figureValue(row, id) {
  const f = row.answer && (row.answer.figures || []).find((x) => x.id === id);
  return f ? f.value : '';
}

function shownFigures() {
  if ($('batch-all-figures').checked) return state.figures;
  const picked = state.figures.filter((f) => DEFAULT_FIGURES.includes(f.id));
  return picked.length ? picked : state.figures.slice(0, 5);
}

/** The columns of the table: key, header text, how to read a row, numeric or not. */
function columns() {
  const meta = (r) => (r.answer && r.answer.report && r.answer.report.metadata) || {};
  const cols = [
    { key: 'file', label: t('batch.col.file'), get: (r) => r.name },
    { key: 'body', label: t('batch.col.body'), get: (r) => meta(r).issuingBody || '' },
    { key: 'year', label: t('batch.col.year'), get: (r) => meta(r).reportYear || '', num: true },
    { key: 'verdict', label: t('batch.col.verdict'), get: (r) => (r.answer ? r.answer.verdict : ''), rank: true },
    { key: 'errors', label: t('batch.col.errors'), get: (r) => (r.answer ? (r.answer.counts || {}).errors || 0 : ''), num: true },
    { key: 'warnings', label: t('batch.col.warnings'), get: (r) => (r.answer ? (r.answer.counts || {}).warnings || 0 : ''), num: true },
  ];
  shownFigures().forEach((f) => cols.push({ key: `fig:${f.id}`, label: figureLabel(f), get: (r) => figureValue(r, f.id), num: true, figure: true }));
  return cols;
}

function sortedRows(cols) {
  const rows = state.rows.map((r, i) => ({ r, i }));
  const col = cols.find((c) => c.key === state.sort.key);
  if (!col) return rows;
  const dir = state.sort.dir === 'ascending' ? 1 : -1;
  const val = (r) => {
    const v = col.get(r);
    if (col.rank) return v in VERDICT_RANK ? VERDICT_RANK[v] : null;
    if (col.num) return v === '' || v === undefined ? null : Number(v);
    return String(v);
  };
  rows.sort((a, b) => {
    const va = val(a.r);
    const vb = val(b.r);
    // Refused rows and unknown values last, whatever the direction.
    if (va === null || va === '' || Number.isNaN(va)) return (vb === null || vb === '' || Number.isNaN(vb)) ? a.i - b.i : 1;
    if (vb === null || vb === '' || Number.isNaN(vb)) return -1;
    const c = typeof va === 'number' ? va - vb : va.localeCompare(vb, lang() === 'en' ? 'en' : 'zh-CN');
    return c !== 0 ? c * dir : a.i - b.i;
  });
  return rows;
}

function renderTable() {
  const wrap = $('batch-table-wrap');
  clear(wrap);
  const cols = columns();
  const headRow = h('tr');
  cols.forEach((c) => {
    const sorted = state.sort.key === c.key;
    const th = h('th', { scope: 'col', 'aria-sort': sorted ? state.sort.dir : null, class: c.num || c.rank ? 'num' : null },
      h('button', { type: 'button', class: 'sort', dataset: { key: c.key } },
        c.label,
        h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (state.sort.dir === 'ascending' ? ' ▲' : ' ▼') : ' ↕')));
    th.querySelector('button').addEventListener('click', () => {
      if (state.sort.key === c.key) state.sort.dir = state.sort.dir === 'ascending' ? 'descending' : 'ascending';
      else state.sort = { key: c.key, dir: 'ascending' };
      renderTable();
      const again = wrap.querySelector(`button.sort[data-key="${CSS.escape(c.key)}"]`);
      if (again) again.focus();
      announce(t('batch.sorted', { column: c.label, dir: t(`sort.${state.sort.dir}`) }));
    });
    headRow.append(th);
  });
  const body = h('tbody');
  sortedRows(cols).forEach(({ r }) => {
    const tr = h('tr', { class: r.error ? 'row-error' : (r.done ? '' : 'row-pending') });
    cols.forEach((c, ci) => {
      if (ci === 0) {
        tr.append(h('th', { scope: 'row', class: 'file' }, r.name));
        return;
      }
      if (r.error && c.key === 'body') {
        tr.append(h('td', { class: 'refused', colspan: String(cols.length - 1) }, h('span', { class: 'refused-label' }, `${t('batch.refused')}：`), errorText(r.error)));
        return;
      }
      if (r.error) return;
      if (!r.done) {
        if (c.key === 'body') tr.append(h('td', { colspan: String(cols.length - 1), class: 'pending' }, t('batch.pending')));
        return;
      }
      const v = c.get(r);
      if (c.key === 'verdict') {
        const cls = { VERDICT_PASS: 'pass', VERDICT_PASS_WITH_WARNINGS: 'warn', VERDICT_FAIL: 'fail' }[v] || '';
        tr.append(h('td', { class: `verdict-cell verdict-${cls}` }, t(`verdict.${v}`)));
      } else {
        tr.append(h('td', { class: c.num ? 'num' : null }, v === '' ? '—' : String(v)));
      }
    });
    body.append(tr);
  });
  wrap.append(h('table', { class: 'data batch-table', id: 'batch-table' },
    h('caption', { class: 'visually-hidden' }, t('batch.caption')),
    h('thead', null, headRow), body));
}

function renderRollup() {
  const box = $('batch-rollup');
  clear(box);
  if (state.summaryError) {
    box.append(h('p', { class: 'alert shown', role: 'alert' }, typeof state.summaryError === 'string' ? state.summaryError : errorText(state.summaryError)));
    return;
  }
  const s = state.summary;
  if (!s) {
    if (state.running) box.append(h('p', { class: 'pending' }, t('batch.rollupPending')));
    return;
  }
  box.append(h('p', { class: 'rollup-facts', id: 'batch-included' },
    t('batch.included', { n: s.included || 0, total: state.rows.filter((r) => r.input).length, year: s.year || '—' })));
  const excluded = (s.reports || []).filter((r) => r.excludedReason);
  if (excluded.length) {
    const readable = state.rows.filter((r) => r.input);
    box.append(h('ul', { class: 'excluded' }, excluded.map((r) => {
      // proto3 JSON leaves out zeros: no index is index 0.
      const index = r.index || 0;
      const row = readable[index];
      // The reason is "English / 中文": show the part in the page's language.
      const parts = r.excludedReason.split(' / ');
      const reason = parts.length > 1 ? (lang() === 'en' ? parts[0] : parts.slice(1).join(' / ')) : r.excludedReason;
      return h('li', null, `${row ? row.name : `#${index + 1}`}：${reason}`);
    })));
  }
  const body = h('tbody');
  (s.total || []).forEach((f) => {
    body.append(h('tr', { dataset: { figure: f.id } },
      h('th', { scope: 'row' }, figureLabel(f)),
      h('td', { class: 'num' }, f.value === '' ? '—' : f.value, f.complete === false ? h('span', { class: 'incomplete', title: t('figure.incomplete') }, ' *') : null)));
  });
  box.append(h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': t('batch.rollup') },
    h('table', { class: 'data rollup-table', id: 'batch-rollup-table' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('figure.name')), h('th', { scope: 'col', class: 'num' }, t('figure.total')))),
      body)));
  if ((s.total || []).some((f) => f.complete === false)) box.append(h('p', { class: 'help' }, `* ${t('figure.incomplete')}`));
}

function progress(done, total) {
  $('batch-progress').max = Math.max(total, 1);
  $('batch-progress').value = done;
  $('batch-progress-text').textContent = `${done} / ${total}`;
}

async function run() {
  const files = Array.from($('batch-files').files || []);
  showError($('batch-error'), '');
  if (!files.length) {
    showError($('batch-error'), t('batch.needFiles'));
    $('batch-files').focus();
    return;
  }
  state.rows = files.map((f) => ({ name: f.name, file: f, done: false }));
  state.summary = null;
  state.summaryError = null;
  state.running = true;
  $('batch-run').disabled = true;
  $('batch-progress-row').hidden = false;
  $('batch-results').hidden = false;
  $('batch-results').setAttribute('aria-busy', 'true');
  let done = 0;
  progress(0, files.length);
  renderTable();
  renderRollup();
  announce(t('batch.started', { n: files.length }));
  let next = 0;
  const worker = async () => {
    while (next < state.rows.length) {
      const row = state.rows[next];
      next += 1;
      try {
        const input = await fileInput(row.file);
        const answer = await call('Validate', { input, view: 'RESPONSE_VIEW_SUMMARY' });
        row.input = input;
        row.answer = answer;
        (answer.figures || []).forEach((f) => {
          if (!state.figures.some((x) => x.id === f.id)) state.figures.push({ id: f.id, labelZh: f.labelZh, labelEn: f.labelEn });
        });
      } catch (e) {
        row.error = e;
      }
      row.done = true;
      row.file = null;
      done += 1;
      progress(done, state.rows.length);
      renderTable();
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, state.rows.length) }, worker));
  const inputs = state.rows.filter((r) => r.input).map((r) => r.input);
  if (inputs.length) {
    try {
      state.summary = await call('Summarize', { inputs });
    } catch (e) {
      state.summaryError = e;
    }
  } else {
    state.summaryError = t('batch.noneReadable');
  }
  // The bytes are not needed any more.
  state.rows.forEach((r) => { r.input = r.input ? true : undefined; });
  state.running = false;
  $('batch-run').disabled = false;
  $('batch-results').removeAttribute('aria-busy');
  renderRollup();
  const failed = state.rows.filter((r) => r.error).length;
  announce(t('batch.finished', { n: state.rows.length, failed }));
}

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula get a leading apostrophe. */
export function csvField(value) {
  let s = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function batchCsv() {
  const figs = state.figures;
  const header = ['file', 'issuing_body', 'report_year', 'template', 'verdict', 'errors', 'warnings', 'infos', 'refused']
    .concat(figs.map((f) => f.id));
  const lines = [header.map(csvField).join(',')];
  state.rows.forEach((r) => {
    const a = r.answer;
    const meta = (a && a.report && a.report.metadata) || {};
    const counts = (a && a.counts) || {};
    const rec = [r.name, meta.issuingBody || '', meta.reportYear || '', meta.templateVersion || '', a ? a.verdict : '',
      a ? counts.errors || 0 : '', a ? counts.warnings || 0 : '', a ? counts.infos || 0 : '', r.error ? errorText(r.error) : '']
      .concat(figs.map((f) => (a ? figureValue(r, f.id) : '')));
    lines.push(rec.map(csvField).join(','));
  });
  if (state.summary) {
    const total = state.summary.total || [];
    lines.push(['(total)', '', state.summary.year || '', '', '', '', '', '', '']
      .concat(figs.map((f) => { const x = total.find((y) => y.id === f.id); return x ? x.value : ''; }))
      .map(csvField).join(','));
  }
  // A BOM so that spreadsheet programs read the UTF-8 (Chinese) correctly.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function initBatch() {
  $('batch-run').addEventListener('click', run);
  $('batch-clear').addEventListener('click', () => {
    $('batch-files').value = '';
    $('batch-files').dispatchEvent(new Event('change'));
    state.rows = [];
    state.summary = null;
    state.summaryError = null;
    $('batch-results').hidden = true;
    $('batch-progress-row').hidden = true;
    showError($('batch-error'), '');
    $('batch-files').focus();
  });
  $('batch-all-figures').addEventListener('change', renderTable);
  $('batch-dl-csv').addEventListener('click', () => {
    if (!state.rows.length) return;
    download('nianbao-batch.csv', batchCsv(), 'text/csv;charset=utf-8');
  });
  onLangChange(() => {
    if (!state.rows.length) return;
    renderTable();
    renderRollup();
  });
}

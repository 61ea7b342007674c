// fill.js: 填报 — the three tables in the official layout (from the server's HTML render of an empty
// report) with an input in every data cell, checked as the clerk types (Validate on the structured
// report, debounced); broken identities shown on their cells; export when there is no error; drafts
// saved and loaded as JSON files.
//
// The structured report is sent without sections: Validate does not report missing section headings
// for structured input (it has no text to read them from), so only the tables' findings show.

import { call, fromBase64 } from './api.js';
import { t, onLangChange } from './i18n.js';
import { h, clear, announce, showError, download, importTables, cellLabels } from './util.js';
import { renderVerdict, renderFindings } from './findings.js';

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 400;
const DRAFT_KIND = 'nianbao-draft';

const state = {
  values: new Map(), // cell id → the text typed
  layoutTemplate: '', // the template whose layout is shown
  layoutIds: [], // the data cells of the shown layout, in document order
  timer: 0,
  seq: 0, // the latest Validate sent
  answer: null, // the answer to the latest Validate, when it matches the entries
  answeredKey: '', // the entries it answered
  invalid: new Map(), // cell id → the server's description, after REPORT_INVALID
  active: -1,
  touched: false,
};

function metadata() {
  const meta = { templateVersion: $('fill-template').value };
  const year = parseInt($('fill-year').value, 10);
  if (year > 0) meta.reportYear = year;
  const body = $('fill-body').value.trim();
  if (body) meta.issuingBody = body;
  return meta;
}

/** Full-width digits and signs (Chinese input methods) as ASCII; spaces trimmed. */
export function normalize(text) {
  return String(text || '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/－/g, '-')
    .replace(/，/g, ',')
    .trim();
}

/** One entry as a Cell: a number → value; empty → BLANK; anything else (/, —) as typed. */
export function cellOf(id, typed) {
  const v = normalize(typed).replace(/,/g, '');
  if (v === '') return { id, state: 'CELL_STATE_BLANK' };
  if (/^-?\d+(\.\d+)?$/.test(v)) return { id, value: v };
  return { id, value: normalize(typed) };
}

function cells() {
  return state.layoutIds.map((id) => cellOf(id, state.values.get(id) || ''));
}

function report() {
  return { metadata: metadata(), cells: cells() };
}

function entriesKey() {
  return JSON.stringify(report());
}

function suggestedTemplate(year) {
  return year === 2019 || year === 2020 ? 'TEMPLATE_VERSION_F2019' : 'TEMPLATE_VERSION_F2021';
}

async function loadLayout() {
  const template = $('fill-template').value;
  const box = $('fill-tables');
  showError($('fill-error'), '');
  let rendered;
  try {
    rendered = await call('Render', { input: { report: { metadata: metadata() } }, format: 'RENDER_FORMAT_HTML' });
  } catch (e) {
    showError($('fill-error'), e);
    return;
  }
  clear(box);
  box.append(importTables(rendered.text || '', 'fill'));
  const ids = [];
  box.querySelectorAll('table').forEach((table) => {
    const labels = cellLabels(table);
    labels.forEach((l, td) => {
      const id = td.getAttribute('data-cell');
      ids.push(id);
      const label = [l.row.join(' '), l.col.join(' ')].filter(Boolean).join(' — ') || id;
      clear(td);
      const input = h('input', {
        type: 'text',
        class: 'cell-input',
        inputmode: 'decimal',
        autocomplete: 'off',
        spellcheck: 'false',
        'aria-label': label,
        dataset: { id },
        id: `fill-cell-${id.replace(/\./g, '-')}`,
      });
      input.value = state.values.get(id) || '';
      td.classList.add('cell-edit');
      td.append(input);
    });
  });
  // Document order, as the server lists the cells.
  state.layoutIds = Array.from(box.querySelectorAll('td[data-cell]')).map((td) => td.getAttribute('data-cell'));
  state.layoutTemplate = template;
  state.answer = null;
  updateExports();
  if (state.touched) schedule(0);
}

function schedule(delay) {
  clearTimeout(state.timer);
  state.answer = null;
  updateExports();
  state.timer = setTimeout(validate, delay === undefined ? DEBOUNCE_MS : delay);
}

async function validate() {
  state.touched = true;
  const seq = ++state.seq;
  const key = entriesKey();
  const cellList = cells();
  $('fill-verdict').setAttribute('aria-busy', 'true');
  try {
    const answer = await call('Validate', { input: { report: JSON.parse(key) } });
    if (seq !== state.seq) return; // a newer check is on its way
    showError($('fill-error'), '');
    state.invalid = new Map();
    state.answer = answer;
    state.answeredKey = key;
    state.active = -1;
    renderResult();
    announce(t('fill.checked', { verdict: t(`verdict.${answer.verdict}`), errors: (answer.counts || {}).errors || 0 }));
  } catch (e) {
    if (seq !== state.seq) return;
    state.answer = null;
    state.invalid = new Map();
    (e.violations || []).forEach((v) => {
      const m = /cells\[(\d+)\]/.exec(v.field || '');
      if (m && cellList[Number(m[1])]) state.invalid.set(cellList[Number(m[1])].id, v.description || '');
    });
    showError($('fill-error'), e);
    markCells([]);
    clear($('fill-findings'));
    clear($('fill-verdict'));
  } finally {
    if (seq === state.seq) $('fill-verdict').removeAttribute('aria-busy');
    updateExports();
  }
}

function tdOf(id) {
  return $('fill-tables').querySelector(`td[data-cell="${CSS.escape(id)}"]`);
}

/** Shows the findings on their cells: classes, aria-invalid and the expected value as a note. */
function markCells(findings) {
  const box = $('fill-tables');
  box.querySelectorAll('td.cell-error, td.cell-warning, td.cell-invalid').forEach((td) => td.classList.remove('cell-error', 'cell-warning', 'cell-invalid'));
  box.querySelectorAll('.cell-note').forEach((n) => n.remove());
  box.querySelectorAll('input[aria-invalid]').forEach((i) => {
    i.removeAttribute('aria-invalid');
    i.removeAttribute('aria-describedby');
  });
  const notes = new Map(); // id → note text
  // Single-cell findings first: they say what that one cell should hold (e.g. ARI009).
  const ordered = findings.slice().sort((a, b) => ((a.cells || []).length === 1 ? 0 : 1) - ((b.cells || []).length === 1 ? 0 : 1));
  ordered.forEach((f) => {
    const sev = f.severity === 'SEVERITY_ERROR' ? 'error' : f.severity === 'SEVERITY_WARNING' ? 'warning' : '';
    if (!sev) return;
    const ids = f.cells || [];
    ids.forEach((id) => {
      const td = tdOf(id);
      if (!td) return;
      td.classList.add(`cell-${sev}`);
      if (sev === 'error') td.querySelector('input').setAttribute('aria-invalid', 'true');
    });
    if (f.expected === undefined || f.expected === null || !ids.length) return;
    // The expected value belongs to a cell when the finding names one cell, or when the first cell
    // (the identity's own cell, e.g. a total) holds the compared value.
    let target = null;
    if (ids.length === 1) target = ids[0];
    else if (f.actual !== undefined && cellOf(ids[0], state.values.get(ids[0]) || '').value === f.actual) target = ids[0];
    if (target && !notes.has(target)) notes.set(target, t('fill.expected', { value: f.expected }));
  });
  state.invalid.forEach((desc, id) => {
    const td = tdOf(id);
    if (!td) return;
    td.classList.add('cell-invalid');
    td.querySelector('input').setAttribute('aria-invalid', 'true');
    notes.set(id, t('fill.invalid'));
  });
  notes.forEach((text, id) => {
    const td = tdOf(id);
    if (!td) return;
    const noteId = `fill-note-${id.replace(/\./g, '-')}`;
    td.append(h('span', { class: 'cell-note', id: noteId }, text));
    td.querySelector('input').setAttribute('aria-describedby', noteId);
  });
}

function renderResult() {
  if (!state.answer) {
    markCells([]);
    return;
  }
  const findings = state.answer.findings || [];
  markCells(findings);
  renderVerdict($('fill-verdict'), state.answer);
  renderFindings($('fill-findings'), findings, {
    tablesRoot: $('fill-tables'),
    idPrefix: 'fill',
    active: state.active,
    onActivate: (i, f) => {
      state.active = i;
      const first = (f.cells || []).map(tdOf).find(Boolean);
      if (first) first.querySelector('input').focus();
    },
  });
}

function exportable() {
  return Boolean(state.answer) && ((state.answer.counts || {}).errors || 0) === 0 && state.answeredKey === entriesKey();
}

function updateExports() {
  const ok = exportable();
  $('fill-dl-docx').disabled = !ok;
  $('fill-dl-html').disabled = !ok;
}

function fileBase() {
  const meta = metadata();
  return `${meta.issuingBody || 'nianbao'}${meta.reportYear || ''}`;
}

async function exportAs(format, ext) {
  if (!exportable()) return;
  try {
    const r = await call('Render', { input: { report: report() }, format });
    if (r.data !== undefined) download(`${fileBase()}${ext}`, fromBase64(r.data || ''), r.mediaType);
    else download(`${fileBase()}${ext}`, r.text || '', r.mediaType || 'text/html;charset=utf-8');
  } catch (e) {
    showError($('fill-error'), e);
  }
}

function saveDraft() {
  const values = {};
  state.layoutIds.forEach((id) => {
    const v = state.values.get(id);
    if (v !== undefined && v !== '') values[id] = v;
  });
  const draft = { kind: DRAFT_KIND, version: 1, savedAt: new Date().toISOString(), metadata: metadata(), cells: values };
  download(`${fileBase()}-draft.json`, `${JSON.stringify(draft, null, 2)}\n`, 'application/json');
  announce(t('fill.saved'));
}

async function loadDraft(file) {
  showError($('fill-error'), '');
  let draft;
  try {
    draft = JSON.parse(await file.text());
  } catch (e) {
    showError($('fill-error'), t('fill.draftInvalid'));
    return;
  }
  if (!draft || draft.kind !== DRAFT_KIND || typeof draft.cells !== 'object' || !draft.cells) {
    showError($('fill-error'), t('fill.draftInvalid'));
    return;
  }
  const meta = draft.metadata || {};
  $('fill-body').value = meta.issuingBody || '';
  if (meta.reportYear) $('fill-year').value = String(meta.reportYear);
  if (meta.templateVersion === 'TEMPLATE_VERSION_F2019' || meta.templateVersion === 'TEMPLATE_VERSION_F2021') {
    $('fill-template').value = meta.templateVersion;
  }
  state.values = new Map(Object.entries(draft.cells).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]));
  state.touched = true;
  await loadLayout();
  const unknown = Array.from(state.values.keys()).filter((id) => !state.layoutIds.includes(id));
  announce(unknown.length ? t('fill.loadedUnknown', { n: unknown.length }) : t('fill.loaded'));
  schedule(0);
}

export function initFill() {
  const year = new Date().getFullYear() - 1;
  $('fill-year').value = String(year);
  $('fill-template').value = suggestedTemplate(year);
  let layoutRequested = false;
  const ensureLayout = () => {
    if (layoutRequested) return;
    layoutRequested = true;
    loadLayout();
  };
  document.getElementById('tab-fill').addEventListener('click', ensureLayout);
  document.addEventListener('nianbao:tab', (e) => { if (e.detail === 'fill') ensureLayout(); });

  $('fill-tables').addEventListener('input', (e) => {
    const input = e.target.closest('input.cell-input');
    if (!input) return;
    state.values.set(input.dataset.id, input.value);
    schedule();
  });
  $('fill-body').addEventListener('input', () => { if (state.touched) schedule(); });
  $('fill-year').addEventListener('change', () => {
    const y = parseInt($('fill-year').value, 10);
    const want = suggestedTemplate(y);
    if (y > 0 && want !== $('fill-template').value) {
      $('fill-template').value = want;
      loadLayout();
      announce(t('fill.templateSwitched', { template: t(`template.short.${want}`) }));
    } else if (state.touched) {
      schedule();
    }
  });
  $('fill-template').addEventListener('change', loadLayout);
  $('fill-zero').addEventListener('click', () => {
    let n = 0;
    $('fill-tables').querySelectorAll('input.cell-input').forEach((input) => {
      if (input.value.trim() === '') {
        input.value = '0';
        state.values.set(input.dataset.id, '0');
        n += 1;
      }
    });
    announce(t('fill.zeroed', { n }));
    schedule(0);
  });
  $('fill-save').addEventListener('click', saveDraft);
  $('fill-load').addEventListener('change', () => {
    const f = $('fill-load').files && $('fill-load').files[0];
    if (f) loadDraft(f);
    $('fill-load').value = '';
  });
  $('fill-dl-docx').addEventListener('click', () => exportAs('RENDER_FORMAT_DOCX', '.docx'));
  $('fill-dl-html').addEventListener('click', () => exportAs('RENDER_FORMAT_HTML', '.html'));
  onLangChange(renderResult);
}

// check.js: 检查 — one report (pasted or a file), optionally with last year's; the verdict, the
// findings by severity beside the report's tables in the official layout, and the downloads.

import { call, fileInput, textInput, errorText, fromBase64 } from './api.js';
import { t, onLangChange } from './i18n.js';
import { h, clear, announce, showError, download, stem, importTables } from './util.js';
import { renderVerdict, renderFindings, flagCells } from './findings.js';

const $ = (id) => document.getElementById(id);

const state = {
  request: null, // { input, previous? } exactly as sent to Validate
  answer: null,
  active: -1,
  name: '',
};

/**
 * The ReportInput of a file input / textarea pair: the file when one is chosen, else the text;
 * null when both are empty. The two exclude each other: choosing a file empties the text box and
 * typing clears the file.
 */
export async function readPair(fileEl, textEl) {
  const file = fileEl.files && fileEl.files[0];
  if (file) return { input: await fileInput(file), name: file.name };
  const text = textEl.value;
  if (text.trim()) return { input: textInput(text), name: '' };
  return null;
}

function pairExclusive(fileEl, textEl) {
  fileEl.addEventListener('change', () => {
    if (fileEl.files && fileEl.files.length) textEl.value = '';
  });
  textEl.addEventListener('input', () => {
    if (fileEl.value) {
      fileEl.value = '';
      fileEl.dispatchEvent(new Event('change'));
    }
  });
}

/**
 * Wires a view's report form: `<prefix>-file`/`-text` (the report) and `<prefix>-prev-file`/
 * `-prev-text` (last year's), each pair exclusive; `<prefix>-run` runs; `<prefix>-clear` empties
 * the four inputs, hides `<prefix>-results` and `<prefix>-error`, calls `reset` for the view's
 * state and focuses `focusId`.
 */
export function wireReportForm(prefix, run, reset, focusId) {
  pairExclusive($(`${prefix}-file`), $(`${prefix}-text`));
  pairExclusive($(`${prefix}-prev-file`), $(`${prefix}-prev-text`));
  $(`${prefix}-run`).addEventListener('click', run);
  $(`${prefix}-clear`).addEventListener('click', () => {
    [`${prefix}-file`, `${prefix}-prev-file`].forEach((id) => { $(id).value = ''; $(id).dispatchEvent(new Event('change')); });
    $(`${prefix}-text`).value = '';
    $(`${prefix}-prev-text`).value = '';
    reset();
    $(`${prefix}-results`).hidden = true;
    showError($(`${prefix}-error`), '');
    $(focusId).focus();
  });
}

function downloadName(ext) {
  const meta = state.answer && state.answer.report && state.answer.report.metadata;
  const base = state.name ? stem(state.name)
    : (meta && meta.issuingBody ? `${meta.issuingBody}${meta.reportYear || ''}` : 'nianbao-report');
  return `${base}${ext}`;
}

async function run() {
  const err = $('check-error');
  showError(err, '');
  const runBtn = $('check-run');
  let current;
  let previous;
  try {
    current = await readPair($('check-file'), $('check-text'));
    previous = await readPair($('check-prev-file'), $('check-prev-text'));
  } catch (e) {
    showError(err, t('error.read', { message: String(e) }));
    return;
  }
  if (!current) {
    showError(err, t('check.needInput'));
    $('check-file').focus();
    return;
  }
  const request = { input: current.input };
  if (previous) request.previous = previous.input;
  runBtn.disabled = true;
  $('check-results').setAttribute('aria-busy', 'true');
  announce(t('status.checking'));
  try {
    const answer = await call('Validate', { ...request, view: 'RESPONSE_VIEW_FULL' });
    state.request = request;
    state.answer = answer;
    state.active = -1;
    state.name = current.name;
    await showTables(answer);
    renderAll();
    $('check-results').hidden = false;
    announce(t('status.checked', { verdict: t(`verdict.${answer.verdict}`), n: (answer.findings || []).length }));
  } catch (e) {
    showError(err, e);
    announce(errorText(e));
  } finally {
    runBtn.disabled = false;
    $('check-results').removeAttribute('aria-busy');
  }
}

async function showTables(answer) {
  const box = $('check-tables');
  clear(box);
  try {
    const rendered = await call('Render', { input: { report: answer.report }, format: 'RENDER_FORMAT_HTML' });
    box.append(importTables(rendered.text || '', 'check'));
    flagCells(box, answer.findings || []);
  } catch (e) {
    box.append(h('p', { class: 'alert shown', role: 'alert' }, errorText(e)));
  }
}

function renderAll() {
  if (!state.answer) return;
  renderVerdict($('check-verdict'), state.answer);
  renderFindings($('check-findings'), state.answer.findings || [], {
    tablesRoot: $('check-tables'),
    idPrefix: 'check',
    active: state.active,
    onActivate: (i) => { state.active = i; },
  });
}

async function renderDownload(format, withPrevious) {
  const err = $('check-error');
  showError(err, '');
  if (!state.request) return null;
  const req = { input: state.request.input, format };
  if (withPrevious && state.request.previous) req.previous = state.request.previous;
  try {
    return await call('Render', req);
  } catch (e) {
    showError(err, e);
    return null;
  }
}

export function initCheck() {
  wireReportForm('check', run, () => {
    state.request = null;
    state.answer = null;
  }, 'check-text');
  $('check-dl-docx').addEventListener('click', async () => {
    const r = await renderDownload('RENDER_FORMAT_DOCX', false);
    if (r) download(downloadName('.docx'), fromBase64(r.data || ''), r.mediaType || 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });
  $('check-dl-csv').addEventListener('click', async () => {
    const r = await renderDownload('RENDER_FORMAT_CSV', false);
    if (r) download(downloadName('.csv'), r.text || '', r.mediaType || 'text/csv;charset=utf-8');
  });
  $('check-dl-findings').addEventListener('click', async () => {
    // With last year's report when one was given, so the cross-year findings are in it too.
    const r = await renderDownload('RENDER_FORMAT_FINDINGS_HTML', true);
    if (r) download(downloadName('-findings.html'), r.text || '', r.mediaType || 'text/html;charset=utf-8');
  });
  onLangChange(renderAll);
}

// compare.js: 对比 — this year's report with last year's: the key figures with their change, the
// cross-year findings (XYR*) first, and the server's comparison page (carry-over links, cross-year
// findings, the tables with both years' values) imported into the page.

import { call, errorText } from './api.js';
import { t, lang, onLangChange } from './i18n.js';
import { h, clear, announce, showError, parsePage, sanitize, scrollBox } from './util.js';
import { renderVerdict, renderFindings, flagCells } from './findings.js';
import { readPair, wireReportForm } from './check.js';

const $ = (id) => document.getElementById(id);
const isCrossYear = (f) => String(f.code || '').startsWith('XYR');

const state = { answer: null, active: -1 };

function renderFigures() {
  const box = $('compare-figures');
  clear(box);
  const figs = (state.answer && state.answer.figures) || [];
  const body = h('tbody');
  figs.forEach((f) => {
    const change = f.change || '';
    const n = Number(change);
    const cls = change === '' || Number.isNaN(n) ? '' : n > 0 ? 'up' : n < 0 ? 'down' : 'same';
    const shown = change === '' ? '—' : (n > 0 ? `+${change}` : change);
    body.append(h('tr', { dataset: { figure: f.id }, class: cls ? `change-${cls}` : null },
      h('th', { scope: 'row' }, lang() === 'en' ? f.labelEn || f.labelZh : f.labelZh || f.labelEn),
      h('td', { class: 'num prev' }, f.previousValue || '—'),
      h('td', { class: 'num now' }, f.value || '—'),
      h('td', { class: `num change ${cls}` }, shown, cls && cls !== 'same' ? h('span', { class: 'visually-hidden' }, ` (${t(`change.${cls}`)})`) : null)));
  });
  box.append(h('table', { class: 'data figures-table', id: 'compare-figures-table' },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('figure.name')),
      h('th', { scope: 'col', class: 'num' }, t('figure.previous')),
      h('th', { scope: 'col', class: 'num' }, t('figure.current')),
      h('th', { scope: 'col', class: 'num' }, t('figure.change')))),
    body));
}

function renderFindingList() {
  if (!state.answer) return;
  renderVerdict($('compare-verdict'), state.answer);
  const all = state.answer.findings || [];
  const cross = all.filter(isCrossYear);
  const box = $('compare-findings');
  clear(box);
  box.append(h('p', { class: cross.length ? 'crossyear-summary has' : 'crossyear-summary' },
    cross.length ? t('compare.crossyearCount', { n: cross.length }) : t('compare.crossyearNone')));
  const list = h('div');
  box.append(list);
  renderFindings(list, all, {
    tablesRoot: $('compare-rendered'),
    idPrefix: 'compare',
    first: isCrossYear,
    active: state.active,
    onActivate: (i) => { state.active = i; },
  });
}

/** The comparison page's sections, rebuilt from allowed elements only. */
function importComparison(html) {
  const doc = parsePage(html);
  const frag = document.createDocumentFragment();
  const sections = doc.body.querySelectorAll('section');
  if (!sections.length) {
    // A page without sections: its tables with their headings.
    doc.body.querySelectorAll('table').forEach((tb) => frag.append(scrollBox(sanitize(tb, 'cmp'))));
    return frag;
  }
  // Last year's value under this year's, named for screen readers.
  const markWas = (root) => root.querySelectorAll('span.was').forEach((w) => {
    w.prepend(h('span', { class: 'visually-hidden' }, '上年：'));
  });
  // Each scrolling table is a region named after the heading before it (unique names).
  const used = new Map();
  const regionLabel = (table) => {
    let prev = table.previousElementSibling;
    while (prev && !/^H[1-6]$/.test(prev.tagName)) prev = prev.previousElementSibling;
    const base = prev ? prev.textContent.trim() : t('tables.region');
    const n = (used.get(base) || 0) + 1;
    used.set(base, n);
    return n > 1 ? `${base} (${n})` : base;
  };
  sections.forEach((sec) => {
    const cls = sec.getAttribute('class') || '';
    // The key figures are shown from the Validate answer above, with labels in both languages.
    if (/\bfigures\b/.test(cls)) return;
    // The section's own heading is its first child; the tables section starts with a table's
    // heading instead, and is named here.
    const tablesSection = /\btables\b/.test(cls);
    const first = sec.firstElementChild;
    const heading = !tablesSection && first && /^H[1-6]$/.test(first.tagName) ? first : null;
    const title = heading ? heading.textContent.trim() : (tablesSection ? t('compare.tables') : '');
    const out = h('div', { class: `cmp-section ${cls}` });
    if (title) out.append(h('h3', null, title));
    Array.from(sec.children).forEach((child) => {
      if (child === heading) return;
      if (child.tagName === 'TABLE') {
        out.append(scrollBox(sanitize(child, 'cmp'), regionLabel(child)));
      } else {
        // Tables nested in wrappers, headings of the three tables, lists of findings, notes.
        if (/^H[1-6]$/.test(child.tagName)) {
          // Headings inside a section sit below the section's own heading.
          out.append(h('h4', { class: 'table-heading' }, child.textContent.trim()));
          return;
        }
        const copy = sanitize(child, 'cmp');
        if (!copy) return;
        if (copy.nodeType === Node.ELEMENT_NODE) {
          copy.querySelectorAll('table').forEach((tb) => {
            const box = h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': regionLabel(tb) });
            tb.replaceWith(box);
            box.append(tb);
          });
        }
        out.append(copy);
      }
    });
    markWas(out);
    frag.append(out);
  });
  return frag;
}

async function run() {
  const err = $('compare-error');
  showError(err, '');
  showError($('compare-render-error'), '');
  let current;
  let previous;
  try {
    current = await readPair($('compare-file'), $('compare-text'));
    previous = await readPair($('compare-prev-file'), $('compare-prev-text'));
  } catch (e) {
    showError(err, t('error.read', { message: String(e) }));
    return;
  }
  if (!current || !previous) {
    showError(err, t('compare.needBoth'));
    (current ? $('compare-prev-file') : $('compare-file')).focus();
    return;
  }
  $('compare-run').disabled = true;
  $('compare-results').setAttribute('aria-busy', 'true');
  announce(t('status.comparing'));
  const request = { input: current.input, previous: previous.input };
  const [validated, rendered] = await Promise.allSettled([
    call('Validate', { ...request, view: 'RESPONSE_VIEW_FULL' }),
    call('Render', { ...request, format: 'RENDER_FORMAT_COMPARISON_HTML' }),
  ]);
  $('compare-run').disabled = false;
  $('compare-results').removeAttribute('aria-busy');
  if (validated.status === 'rejected') {
    showError(err, validated.reason);
    announce(errorText(validated.reason));
    return;
  }
  state.answer = validated.value;
  state.active = -1;
  const box = $('compare-rendered');
  clear(box);
  if (rendered.status === 'fulfilled') {
    box.append(importComparison(rendered.value.text || ''));
    flagCells(box, state.answer.findings || []);
  } else {
    showError($('compare-render-error'), `${t('compare.renderFailed')}${errorText(rendered.reason)}`);
  }
  renderFigures();
  renderFindingList();
  $('compare-results').hidden = false;
  const cross = (state.answer.findings || []).filter(isCrossYear).length;
  announce(t('status.compared', { n: cross }));
}

export function initCompare() {
  wireReportForm('compare', run, () => { state.answer = null; }, 'compare-file');
  onLangChange(() => {
    if (!state.answer) return;
    renderFigures();
    renderFindingList();
  });
}

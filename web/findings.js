// findings.js: the verdict box and the findings list shared by the views. Each finding is a button;
// activating it highlights (class "hl" + aria-current) every cell it names in the view's tables and
// scrolls the first one into view.

import { t, lang } from './i18n.js';
import { h, clear, announce } from './util.js';

export const SEVERITIES = ['SEVERITY_ERROR', 'SEVERITY_WARNING', 'SEVERITY_INFO'];

/** The verdict of a ValidateResponse: body, year, template, verdict and counts. */
export function renderVerdict(box, answer, extra) {
  clear(box);
  const meta = (answer.report && answer.report.metadata) || {};
  const counts = answer.counts || {};
  const verdict = answer.verdict || 'VERDICT_UNSPECIFIED';
  const cls = { VERDICT_PASS: 'pass', VERDICT_PASS_WITH_WARNINGS: 'warn', VERDICT_FAIL: 'fail' }[verdict] || '';
  box.className = `verdict-box ${cls}`;
  const item = (label, value) => h('div', { class: 'fact' }, h('dt', null, label), h('dd', null, value));
  box.append(
    h('p', { class: `verdict verdict-${cls}` }, h('span', { class: 'verdict-mark', 'aria-hidden': 'true' }, { pass: '✓', warn: '!', fail: '✗' }[cls] || '·'), ' ', t(`verdict.${verdict}`)),
    h('dl', { class: 'facts' },
      item(t('meta.body'), meta.issuingBody || t('meta.unknown')),
      item(t('meta.year'), meta.reportYear ? String(meta.reportYear) : t('meta.unknown')),
      item(t('meta.template'), t(`template.short.${meta.templateVersion || 'TEMPLATE_VERSION_UNSPECIFIED'}`)),
      item(t('count.errors'), String(counts.errors || 0)),
      item(t('count.warnings'), String(counts.warnings || 0)),
      item(t('count.infos'), String(counts.infos || 0)),
      extra || []),
  );
}

/** Where a finding was found, in words ("第 21 行" / "page 2, line 5"), or ''. */
export function locationText(loc) {
  if (!loc || !loc.line) return '';
  return loc.page ? t('loc.pageLine', { page: loc.page, line: loc.line }) : t('loc.line', { line: loc.line });
}

/** The finding's message in the page's language. */
export function message(f) {
  return lang() === 'en' ? (f.messageEn || f.messageZh || '') : (f.messageZh || f.messageEn || '');
}

/** Removes every highlight in a root. */
export function clearHighlight(root) {
  root.querySelectorAll('.hl').forEach((c) => {
    c.classList.remove('hl');
    c.removeAttribute('aria-current');
  });
}

/** Highlights the cells with these ids (this year's data-cell) in root; returns how many. */
export function highlightCells(root, ids) {
  clearHighlight(root);
  const found = [];
  (ids || []).forEach((id) => {
    root.querySelectorAll(`[data-cell="${CSS.escape(id)}"]`).forEach((c) => {
      c.classList.add('hl');
      c.setAttribute('aria-current', 'true');
      found.push(c);
    });
  });
  if (found.length) found[0].scrollIntoView({ block: 'center', inline: 'center' });
  return found.length;
}

/** Marks every cell named by an error or warning finding (flag-error / flag-warning). */
export function flagCells(root, findings) {
  root.querySelectorAll('.flag-error, .flag-warning').forEach((c) => c.classList.remove('flag-error', 'flag-warning'));
  findings.forEach((f) => {
    const cls = f.severity === 'SEVERITY_ERROR' ? 'flag-error' : f.severity === 'SEVERITY_WARNING' ? 'flag-warning' : '';
    if (!cls) return;
    (f.cells || []).forEach((id) => {
      root.querySelectorAll(`[data-cell="${CSS.escape(id)}"]`).forEach((c) => c.classList.add(cls));
    });
  });
}

/**
 * Renders findings grouped by severity into container. Options:
 *   tablesRoot: where the cells are (for highlighting); idPrefix: for element ids;
 *   first: a predicate whose findings are listed first and marked (e.g. cross-year codes);
 *   active: the index of the finding to show as active (kept across language switches);
 *   onActivate(index, finding): called after a finding was activated.
 */
export function renderFindings(container, findings, opts) {
  const o = opts || {};
  clear(container);
  container.dataset.findingsOwner = o.idPrefix || 'f';
  if (!findings.length) {
    container.append(h('p', { class: 'none' }, t('findings.none')));
    return;
  }
  const indexed = findings.map((f, i) => ({ f, i }));
  SEVERITIES.forEach((sev) => {
    let group = indexed.filter((x) => x.f.severity === sev);
    if (!group.length) return;
    if (o.first) group = group.filter((x) => o.first(x.f)).concat(group.filter((x) => !o.first(x.f)));
    const list = h('ul', { class: 'findings' });
    group.forEach(({ f, i }) => list.append(findingItem(f, i, o)));
    container.append(
      h('div', { class: `sev-group sev-${sev.slice(9).toLowerCase()}` },
        h('h4', null, h('span', { class: 'sev-dot', 'aria-hidden': 'true' }), `${t(`sev.${sev}`)}（${group.length}）`),
        list),
    );
  });
  // Findings of a severity outside the three (unspecified) still show.
  const other = indexed.filter((x) => !SEVERITIES.includes(x.f.severity));
  if (other.length) {
    const list = h('ul', { class: 'findings' });
    other.forEach(({ f, i }) => list.append(findingItem(f, i, o)));
    container.append(list);
  }
}

function findingItem(f, i, o) {
  const prefix = o.idPrefix || 'f';
  const detailsId = `${prefix}-finding-${i}-details`;
  const marked = o.first && o.first(f);
  const btn = h('button', {
    type: 'button',
    class: 'finding-btn',
    'aria-pressed': o.active === i ? 'true' : 'false',
    'aria-describedby': detailsId,
    dataset: { code: f.code, index: String(i) },
  },
  h('span', { class: 'code' }, f.code),
  marked ? h('span', { class: 'badge' }, t('findings.crossyear')) : null,
  h('span', { class: 'msg' }, message(f)));
  const details = h('dl', { class: 'finding-details', id: detailsId });
  const add = (label, value, cls) => {
    if (!value) return;
    details.append(h('dt', null, label), h('dd', { class: cls || null }, value));
  };
  if (f.cells && f.cells.length) {
    const shown = f.cells.slice(0, 12).join(', ') + (f.cells.length > 12 ? t('findings.more', { n: f.cells.length - 12 }) : '');
    add(t('findings.cells'), shown, 'mono');
  }
  add(t('findings.location'), locationText(f.location));
  if (f.expected !== undefined && f.expected !== null) add(t('findings.expected'), f.expected, 'mono');
  if (f.actual !== undefined && f.actual !== null) add(t('findings.actual'), f.actual, 'mono');
  if (f.notAssessable) add(t('findings.notAssessable'), t('findings.notAssessableYes'));
  add(t('findings.suggestion'), f.suggestion);
  btn.addEventListener('click', () => {
    const root = o.tablesRoot;
    document.querySelectorAll(`[data-findings-owner="${prefix}"] .finding-btn[aria-pressed="true"]`).forEach((b) => b.setAttribute('aria-pressed', 'false'));
    btn.setAttribute('aria-pressed', 'true');
    let n = 0;
    if (root) n = highlightCells(root, f.cells || []);
    announce(n ? t('findings.highlighted', { n, code: f.code }) : t('findings.noCells', { code: f.code }));
    if (o.onActivate) o.onActivate(i, f);
  });
  return h('li', { class: `finding${marked ? ' marked' : ''}` }, btn, details);
}

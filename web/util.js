// util.js: small DOM helpers shared by the views: element building, downloads, drop zones, importing
// the server's rendered HTML (tables and headings only, rebuilt element by element), and reading a
// rendered table as a grid to name each data cell by its row and column headers.

import { t } from './i18n.js';
import { errorText } from './api.js';

/** Builds an element: h('td', {class: 'x', dataset: {cell: 'T3.R1.NP'}}, 'text', child). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Announces a message in the page's polite live region. */
export function announce(message) {
  const status = document.getElementById('status');
  status.textContent = '';
  // A new text node after a tick, so the same message twice is read twice.
  setTimeout(() => { status.textContent = message; }, 30);
}

/**
 * Shows (or with '' hides) an error in a view's role=alert box: a message, or a thrown error whose
 * text follows the language switch (relocalizeErrors).
 */
export function showError(box, error) {
  if (error && typeof error === 'object') {
    box.nbError = error;
    box.textContent = errorText(error);
  } else {
    delete box.nbError;
    box.textContent = error || '';
  }
  box.classList.toggle('shown', Boolean(box.textContent));
}

/** Re-words the errors on show in the current language. */
export function relocalizeErrors(root) {
  root.querySelectorAll('.alert.shown').forEach((box) => {
    if (box.nbError) box.textContent = errorText(box.nbError);
  });
}

/** Saves bytes or text as a file: Blob + a[download] + an object URL. */
export function download(name, content, type) {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.className = 'visually-hidden';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** A file name's stem ("a/b/report.pdf" → "report"), for naming downloads. */
export function stem(name) {
  const base = String(name || 'report').split(/[\\/]/).pop();
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base) || 'report';
}

/** Wires a drop zone to its file input: dropped files are put into the input and `change` fires. */
export function wireDropZones(root) {
  root.querySelectorAll('[data-drop]').forEach((zone) => {
    const input = document.getElementById(zone.dataset.drop);
    const chosen = root.querySelector(`[data-chosen-for="${input.id}"]`);
    const showChosen = () => {
      if (!chosen) return;
      const names = Array.from(input.files || []).map((f) => f.name);
      chosen.textContent = names.length ? `${t('input.chosen')}${names.join('、')}` : '';
    };
    input.addEventListener('change', showChosen);
    zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      zone.classList.add('dragging');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('dragging');
      const files = e.dataTransfer && e.dataTransfer.files;
      if (!files || !files.length) return;
      const dt = new DataTransfer();
      const list = input.multiple ? Array.from(files) : [files[0]];
      list.forEach((f) => dt.items.add(f));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
  });
}

// ---- importing the server's rendered HTML ----

const KEEP_TAGS = new Set(['TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'TD', 'TH', 'CAPTION', 'COLGROUP', 'COL',
  'B', 'STRONG', 'EM', 'I', 'SPAN', 'BR', 'SUP', 'SUB', 'SMALL', 'H2', 'H3', 'H4', 'P', 'UL', 'OL', 'LI', 'CODE', 'DIV']);
const KEEP_ATTRS = new Set(['colspan', 'rowspan', 'class', 'data-cell', 'data-prev-cell', 'scope', 'headers', 'id']);

/**
 * Copies a node of the parsed (inert) document into this page, keeping only table and text
 * elements and their layout attributes: no scripts, styles, links, event handlers or inline styles
 * can come through. Ids are prefixed so they cannot clash with the page's.
 */
export function sanitize(node, idPrefix) {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.nodeValue);
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  if (!KEEP_TAGS.has(node.tagName)) {
    // Unknown wrappers give their text only.
    return document.createTextNode(node.textContent);
  }
  const el = document.createElement(node.tagName.toLowerCase());
  for (const attr of Array.from(node.attributes)) {
    const name = attr.name.toLowerCase();
    if (!KEEP_ATTRS.has(name)) continue;
    el.setAttribute(name, name === 'id' ? `${idPrefix}-${attr.value}` : attr.value);
  }
  node.childNodes.forEach((c) => {
    const copy = sanitize(c, idPrefix);
    if (copy) el.append(copy);
  });
  return el;
}

/**
 * Parses a standalone HTML page (inert: DOMParser runs nothing). Its <style> element and style
 * attributes are dropped first: the page's CSP would block them anyway, and parsing them would log
 * a CSP violation. The tables are styled by app.css.
 */
export function parsePage(html) {
  const stripped = String(html)
    .replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, '')
    .replace(/\sstyle\s*=\s*("[^"]*"|'[^']*')/gi, '');
  return new DOMParser().parseFromString(stripped, 'text/html');
}

/**
 * The tables of a rendered report page, each with the h2 heading before it, as sanitized nodes.
 * Returns a fragment: per table a <div class="table-block"> with the heading and a scrolling box.
 */
export function importTables(html, idPrefix, scrollLabel) {
  const doc = parsePage(html);
  const frag = document.createDocumentFragment();
  let lastHeading = null;
  let headingUsed = false;
  const walker = doc.body.querySelectorAll('h2, table');
  walker.forEach((el) => {
    if (el.tagName === 'H2') {
      lastHeading = el;
      headingUsed = false;
      return;
    }
    if (el.parentElement && el.parentElement.closest('table')) return;
    const block = h('div', { class: 'table-block' });
    if (lastHeading && !headingUsed) {
      const hd = sanitize(lastHeading, idPrefix);
      const h4 = h('h4', { class: 'table-heading' }, hd.textContent);
      block.append(h4);
      headingUsed = true;
    }
    block.append(scrollBox(sanitize(el, idPrefix), scrollLabel || (lastHeading ? lastHeading.textContent : '')));
    frag.append(block);
  });
  return frag;
}

/** A horizontally scrolling, keyboard-focusable region around a wide table. */
export function scrollBox(child, label) {
  return h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': label || t('tables.region') }, child);
}

// ---- tables as grids ----

/**
 * Reads a table into a grid (rowspan/colspan expanded): grid[r][c] = the td/th covering that slot.
 */
export function tableGrid(table) {
  const grid = [];
  Array.from(table.rows).forEach((tr, r) => {
    grid[r] = grid[r] || [];
    let c = 0;
    Array.from(tr.cells).forEach((cell) => {
      while (grid[r][c]) c += 1;
      const rs = Math.max(1, parseInt(cell.getAttribute('rowspan') || '1', 10));
      const cs = Math.max(1, parseInt(cell.getAttribute('colspan') || '1', 10));
      for (let i = 0; i < rs; i += 1) {
        grid[r + i] = grid[r + i] || [];
        for (let j = 0; j < cs; j += 1) grid[r + i][c + j] = cell;
      }
      c += cs;
    });
  });
  return grid;
}

const isData = (cell) => cell && cell.hasAttribute('data-cell');
const cellText = (cell) => cell.textContent.replace(/\s+/g, ' ').trim();

/**
 * For every data cell of a rendered table (td[data-cell]) its row labels (the header cells to its
 * left, outermost first) and column labels (the header cells above it, outermost first, up to the
 * data rows of the previous block). Read from the server's layout: nothing about the template is
 * known here.
 */
export function cellLabels(table) {
  const grid = tableGrid(table);
  const out = new Map();
  grid.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (!isData(cell) || out.has(cell)) return;
      const rowLabels = [];
      for (let j = 0; j < c; j += 1) {
        const left = row[j];
        if (left && !isData(left) && !rowLabels.includes(cellText(left)) && cellText(left)) rowLabels.push(cellText(left));
      }
      const colLabels = [];
      let seenHeader = false;
      for (let i = r - 1; i >= 0; i -= 1) {
        const above = grid[i] && grid[i][c];
        const rowHasData = (grid[i] || []).some(isData);
        if (rowHasData && seenHeader) break;
        if (!above || isData(above)) continue;
        const text = cellText(above);
        if (text && !colLabels.includes(text)) colLabels.unshift(text);
        seenHeader = true;
      }
      out.set(cell, { row: rowLabels, col: colLabels });
    });
  });
  return out;
}

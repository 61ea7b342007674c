// app.js: the page's entry point: tabs (WAI-ARIA tabs pattern: arrows, Home, End), the language
// switch, the API-key box, and the four views.

import { t, lang, setLang, applyStatic, onLangChange } from './i18n.js';
import { setApiKey, onKeyNeeded } from './api.js';
import { wireDropZones, announce, relocalizeErrors } from './util.js';
import { initCheck } from './check.js';
import { initBatch } from './batch.js';
import { initCompare } from './compare.js';
import { initFill } from './fill.js';

const $ = (id) => document.getElementById(id);

function initTabs() {
  const tabs = Array.from(document.querySelectorAll('[role="tab"]'));
  const select = (tab, focus) => {
    tabs.forEach((other) => {
      const on = other === tab;
      other.setAttribute('aria-selected', on ? 'true' : 'false');
      other.tabIndex = on ? 0 : -1;
      $(other.getAttribute('aria-controls')).hidden = !on;
    });
    if (focus) tab.focus();
    const name = tab.id.replace('tab-', '');
    document.body.dataset.view = name;
    document.dispatchEvent(new CustomEvent('nianbao:tab', { detail: name }));
    if (window.location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (e) => {
      let next = null;
      if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = tabs[(i + 1) % tabs.length];
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = tabs[(i - 1 + tabs.length) % tabs.length];
      else if (e.key === 'Home') next = tabs[0];
      else if (e.key === 'End') next = tabs[tabs.length - 1];
      if (next) {
        e.preventDefault();
        select(next, true);
      }
    });
  });
  const fromHash = () => tabs.find((tab) => `#${tab.id.replace('tab-', '')}` === window.location.hash);
  select(fromHash() || tabs[0], false);
  // A link to #batch (or the back button) selects that view.
  window.addEventListener('hashchange', () => {
    const tab = fromHash();
    if (tab && tab.getAttribute('aria-selected') !== 'true') select(tab, false);
  });
}

function initLang() {
  const btn = $('lang-switch');
  const relabel = () => {
    // The button names the other language, in that language.
    btn.textContent = lang() === 'en' ? '中文' : 'English';
    btn.setAttribute('lang', lang() === 'en' ? 'zh-CN' : 'en');
    btn.setAttribute('aria-label', lang() === 'en' ? '切换到中文' : 'Switch to English');
    document.title = t('doc.title');
  };
  btn.addEventListener('click', () => {
    setLang(lang() === 'en' ? 'zh' : 'en');
    announce(t('status.lang'));
  });
  onLangChange(() => {
    applyStatic(document);
    relabel();
    relocalizeErrors(document);
  });
  const fromQuery = new URLSearchParams(window.location.search).get('lang');
  if (fromQuery === 'en') setLang('en');
  else {
    applyStatic(document);
    relabel();
  }
}

function initApiKey() {
  const box = $('apikey-box');
  onKeyNeeded(() => {
    box.hidden = false;
    $('apikey').focus();
  });
  const use = () => {
    setApiKey($('apikey').value);
    announce(t('apikey.saved'));
  };
  // A form only so that the password field is in one; it is never submitted (form-action 'none').
  box.addEventListener('submit', (e) => {
    e.preventDefault();
    use();
  });
}

function init() {
  initLang();
  initApiKey();
  wireDropZones(document);
  initCheck();
  initBatch();
  initCompare();
  initFill();
  initTabs();
  document.body.classList.add('ready');
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();

// api.js: the JSON API of nianbao.v1.ReportService (Connect unary: POST /nianbao.v1.ReportService/<Method>,
// proto3 JSON), its refusals, the optional API key, and the conversion of files to ReportInputs.
// Every call goes to the page's own origin (relative URLs); nothing is stored anywhere.

import { t, lang } from './i18n.js';

const SERVICE = 'nianbao.v1.ReportService';

// The API key lives only in this module's memory (never localStorage, never a cookie).
let apiKey = '';
const keyListeners = [];

export function setApiKey(key) {
  apiKey = (key || '').trim();
}

export function hasApiKey() {
  return apiKey !== '';
}

/** Called with no argument when a call was refused for want of a (valid) key. */
export function onKeyNeeded(fn) {
  keyListeners.push(fn);
}

/** A refused call: the Connect error body, read into what the page shows. */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = (body && body.code) || '';
    this.details = (body && Array.isArray(body.details)) ? body.details : [];
    const info = this.details.find((d) => d.type === 'google.rpc.ErrorInfo');
    this.reason = (info && info.debug && info.debug.reason) || '';
    this.metadata = (info && info.debug && info.debug.metadata) || {};
    const loc = this.details.find((d) => d.type === 'google.rpc.LocalizedMessage');
    this.messageZh = (loc && loc.debug && loc.debug.message) || '';
    const bad = this.details.find((d) => d.type === 'google.rpc.BadRequest');
    this.violations = (bad && bad.debug && bad.debug.fieldViolations) || [];
    this.serverMessage = (body && body.message) || '';
  }

  /** The message to show, in the page's language: ours for a known reason, else the server's. */
  friendly() {
    const key = `reason.${this.reason}`;
    const known = this.reason && t(key) !== key;
    let text;
    if (known) {
      text = t(key, this.metadata);
    } else if (lang() === 'zh' && this.messageZh) {
      text = this.messageZh;
    } else if (this.serverMessage) {
      text = this.serverMessage;
    } else {
      text = t('error.http', { status: this.status });
    }
    if (this.violations.length && this.reason !== 'INPUT_BINARY') {
      const v = this.violations.slice(0, 3).map((x) => `${x.field}: ${x.description}`).join('; ');
      text += ` (${v})`;
    }
    return text;
  }
}

/** A network failure (server gone, connection refused). */
export class NetworkError extends Error {
  friendly() {
    return t('error.network');
  }
}

/** Calls one unary method; resolves to the answer object or rejects with ApiError/NetworkError. */
export async function call(method, request) {
  const headers = { 'Content-Type': 'application/json', 'Connect-Protocol-Version': '1' };
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  let res;
  try {
    res = await fetch(`/${SERVICE}/${method}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(request),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new NetworkError(String(e));
  }
  let body = null;
  const text = await res.text();
  try {
    body = text ? JSON.parse(text) : {};
  } catch (e) {
    body = { message: text.slice(0, 200) };
  }
  if (!res.ok) {
    const err = new ApiError(res.status, body);
    if (res.status === 401 || err.code === 'unauthenticated') {
      keyListeners.forEach((fn) => fn());
    }
    throw err;
  }
  return body;
}

/** The message to show for anything a call can throw. */
export function errorText(e) {
  if (e && typeof e.friendly === 'function') return e.friendly();
  return t('error.unexpected', { message: String(e && e.message ? e.message : e) });
}

// ---- inputs ----

/** Base64 of an ArrayBuffer, in chunks (no stack overflow on large files). */
export function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** A File (from an input or a drop) as a ReportInput: its bytes in base64 with its name. */
export async function fileInput(file) {
  const buffer = await file.arrayBuffer();
  // The file name (then the content) chooses the reader; the browser's media type is not sent, as
  // browsers guess it from the extension alone and some guesses (.md, .bin) would be refused.
  return { file: { content: toBase64(buffer), fileName: file.name } };
}

/** Pasted text as a ReportInput. */
export function textInput(text) {
  return { text };
}

/** Base64 (proto3 JSON bytes: standard or URL-safe, padded or not) to bytes. */
export function fromBase64(b64) {
  let s = b64.replace(/-/g, '+').replace(/_/g, '/');
  while (s.length % 4) s += '=';
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

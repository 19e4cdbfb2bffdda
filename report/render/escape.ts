/** Escaping for HTML text and attribute values, safe URLs for href, and numbers written out as plain decimals. */

import { dropInvisible } from '../model/invisible';

// eslint-disable-next-line no-control-regex -- NUL is replaced on purpose
const HTML_SPECIAL = /[&<>"'\u0000]/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '\u0000': '\uFFFD',
};

/**
 * Escapes text for element content and for quoted attribute values alike (every attribute this module writes is
 * double-quoted), so one function serves both contexts. Invisible and direction-control characters are dropped:
 * readers remove them (TEXT-INVISIBLE), and a report stored before they did must not publish them either.
 */
export function escapeHtml(text: string): string {
  return dropInvisible(text).replace(HTML_SPECIAL, (ch) => ENTITY[ch]!);
}

// Browsers drop tabs and newlines inside URLs and ignore leading controls/spaces, so `java\nscript:` is javascript:.
// eslint-disable-next-line no-control-regex -- the controls browsers strip from URLs
const URL_NOISE = /[\u0000-\u0020\u007f]/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * A URL fit for href: http(s) or a relative reference; anything with another scheme (javascript:, data:, vbscript:)
 * gives null and the caller leaves the link out. The CSP blocks javascript: URLs anyway; this is the second lock.
 */
export function safeUrl(url: string | null | undefined): string | null {
  if (url == null) return null;
  const trimmed = url.trim();
  if (trimmed === '') return null;
  const scheme = SCHEME.exec(trimmed.replace(URL_NOISE, ''));
  if (scheme && !/^https?$/i.test(scheme[1]!)) return null;
  return trimmed;
}

/** A number as a plain decimal, as it was written: 8.97723 → "8.97723", never "1e-7" or "1e+21". */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  const s = String(n);
  if (!/e/i.test(s)) return s;
  if (Math.abs(n) >= 1) return BigInt(Math.round(n)).toString();
  return n.toFixed(20).replace(/0+$/, '');
}

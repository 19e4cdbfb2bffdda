/** Prose sections as paragraphs: one <p> per written line, the report's own numbering (（一）, 1.) kept as is. */
import { escapeHtml } from './escape';

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;
// A short line that only names a sub-part, e.g. （一）主动公开情况 — shown bold, text unchanged.
const SUBHEADING = /^[（(][一二三四五六七八九十]+[)）][^。；！？.!?]{0,30}$/;

export function proseHtml(text: string | null | undefined): string {
  if (!text) return '';
  let html = '';
  for (const raw of text.split(LINE_BREAK)) {
    const line = raw.trim();
    if (line === '') continue;
    html += SUBHEADING.test(line) ? `<p class="subhead">${escapeHtml(line)}</p>\n` : `<p>${escapeHtml(line)}</p>\n`;
  }
  return html;
}

/**
 * The three files of one page of a node (index HTML, CSV, JSON Lines) as sorted lists of lines, one per report, each
 * starting with its agency id: read back from the stored files, patched line by line, written again. A page is
 * patched without parsing its records, so keeping a page current costs about its size in bytes, not in records.
 */
import { publishedPaths } from '../../contract/published';
import { csvHeader, indexRowAgency, indexRowsOf, renderIndexPage, type IndexPageOptions } from '../../report/render';
import { columnsOf } from './lines';

export type Format = 'html' | 'csv' | 'jsonl';
export const FORMATS: readonly Format[] = ['html', 'csv', 'jsonl'];

export const CONTENT_TYPES: Readonly<Record<Format, string>> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** The object key of a page's file. */
export function pageKey(format: Format, year: number, node: string, page: number): string {
  const path =
    format === 'html'
      ? publishedPaths.index(year, node, page)
      : format === 'csv'
        ? publishedPaths.csv(year, node, page)
        : publishedPaths.jsonl(year, node, page);
  return path.slice(1);
}

const JSONL_START = '{"agencyId":"';

/** The agency id a line starts with. */
export function agencyOfLine(format: Format, line: string): string {
  if (format === 'html') return indexRowAgency(line);
  if (format === 'csv') return line.slice(1, line.indexOf('"', 1));
  return line.slice(JSONL_START.length, line.indexOf('"', JSONL_START.length));
}

/**
 * CSV rows of a file (without the header). A quoted field may hold a line break, so a row ends at a CRLF only where
 * its quotes are balanced (every quote inside a field is doubled, so the parity of quotes says where one is).
 */
function csvRows(text: string): string[] {
  const parts = text.split('\r\n');
  const rows: string[] = [];
  let row: string | undefined;
  let quotes = 0;
  for (const part of parts) {
    row = row === undefined ? part : `${row}\r\n${part}`;
    for (let i = part.indexOf('"'); i >= 0; i = part.indexOf('"', i + 1)) quotes++;
    if (quotes % 2 === 0) {
      rows.push(row);
      row = undefined;
      quotes = 0;
    }
  }
  // The header first, the empty string after the last CRLF last.
  return rows.slice(1).filter((r) => r !== '');
}

/** The lines of a stored page file. */
export function linesOf(format: Format, text: string): string[] {
  if (format === 'html') return indexRowsOf(text);
  if (format === 'csv') return csvRows(text);
  return text.split('\n').filter((l) => l.startsWith(JSONL_START));
}

/** A page file from its lines (the HTML with the page's header and links). */
export function pageText(format: Format, year: number, lines: readonly string[], html: IndexPageOptions = {}): string {
  if (format === 'html') return renderIndexPage(year, lines, html);
  if (format === 'csv') return [csvHeader(columnsOf(year)), ...lines].join('\r\n') + '\r\n';
  return lines.length ? lines.join('\n') + '\n' : '';
}

/**
 * Sets (a line) or removes (undefined) the lines of some agencies in a sorted list of lines; the list stays in
 * agency id order. Returns whether anything changed.
 */
export function patchLines(format: Format, lines: string[], updates: ReadonlyMap<string, string | undefined>): boolean {
  let changed = false;
  for (const [agency, line] of updates) {
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (agencyOfLine(format, lines[mid]!) < agency) lo = mid + 1;
      else hi = mid;
    }
    const found = lo < lines.length && agencyOfLine(format, lines[lo]!) === agency;
    if (line === undefined) {
      if (found) {
        lines.splice(lo, 1);
        changed = true;
      }
    } else if (!found) {
      lines.splice(lo, 0, line);
      changed = true;
    } else if (lines[lo] !== line) {
      lines[lo] = line;
      changed = true;
    }
  }
  return changed;
}

/**
 * The three files of one page of a node (index HTML, CSV, JSON Lines) as sorted lists of lines, one per report, each
 * starting with its agency id: read back from the stored files, patched line by line, written again. A page is
 * patched without parsing its records, so keeping a page current costs about its size in bytes, not in records. The
 * open-data lines (CSV, JSON Lines: the bulk of a page) stay the UTF-8 bytes they were stored as — a page is split at
 * its line ends and joined again without decoding or encoding it (a line end, a quote and an agency id are ASCII,
 * and no byte of a multi-byte UTF-8 character is ASCII); the index rows are text (the page around them is rendered).
 */
import { publishedPaths } from '../../contract/published';
import { csvHeader, indexRowAgency, indexRowsOf, renderIndexPage, type IndexPageOptions } from '../../report/render';
import { columnsOf } from './lines';

export type Format = 'html' | 'csv' | 'jsonl';
export const FORMATS: readonly Format[] = ['html', 'csv', 'jsonl'];

/** A page's lines: index rows as text, open-data lines as their bytes (without their line ends). */
export interface PageLines {
  html: string[];
  csv: Buffer[];
  jsonl: Buffer[];
}
export const emptyPage = (): PageLines => ({ html: [], csv: [], jsonl: [] });

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
const QUOTE = 0x22;
const CRLF = Buffer.from('\r\n');
const LF = Buffer.from('\n');

/** The agency id a line starts with. */
export function agencyOfLine(format: Format, line: string | Buffer): string {
  if (typeof line === 'string') {
    if (format === 'html') return indexRowAgency(line);
    const from = format === 'csv' ? 1 : JSONL_START.length;
    return line.slice(from, line.indexOf('"', from));
  }
  if (format === 'html') return indexRowAgency(line.toString('utf8'));
  const from = format === 'csv' ? 1 : JSONL_START.length;
  return line.toString('latin1', from, line.indexOf(QUOTE, from));
}

/**
 * CSV rows of a file (without the header). A quoted field may hold a line break, so a row ends at a CRLF only where
 * its quotes are balanced (every quote inside a field is doubled, so the parity of quotes says where one is).
 */
function csvRows(bytes: Buffer): Buffer[] {
  const rows: Buffer[] = [];
  let rowStart = 0;
  let quotes = 0;
  let from = 0;
  while (from <= bytes.length) {
    const end = bytes.indexOf(CRLF, from);
    const partEnd = end < 0 ? bytes.length : end;
    for (let i = bytes.indexOf(QUOTE, from); i >= 0 && i < partEnd; i = bytes.indexOf(QUOTE, i + 1)) quotes++;
    if (quotes % 2 === 0) {
      rows.push(bytes.subarray(rowStart, partEnd));
      rowStart = partEnd + CRLF.length;
      quotes = 0;
    }
    if (end < 0) break;
    from = end + CRLF.length;
  }
  // The header first, the empty row after the last CRLF last.
  return rows.slice(1).filter((r) => r.length > 0);
}

function jsonlRows(bytes: Buffer): Buffer[] {
  const rows: Buffer[] = [];
  for (let from = 0; from < bytes.length;) {
    const end = bytes.indexOf(LF, from);
    const line = bytes.subarray(from, end < 0 ? bytes.length : end);
    if (line.toString('latin1', 0, JSONL_START.length) === JSONL_START) rows.push(line);
    if (end < 0) break;
    from = end + 1;
  }
  return rows;
}

const asBytes = (t: string | Buffer) => (typeof t === 'string' ? Buffer.from(t) : t);

/** The lines of a stored page file. */
export function linesOf<F extends Format>(format: F, stored: string | Buffer): PageLines[F] {
  if (format === 'html') return indexRowsOf(stored.toString()) as PageLines[F];
  return (format === 'csv' ? csvRows(asBytes(stored)) : jsonlRows(asBytes(stored))) as PageLines[F];
}

const headers = new Map<number, Buffer>();
function csvHeaderBytes(year: number): Buffer {
  let h = headers.get(year);
  if (!h) headers.set(year, (h = Buffer.from(csvHeader(columnsOf(year)) + '\r\n')));
  return h;
}

/** Lines joined, each followed by its line end, after a head. */
function joined(head: readonly Buffer[], lines: readonly Buffer[], end: Buffer): Buffer {
  const parts: Buffer[] = [...head];
  for (const l of lines) parts.push(l, end);
  return Buffer.concat(parts);
}

/** A page file from its lines (the HTML with the page's header and links). */
export function pageText(format: Format, year: number, lines: PageLines, html: IndexPageOptions = {}): string | Buffer {
  if (format === 'html') return renderIndexPage(year, lines.html, html);
  if (format === 'csv') return joined([csvHeaderBytes(year)], lines.csv, CRLF);
  return joined([], lines.jsonl, LF);
}

const same = (a: string | Buffer, b: string | Buffer) =>
  typeof a === 'string' || typeof b === 'string' ? a === b : a.equals(b);

/**
 * Sets (a line) or removes (undefined) the lines of some agencies in a sorted list of lines; the list stays in
 * agency id order. Returns whether anything changed.
 */
export function patchLines<L extends string | Buffer>(
  format: Format,
  lines: L[],
  updates: ReadonlyMap<string, L | undefined>,
): boolean {
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
    } else if (!same(lines[lo]!, line)) {
      lines[lo] = line;
      changed = true;
    }
  }
  return changed;
}

/**
 * Open data: one flat record per published report (agency, year, format, then every cell under its stable id),
 * the official name of every column (表三/（一）予以公开/自然人) and CSV for Excel users.
 */
import { FORMATS, formatForYear } from '../format';
import type { FormatDef, FormatVersion } from '../format/types';
import { dropInvisible } from '../model/invisible';
import type { Report } from '../model/types';
import { plainNumber } from './escape';

export type OpenDataValue = string | number | null;

export interface OpenDataMeta {
  agencyId?: string;
  /** The published version number. */
  version?: number;
  /** ISO 8601. */
  publishedAt?: string;
  /** The report page. */
  url?: string;
}

/** Flat: meta fields, then one key per cell id of the report's format (blank → null, text kept as written). */
export interface OpenDataRecord {
  agencyId?: string;
  agency: string | null;
  year: number | null;
  format: FormatVersion;
  version?: number;
  publishedAt?: string;
  url?: string;
  [cellId: string]: OpenDataValue | undefined;
}

export interface OpenDataColumn {
  key: string;
  label: string;
}

const META_COLUMNS: readonly OpenDataColumn[] = [
  { key: 'agencyId', label: '机关编号' },
  { key: 'agency', label: '行政机关名称' },
  { key: 'year', label: '年度' },
  { key: 'format', label: '格式版本' },
  { key: 'version', label: '报告版本' },
  { key: 'publishedAt', label: '发布时间' },
  { key: 'url', label: '网址' },
];

/**
 * A cell's official name as a path: 表二/第二十条第（一）项/规章/本年制发件数, 表三/（一）予以公开/自然人,
 * 表三/（三）不予公开/1.属于国家秘密/自然人, 表四/行政诉讼/复议后起诉/总计. The group is named where the row label
 * alone would not say where the row sits (table 三's numbered sub-rows; every table 二 block; 行政诉讼).
 */
export function cellLabel(format: FormatDef, id: string): string {
  const def = format.cellById.get(id);
  if (!def) throw new Error(`unknown cell id ${id} in format ${format.version}`);
  const level = def.table === '三' ? format.table3.rows.find((r) => r.key === def.rowKey)?.level : undefined;
  const withGroup = def.group && (def.table !== '三' || level === 2);
  return ['表' + def.table, ...(withGroup ? [def.group!] : []), def.row, def.column].join('/');
}

const labelCache = new WeakMap<FormatDef, readonly OpenDataColumn[]>();

/** The cell columns of a format, in reading order (二, 三, 四), with their official names. */
export function cellColumns(format: FormatDef): readonly OpenDataColumn[] {
  let cols = labelCache.get(format);
  if (!cols) labelCache.set(format, (cols = format.cells.map((c) => ({ key: c.id, label: cellLabel(format, c.id) }))));
  return cols;
}

export function reportToOpenData(report: Report, meta: OpenDataMeta = {}): OpenDataRecord {
  return openDataRecord(report, (id) => report.values[id], meta);
}

/**
 * The record of a report known by its name, year, format and cell values (`valueOf` by cell id): the agency id
 * first (published files are kept in agency id order by their first field), then the meta fields, then every cell.
 */
export function openDataRecord(
  report: Pick<Report, 'agency' | 'year' | 'format'>,
  valueOf: (cellId: string) => OpenDataValue | undefined,
  meta: OpenDataMeta = {},
): OpenDataRecord {
  const record: OpenDataRecord = {
    ...(meta.agencyId !== undefined ? { agencyId: meta.agencyId } : {}),
    agency: report.agency === null ? null : dropInvisible(report.agency),
    year: report.year,
    format: report.format,
    ...(meta.version !== undefined ? { version: meta.version } : {}),
    ...(meta.publishedAt !== undefined ? { publishedAt: meta.publishedAt } : {}),
    ...(meta.url !== undefined ? { url: meta.url } : {}),
  };
  for (const c of FORMATS[report.format].cells) {
    const v = valueOf(c.id) ?? null;
    record[c.id] = typeof v === 'string' ? dropInvisible(v) : v;
  }
  return record;
}

/**
 * The columns of every open-data file of a reporting year, whatever its rows: every meta field, the cells of the
 * year's format, then those of the other formats (a report filed in another format keeps its cells). Files of one
 * year thus share one header and read as one table.
 */
export function yearColumns(year: number): OpenDataColumn[] {
  const seen = new Set<string>();
  const cols: OpenDataColumn[] = [];
  const own = formatForYear(year);
  for (const format of [own, ...Object.values(FORMATS).filter((f) => f !== own)]) {
    for (const col of [...META_COLUMNS, ...cellColumns(format)]) {
      if (!seen.has(col.key)) {
        seen.add(col.key);
        cols.push(col);
      }
    }
  }
  return cols;
}

/** One CSV row of a record under the given columns (see csvField), without its line end. */
export function csvRow(record: OpenDataRecord, cols: readonly OpenDataColumn[]): string {
  return cols.map((c) => csvField(record[c.key])).join(',');
}

/** The header row of a CSV (UTF-8 byte-order mark first, so that Excel reads the Chinese right), without its line end. */
export function csvHeader(cols: readonly OpenDataColumn[]): string {
  return '\uFEFF' + cols.map((c) => csvField(c.label)).join(',');
}

/**
 * The columns of a set of records: the meta fields any record has, then the cells of each format present (a
 * 2019-format record next to 2021 ones adds the trial format's own cells after the shared ones).
 */
export function openDataColumns(rows: readonly OpenDataRecord[]): OpenDataColumn[] {
  const cols = META_COLUMNS.filter((m) => rows.some((r) => r[m.key] !== undefined));
  const seen = new Set(cols.map((c) => c.key));
  for (const version of new Set(rows.map((r) => r.format))) {
    const format = FORMATS[version];
    if (!format) continue;
    for (const col of cellColumns(format)) {
      if (!seen.has(col.key)) {
        seen.add(col.key);
        cols.push(col);
      }
    }
  }
  return cols;
}

// Spreadsheets run a field that starts with one of these as a formula (OWASP "CSV injection"); leading spaces do
// not stop some of them. LF is added to the usual = + - @ tab CR for good measure.
const FORMULA_START = /^\s*[=+\-@]|^[\t\r\n]/;

/**
 * One CSV field (RFC 4180). Numbers stay plain numbers (a negative 本年增/减 like -3 must stay numeric); text is
 * always quoted, quotes doubled, and text that a spreadsheet would take for a formula gets a leading single quote
 * (`=1+1` → `'=1+1`), so it shows as the text it is. Blank is an empty field.
 */
export function csvField(v: OpenDataValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return plainNumber(v);
  // Invisible characters dropped first: a zero-width space must not hide a formula's `=` from the check.
  const kept = dropInvisible(v);
  const text = FORMULA_START.test(kept) ? `'${kept}` : kept;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * CSV of records, for Excel: UTF-8 with a byte-order mark (so Excel reads the Chinese right), CRLF line ends, a
 * header row of official names (see cellLabel), one row per record. Safe against formula injection (see csvField).
 */
export function toCsv(rows: OpenDataRecord[], cols: readonly OpenDataColumn[] = openDataColumns(rows)): string {
  return [csvHeader(cols), ...rows.map((row) => csvRow(row, cols))].join('\r\n') + '\r\n';
}

/**
 * The one way from the cells of the template to the report model, for every reader: the task pane passes what
 * Office.js gives (numbers, strings, booleans, "" for blank), the workbook reader what the file's XML holds,
 * turned into the same kinds of values (see cellValues.ts). Text goes through parseCellText, so `减4` stays text
 * for the rules to report, and `１２` is a number.
 */
import { PROSE_SECTIONS } from '../format';
import type { CellValue, Report } from '../model/types';
import { parseCellText } from '../model/value';
import { META_AGENCY, META_PREAMBLE, META_YEAR, proseId, type WorkbookLayout } from './layout';

/** What a cell shows, as a spreadsheet program hands it out: blank is null or "". */
export type RawCell = number | string | boolean | null | undefined;

/** A table cell: a number, text for the rules to report, or null for blank. */
export function cellValueOf(raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : String(raw);
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  return parseCellText(String(raw));
}

/** A text input: line breaks as \n, trimmed, blank → null. Line breaks inside are kept (Alt+Enter in a cell). */
export function textOf(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const s = String(raw).replace(/\r\n?/g, '\n').trim();
  return s === '' ? null : s;
}

/** 2021, ２０２１, 2021年 or 2021年度 → 2021; anything else → null. */
export function yearOf(raw: unknown): number | null {
  const v = cellValueOf(raw);
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  const m = typeof v === 'string' ? /^(\d{4})年度?$/.exec(v.normalize('NFKC').replace(/\s+/g, '')) : null;
  return m ? Number(m[1]) : null;
}

/** The report from the raw value of every input, keyed by input id (layout.inputs); absent ids are blank. */
export function reportFromCells(layout: WorkbookLayout, raw: ReadonlyMap<string, RawCell>): Report {
  const values: Record<string, CellValue> = {};
  for (const cell of layout.format.cells) values[cell.id] = cellValueOf(raw.get(cell.id));
  return {
    format: layout.format.version,
    agency: textOf(raw.get(META_AGENCY)),
    year: yearOf(raw.get(META_YEAR)),
    preamble: textOf(raw.get(META_PREAMBLE)),
    sections: Object.fromEntries(PROSE_SECTIONS.map((id) => [id, textOf(raw.get(proseId(id)))])) as Report['sections'],
    values,
  };
}

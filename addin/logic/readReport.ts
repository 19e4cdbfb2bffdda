/**
 * Cell values as Excel gives them (numbers, strings, booleans, "" for blank) → the report model, the same way the
 * workbook reader does on the server: text goes through parseCellText, so `减4` stays text for the rules to report.
 */
import { parseCellText } from '../../report/model/value';
import type { CellValue, Report } from '../../report/model/types';
import type { ProseSectionId } from '../../report/format/types';
import { META_AGENCY, META_PREAMBLE, META_YEAR, proseId, type WorkbookLayout } from '../../report/workbook/layout';

export function cellValueOf(raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : String(raw);
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  return parseCellText(String(raw));
}

/** A text input: trimmed, blank → null. Line breaks inside are kept (Alt+Enter in a cell). */
export function textOf(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const s = String(raw).replace(/\r\n?/g, '\n').trim();
  return s === '' ? null : s;
}

function yearOf(raw: unknown): number | null {
  const v = cellValueOf(raw);
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}

const PROSE: readonly ProseSectionId[] = ['overview', 'problems', 'other'];

/** Builds the report from the raw value of every input, keyed by input id (layout.inputs). */
export function reportFromInputs(layout: WorkbookLayout, raw: ReadonlyMap<string, unknown>): Report {
  const values: Record<string, CellValue> = {};
  for (const cell of layout.format.cells) {
    if (!layout.byId.has(cell.id)) continue;
    values[cell.id] = cellValueOf(raw.get(cell.id));
  }
  const sections = Object.fromEntries(PROSE.map((id) => [id, textOf(raw.get(proseId(id)))])) as Report['sections'];
  const report: Report = {
    format: layout.format.version,
    agency: textOf(raw.get(META_AGENCY)),
    year: yearOf(raw.get(META_YEAR)),
    sections,
    values,
  };
  if (layout.byId.has(META_PREAMBLE)) report.preamble = textOf(raw.get(META_PREAMBLE));
  return report;
}

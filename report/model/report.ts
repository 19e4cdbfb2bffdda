import { FORMATS, formatForYear, PROSE_SECTIONS, TABLE_SECTIONS } from '../format';
import type { FormatDef, FormatVersion } from '../format/types';
import type { CellValue, Report } from './types';

export { PROSE_SECTIONS, TABLE_SECTIONS };

/** A blank report: every cell blank, every section empty. */
export function emptyReport(
  opts: { format?: FormatVersion; agency?: string | null; year?: number | null } = {},
): Report {
  const format = opts.format ?? (opts.year ? formatForYear(opts.year).version : '2021');
  return {
    format,
    agency: opts.agency ?? null,
    year: opts.year ?? null,
    sections: Object.fromEntries(PROSE_SECTIONS.map((id) => [id, null])) as Report['sections'],
    values: {},
  };
}

export function formatOf(report: Pick<Report, 'format'>): FormatDef {
  return FORMATS[report.format];
}

export function valueOf(report: Report, id: string): CellValue {
  return report.values[id] ?? null;
}

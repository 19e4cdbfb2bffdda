import { FORMATS, formatForYear } from '../format';
import type { FormatDef, FormatVersion, ProseSectionId, TableSectionId } from '../format/types';
import type { CellValue, Report } from './types';

export const PROSE_SECTIONS: readonly ProseSectionId[] = ['overview', 'problems', 'other'];
export const TABLE_SECTIONS: readonly TableSectionId[] = ['active', 'applications', 'review'];

/** A blank report: every cell blank, every section empty. */
export function emptyReport(
  opts: { format?: FormatVersion; agency?: string | null; year?: number | null } = {},
): Report {
  const format = opts.format ?? (opts.year ? formatForYear(opts.year).version : '2021');
  return {
    format,
    agency: opts.agency ?? null,
    year: opts.year ?? null,
    sections: { overview: null, problems: null, other: null },
    values: {},
  };
}

export function formatOf(report: Pick<Report, 'format'>): FormatDef {
  return FORMATS[report.format];
}

export function valueOf(report: Report, id: string): CellValue {
  return report.values[id] ?? null;
}

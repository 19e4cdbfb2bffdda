/** How much of a report an input gave: the tables with any figure, the cells filled, the sections found. */
import { FORMATS, SECTIONS } from '../format';
import type { SectionId, TableId } from '../format/types';
import type { Report } from '../model/types';

export interface Reading {
  /** Tables with at least one cell read, in official order. */
  readonly tables: readonly TableId[];
  readonly cellsRead: number;
  readonly cellsTotal: number;
  /** Sections found (by their headings in an imported text; by their content otherwise), in official order. */
  readonly sections: readonly SectionId[];
}

const TABLES: readonly TableId[] = ['二', '三', '四'];

/**
 * The reading of a report. `headings` are the sections whose headings an importer found; without them (a
 * workbook, JSON) a section counts when it has content: prose written, or a figure in its table.
 */
export function readingOf(report: Report, headings?: readonly SectionId[]): Reading {
  const format = FORMATS[report.format];
  const filled = format.cells.filter((c) => {
    const v = report.values[c.id];
    return v !== null && v !== undefined;
  });
  const tables = TABLES.filter((t) => filled.some((c) => c.table === t));
  const found = new Set<SectionId>(
    headings ??
      SECTIONS.filter((s) =>
        s.table ? tables.includes(s.table) : Boolean(report.sections[s.id as keyof Report['sections']]?.trim()),
      ).map((s) => s.id),
  );
  return {
    tables,
    cellsRead: filled.length,
    cellsTotal: format.cells.length,
    sections: SECTIONS.map((s) => s.id).filter((id) => found.has(id)),
  };
}

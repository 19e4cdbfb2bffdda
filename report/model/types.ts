import type { FormatVersion, ProseSectionId, SectionId, TableId, TableSectionId } from '../format/types';

/**
 * What a cell holds. `null` (or a missing key) is blank, which is not 0. A string is whatever was written that
 * is not a clean number (`减4`, `/`, `,1`, `251000元`): it is kept so that the rules can say what is wrong.
 */
export type CellValue = number | string | null;

/** A report in its JSON interchange form. Cell values are keyed by the stable cell ids of the format. */
export interface Report {
  format: FormatVersion;
  /** 行政机关名称, e.g. 益阳市人力资源和社会保障局. */
  agency: string | null;
  /** The reporting year (the calendar year reported on, not the year of publication). */
  year: number | null;
  /** The short text before 一、总体情况 (legal basis, statistics period), if any. */
  preamble?: string | null;
  /** The prose sections 一、五、六. */
  sections: Record<ProseSectionId, string | null>;
  /** Prose beside the tables of sections 二、三、四 (published reports often add a sentence or two), if any. */
  notes?: Partial<Record<TableSectionId, string | null>>;
  values: Record<string, CellValue>;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Bilingual {
  zh: string;
  en: string;
}

/** Where a named cell sits: a table, or the 基本信息 sheet (the agency's name, the year). */
export type CellPlace = TableId | '基本信息';

/** A cell named in official terms (table, row and column label as published), plus where it sits in a workbook. */
export interface CellRef {
  id: string;
  table: CellPlace;
  row: string;
  column: string;
  /** `sheet!A1`, when the input is a workbook. */
  address?: string;
}

/** A candidate repair for a person to confirm (SHAPE-ROW, FORMAT-VERSION): the cell values it would set. */
export interface Repair {
  /** `R1`, `R2` …: how a person names it to apply it (`nianbao import FILE --repair R2`), unique in one import. */
  id?: string;
  description: Bilingual;
  values: Record<string, number | null>;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: Bilingual;
  cells: CellRef[];
  /** For findings about a section (prose, headings). */
  section?: SectionId;
  /** The words of the report that the finding is about. */
  excerpt?: string;
  repairs?: Repair[];
}

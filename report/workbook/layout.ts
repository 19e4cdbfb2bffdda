/**
 * Where everything sits in the report workbook, derived from the format: one sheet for 基本信息, then one sheet per
 * section named by its official heading; a table's grid starts below the sheet's title row. Light (no exceljs):
 * the add-in uses it to find cells, the template writer and reader to place and read them.
 */
import { tableGrids } from '../format/grid';
import type { FormatDef, ProseSectionId, SectionId, TableId, ValueKind } from '../format/types';
import type { Finding } from '../model/types';

export const META_SHEET = '基本信息';

/** Ids of the inputs that are not table cells. */
export const META_AGENCY = 'meta.agency';
export const META_YEAR = 'meta.year';
/** The short text before 一、总体情况 (legal basis, statistics period): Report.preamble. */
export const META_PREAMBLE = 'meta.preamble';
/** The labels of the 基本信息 inputs (column A, beside each input). */
export const META_LABELS = { agency: '行政机关名称', year: '报告年度', preamble: '报告前言' } as const;
export const proseId = (section: ProseSectionId): string => `text.${section}`;

export type SlotKind = ValueKind | 'agency' | 'year' | 'text';

export interface InputSlot {
  /** The cell id (t3.granted.natural), or meta.agency / meta.year / text.overview. */
  readonly id: string;
  readonly sheet: string;
  /** 1-based, as in Excel. */
  readonly row: number;
  readonly col: number;
  /** A1 address within the sheet. */
  readonly address: string;
  /** The workbook-level defined name of the cell. */
  readonly name: string;
  readonly kind: SlotKind;
}

export interface SheetLayout {
  readonly name: string;
  readonly kind: 'meta' | 'prose' | 'table';
  readonly section?: SectionId;
  readonly table?: TableId;
  /** For table sheets: 1-based row and column of the grid's top-left cell. */
  readonly gridOrigin?: { readonly row: number; readonly col: number };
}

export interface WorkbookLayout {
  readonly format: FormatDef;
  readonly sheets: readonly SheetLayout[];
  readonly inputs: readonly InputSlot[];
  readonly byId: ReadonlyMap<string, InputSlot>;
}

/** Rows of the 基本信息 sheet: a title, a blank row, then one labelled input per row. */
export const META_ROWS = { title: 1, agency: 3, year: 4, preamble: 5 } as const;
/** A table's grid starts on row 2 (row 1 is the section's title). */
export const GRID_ORIGIN = { row: 2, col: 1 } as const;
/** A prose section's text cell. */
export const PROSE_CELL = { row: 2, col: 1 } as const;

/** Excel column letters for a 1-based column number. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** The defined name of an input: `nb_` + the id with dots as underscores (valid in Excel, WPS and LibreOffice). */
export function definedName(id: string): string {
  return `nb_${id.replace(/\./g, '_')}`;
}

function slot(id: string, sheet: string, row: number, col: number, kind: SlotKind): InputSlot {
  return { id, sheet, row, col, address: a1(row, col), name: definedName(id), kind };
}

const layouts = new WeakMap<FormatDef, WorkbookLayout>();

export function workbookLayout(format: FormatDef): WorkbookLayout {
  const hit = layouts.get(format);
  if (hit) return hit;
  const sheets: SheetLayout[] = [{ name: META_SHEET, kind: 'meta' }];
  const inputs: InputSlot[] = [
    slot(META_AGENCY, META_SHEET, META_ROWS.agency, 2, 'agency'),
    slot(META_YEAR, META_SHEET, META_ROWS.year, 2, 'year'),
    slot(META_PREAMBLE, META_SHEET, META_ROWS.preamble, 2, 'text'),
  ];
  const grids = tableGrids(format);
  const kindOf = new Map(format.cells.map((c) => [c.id, c.kind]));
  for (const section of format.sections) {
    if (!section.table) {
      sheets.push({ name: section.heading, kind: 'prose', section: section.id });
      inputs.push(slot(proseId(section.id as ProseSectionId), section.heading, PROSE_CELL.row, PROSE_CELL.col, 'text'));
      continue;
    }
    sheets.push({
      name: section.heading,
      kind: 'table',
      section: section.id,
      table: section.table,
      gridOrigin: GRID_ORIGIN,
    });
    for (const g of grids[section.table].cells) {
      if (g.kind !== 'value') continue;
      inputs.push(
        slot(g.cellId!, section.heading, GRID_ORIGIN.row + g.r, GRID_ORIGIN.col + g.c, kindOf.get(g.cellId!)!),
      );
    }
  }
  const layout: WorkbookLayout = { format, sheets, inputs, byId: new Map(inputs.map((s) => [s.id, s])) };
  layouts.set(format, layout);
  return layout;
}

/** `sheet!A1`, as findings name workbook cells. */
export function slotAddress(s: InputSlot): string {
  return `${s.sheet}!${s.address}`;
}

/** The findings with every cell that sits in the workbook given its address (`sheet!A1`); the input is not changed. */
export function withAddresses(findings: readonly Finding[], layout: WorkbookLayout): Finding[] {
  return findings.map((f) => {
    if (!f.cells.some((c) => layout.byId.has(c.id))) return f;
    return {
      ...f,
      cells: f.cells.map((c) => {
        const s = layout.byId.get(c.id);
        return s ? { ...c, address: slotAddress(s) } : c;
      }),
    };
  });
}

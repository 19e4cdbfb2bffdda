/** Naming cells in findings, in official terms. */
import { FORMATS } from '../format';
import type { FormatDef } from '../format/types';
import type { CellRef } from '../model/types';

export function cellRef(format: FormatDef, id: string): CellRef {
  const def = format.cellById.get(id);
  if (!def) throw new Error(`unknown cell id ${id} in format ${format.version}`);
  return { id, table: def.table, row: def.row, column: def.column };
}

export function cellRefs(format: FormatDef, ids: readonly string[]): CellRef[] {
  return ids.map((id) => cellRef(format, id));
}

/** A cell's official name for messages: 表三「（一）予以公开」行「自然人」列. */
export function cellName(format: FormatDef, id: string): { zh: string; en: string } {
  const def = format.cellById.get(id) ?? FORMATS['2021'].cellById.get(id);
  if (!def) return { zh: id, en: id };
  return {
    zh: `表${def.table}「${def.row}」行「${def.column}」列`,
    en: `table ${def.table}, row “${def.row}”, column “${def.column}”`,
  };
}

/** Formats a number for a message: integers as such, decimals without float noise. */
export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

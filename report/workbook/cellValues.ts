/**
 * A cell as its XML holds it → what a spreadsheet program shows: formulas by their cached result (the formula
 * itself, `=…`, if the file has none), shared and inline strings as their text, booleans, error values as their
 * text (#DIV/0!), and numbers in a date style as the date (yyyy-mm-dd, see dates.ts).
 */
import { dateText } from './dates';
import type { RawCell } from './fromCells';
import type { XmlCell } from './sheet';

export interface CellContext {
  /** The shared strings the cells refer to, by index. */
  readonly strings: ReadonlyMap<number, string>;
  /** Indices of the cell styles that show dates. */
  readonly dates: ReadonlySet<number>;
  readonly date1904: boolean;
}

function numberOf(value: string, date: boolean, ctx: CellContext): RawCell {
  const n = parseFloat(value);
  if (!Number.isFinite(n)) return value.trim() === '' ? null : value;
  return date ? dateText(n, ctx.date1904) : n;
}

/** A value of type t (str, b, e, n or absent) as written in <v>. */
function typed(type: string, value: string, date: boolean, ctx: CellContext): RawCell {
  switch (type) {
    case 'str':
      return value;
    case 'b':
      return parseInt(value, 10) !== 0;
    case 'e':
      return value;
    default:
      return numberOf(value, date, ctx);
  }
}

export function rawCell(cell: XmlCell, ctx: CellContext): RawCell {
  const date = ctx.dates.has(cell.style);
  if (cell.formula !== null) {
    // No cached result (a file written by a program that does not calculate): the formula, for TYPE-INT to name.
    if (cell.value === null || (cell.value === '' && cell.type !== 'str')) return `=${cell.formula}`;
    return typed(cell.type, cell.value, date, ctx);
  }
  switch (cell.type) {
    case 's':
      return cell.value === null ? null : (ctx.strings.get(Number(cell.value)) ?? null);
    case 'inlineStr':
      return cell.inline;
    case 'd':
      // An ISO 8601 date written as text (rare: Excel writes serial numbers).
      return cell.value === null ? null : cell.value.slice(0, 10);
    default:
      return cell.value === null ? null : typed(cell.type, cell.value, date, ctx);
  }
}

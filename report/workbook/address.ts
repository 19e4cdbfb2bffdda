/**
 * A cell as a person names it, read back to the input it is: `sheet!A1` as Excel shows it (the sheet's full name,
 * quoted or not, `$` anchors, either case) or as people shorten it — 表三!D5 (a table), 三!D5 or 3!D5 (a section's
 * numeral), 基本信息!B3 — mapped through the workbook layout, so it means what the template means.
 */
import type { SheetLayout, WorkbookLayout, InputSlot } from './layout';
import { columnLetter, slotAddress } from './layout';

const NUMERALS = ['一', '二', '三', '四', '五', '六'] as const;
/** The longest text read as an address: a sheet name (31 characters in Excel), '!', a reference. */
const MAX_ADDRESS_CHARS = 80;

export type AddressReading =
  | { readonly slot: InputSlot }
  /** Not written as sheet!cell at all. */
  | { readonly problem: 'syntax' }
  /** No sheet of that name. */
  | { readonly problem: 'sheet'; readonly sheet: string }
  /** The sheet exists but that cell is not one to fill: the inputs of the sheet span `first`…`last`. */
  | { readonly problem: 'cell'; readonly sheet: string; readonly first: string; readonly last: string };

/** The sheet a name means: its full name, or its section's numeral (一…六, 1…6), or 表 + a table's numeral. */
export function sheetNamed(layout: WorkbookLayout, name: string): SheetLayout | undefined {
  const exact = layout.sheets.find((s) => s.name === name);
  if (exact) return exact;
  const m = /^(表)?([一二三四五六]|[1-6])$/.exec(name);
  if (!m) return undefined;
  const numeral = /\d/.test(m[2]!) ? NUMERALS[Number(m[2]) - 1]! : m[2]!;
  const sheet = layout.sheets.find((s) => s.name.startsWith(`${numeral}、`));
  return m[1] && sheet?.kind !== 'table' ? undefined : sheet;
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}

/** Reads `sheet!A1` (or `sheet！A1`, typed with a Chinese input method) to the input at that address. */
export function readAddress(layout: WorkbookLayout, text: string): AddressReading {
  if (text.length > MAX_ADDRESS_CHARS) return { problem: 'syntax' };
  const m = /^\s*(.+?)\s*[!！]\s*\$?([A-Za-z]{1,3})\$?(\d{1,7})\s*$/.exec(text);
  if (!m) return { problem: 'syntax' };
  const name = m[1]!.replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
  const sheet = sheetNamed(layout, name);
  if (!sheet) return { problem: 'sheet', sheet: name };
  const row = Number(m[3]);
  const col = columnNumber(m[2]!);
  const slot = layout.inputs.find((s) => s.sheet === sheet.name && s.row === row && s.col === col);
  if (slot) return { slot };
  const inputs = layout.inputs.filter((s) => s.sheet === sheet.name);
  const rows = inputs.map((s) => s.row);
  const cols = inputs.map((s) => s.col);
  const corner = (r: number, c: number) => `${columnLetter(c)}${r}`;
  return {
    problem: 'cell',
    sheet: sheet.name,
    first: corner(Math.min(...rows), Math.min(...cols)),
    last: corner(Math.max(...rows), Math.max(...cols)),
  };
}

/** How a cell may be written, with real examples from the layout (for messages). */
export function addressExamples(layout: WorkbookLayout): { short: string; full: string; id: string } {
  const slot = layout.inputs.find((s) => s.id.startsWith('t3.')) ?? layout.inputs[0]!;
  const numeral = slot.sheet.split('、')[0]!;
  return { short: `表${numeral}!${slot.address}`, full: slotAddress(slot), id: slot.id };
}

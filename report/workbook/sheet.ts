/**
 * The wanted cells of one worksheet part, as written in its XML: type, style, value, formula, inline text. Only
 * <sheetData> is read, and only until the rows pass the last wanted row (rows are stored in order), so what
 * follows it — merge ranges, data validations, conditional formats — is never even inflated; cells that are not
 * wanted cost one counted element each and nothing more.
 */
import type { Budget } from './budget';
import { WorkbookError } from './errors';
import { unescapeOoxml } from './parts';
import { readXml, stop } from './xml';
import type { ZipArchive } from './zip';

/** A cell as its XML has it. */
export interface XmlCell {
  /** The t attribute: s (shared string), str (formula text), inlineStr, b, e, n or absent (number), d (ISO date). */
  readonly type: string;
  readonly style: number;
  readonly value: string | null;
  readonly formula: string | null;
  /** The text of an inline string (<is>). */
  readonly inline: string | null;
}

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** A position as one number: row and column (both 1-based). */
export const cellKey = (row: number, col: number): number => row * (MAX_COL + 1) + col;
export const rowOfKey = (key: number): number => Math.floor(key / (MAX_COL + 1));

/** `AB12` → [12, 28]; undefined if it is not a cell reference inside the sheet. */
function parseRef(ref: string): [number, number] | undefined {
  let col = 0;
  let i = 0;
  for (; i < ref.length && i < 3; i++) {
    const c = ref.charCodeAt(i) & ~32; // upper-case
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  const row = Number(ref.slice(i));
  if (i === 0 || !Number.isInteger(row) || row < 1 || row > MAX_ROW || col > MAX_COL) return undefined;
  return [row, col];
}

/** Reads the cells at `wanted` positions (cellKey) of a sheet part. Cells absent from the XML are blank. */
export async function readCells(
  zip: ZipArchive,
  part: string,
  wanted: ReadonlySet<number>,
  budget: Budget,
): Promise<Map<number, XmlCell>> {
  const lastRow = Math.max(...[...wanted].map(rowOfKey));
  const out = new Map<number, XmlCell>();
  let inData = false;
  let row = 0;
  let col = 0;
  let cell:
    | { key: number; type: string; style: number; value: string | null; formula: string | null; inline: string | null }
    | undefined;
  /** Which text of the current wanted cell is being read. */
  let into: 'value' | 'formula' | 'inline' | undefined;
  let phonetic = 0;
  const found = await readXml(zip, part, budget, {
    open(name, attrs) {
      if (!inData) {
        if (name === 'sheetData') inData = true;
        return;
      }
      if (name === 'row') {
        const r = attrs.r !== undefined ? Number(attrs.r) : row + 1;
        if (r > lastRow) stop();
        row = Number.isInteger(r) && r >= 1 && r <= MAX_ROW ? r : row + 1;
        col = 0;
      } else if (name === 'c') {
        const at = attrs.r !== undefined ? parseRef(attrs.r) : undefined;
        [row, col] = at ?? [row, col + 1];
        const key = cellKey(row, col);
        cell = wanted.has(key)
          ? { key, type: attrs.t ?? 'n', style: Number(attrs.s ?? 0) || 0, value: null, formula: null, inline: null }
          : undefined;
      } else if (cell) {
        if (name === 'v') into = 'value';
        else if (name === 'f') into = 'formula';
        else if (name === 'rPh') phonetic++;
        else if (name === 't' && phonetic === 0) into = 'inline';
        if (into && cell[into] === null) cell[into] = '';
      }
    },
    close(name) {
      if (name === 'sheetData') stop();
      else if (name === 'c') {
        if (cell) out.set(cell.key, { ...cell, inline: cell.inline === null ? null : unescapeOoxml(cell.inline) });
        cell = undefined;
        into = undefined;
      } else if (name === 'rPh') phonetic--;
      else if (name === 'v' || name === 'f' || name === 't') into = undefined;
    },
    text(data) {
      if (cell && into) cell[into] += data;
    },
  });
  if (!found) throw new WorkbookError('E-WORKBOOK-NOT-XLSX');
  return out;
}

/** Reading what was written in a cell into a CellValue, the same way for text, HTML, workbooks and JSON. */
import type { CellValue } from './types';

const FULL_WIDTH = /[０-９．－＋]/g;

function toHalfWidth(s: string): string {
  return s.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

const CLEAN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Text from a cell → value: blank (empty, spaces) → null; a clean number (half- or full-width digits) → number;
 * anything else stays the trimmed text, for the rules to report.
 */
export function parseCellText(text: string | null | undefined): CellValue {
  if (text == null) return null;
  const trimmed = text.replace(/[\s\u00a0\u3000]+/g, '');
  if (trimmed === '') return null;
  const half = toHalfWidth(trimmed);
  if (CLEAN_NUMBER.test(half)) {
    const n = Number(half);
    if (Number.isFinite(n)) return n;
  }
  return text.trim();
}

/** A cell value as a number for arithmetic: blank → 0 is the caller's choice, so blank and text give undefined. */
export function numericValue(v: CellValue | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined;
}

/**
 * A whole number with its thousands grouped for a message: 200000 → "200,000". Not toLocaleString: its first call
 * loads ICU's locale data (50–120 ms of a function's cold start).
 */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

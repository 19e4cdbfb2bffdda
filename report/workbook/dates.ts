/**
 * Numbers that a cell shows as dates. Excel turns 3-4 typed in a count cell into 3月4日 (the serial number 44259
 * in a date format): every reader passes such a cell on as its date text (yyyy-mm-dd), so TYPE-INT reports it
 * instead of a count of 44259 being accepted. Light: the task pane uses it on what Office.js gives.
 */

/** A number format shows a date or time if, outside quoted text and [brackets], it has y, m, d, h, s or b. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const DAY_MS = 24 * 3600 * 1000;
/** Days from Excel's day 0 (1899-12-30 in the 1900 date system) to 1970-01-01, and the 1904 system's offset. */
const UNIX_EPOCH = 25569;
const OFFSET_1904 = 1462;

/** A date serial → yyyy-mm-dd; null when it is no date at all. */
export function dateText(serial: number, date1904 = false): string | null {
  const d = new Date(Math.round((serial - UNIX_EPOCH + (date1904 ? OFFSET_1904 : 0)) * DAY_MS));
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}

/** A value as Office.js gives it, with the cell's number format: a number shown as a date becomes its date text. */
export function shownValue(value: unknown, numberFormat: unknown): unknown {
  return typeof value === 'number' && typeof numberFormat === 'string' && isDateFormat(numberFormat)
    ? dateText(value)
    : value;
}

/**
 * The scripted Office host's workbook (fakeOffice.ts): its sheets and cells in memory, the change handlers the
 * add-in registered, what the test counts (syncs, open files, errors), the document settings, A1 addresses, and the
 * errors Office throws.
 */

/** On the page's own origin (the test routes it), so the pane's Content-Security-Policy lets the stand-in call it. */
export const BRIDGE = '/__fake-office';

export interface Sheet {
  id: string;
  name: string;
  cells: Map<string, unknown>;
  protected: boolean;
  unlocked: Set<string>;
  fills: Map<string, string>;
}

export interface Book {
  sheets: Sheet[];
  active?: string;
  selection?: string;
  /** The template inserted last (base64), for building the file. */
  template?: string;
}

export type ChangeHandler = (args: Record<string, unknown>) => Promise<unknown>;

export const book: Book = {
  sheets: [{ id: '{S0}', name: 'Sheet1', cells: new Map(), protected: false, unlocked: new Set(), fills: new Map() }],
};
export const handlers = {
  changed: new Set<ChangeHandler>(),
  added: new Set<ChangeHandler>(),
  deleted: new Set<ChangeHandler>(),
};
export const stats = {
  syncs: 0,
  openFiles: 0,
  closedFiles: 0,
  fileSlices: 0,
  settingsSaves: 0,
  errors: [] as string[],
};
/** The workbook's document settings (Office.context.document.settings): set in memory, kept by saveAsync. */
export const settings = { pending: new Map<string, unknown>(), saved: new Map<string, unknown>() };
let sheetSeq = 1;

/** A new sheet's id, as Excel gives one ({S1}, {S2}, …). */
export function newSheetId(): string {
  return `{S${sheetSeq++}}`;
}

export function officeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, name: 'RichApi.Error' });
}

export function sheetNamed(name: string): Sheet {
  const s = book.sheets.find((x) => x.name === name);
  if (!s) throw officeError('ItemNotFound', `The requested resource does not exist: ${name}`);
  return s;
}

export function colNum(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

export function colLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function cellsOf(range: string): { rows: number; cols: number; at(r: number, c: number): string } {
  const [a, b = a] = range.replace(/\$/g, '').split(':');
  const [, ca, ra] = /^([A-Z]+)(\d+)$/.exec(a!)!;
  const [, cb, rb] = /^([A-Z]+)(\d+)$/.exec(b!)!;
  const top = Number(ra);
  const left = colNum(ca!);
  return {
    rows: Number(rb) - top + 1,
    cols: colNum(cb!) - left + 1,
    at: (r, c) => `${colLetters(left + c)}${top + r}`,
  };
}

export async function fire(set: Set<ChangeHandler>, args: Record<string, unknown>): Promise<void> {
  for (const h of set) await h({ type: 'WorksheetChanged', source: 'Local', changeType: 'RangeEdited', ...args });
}

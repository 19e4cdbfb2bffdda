/**
 * A mock Excel host built on office-addin-mock: the template's sheets (or none), with one pre-made range per sheet
 * box (the rectangle the add-in reads), load/sync semantics from office-addin-mock (reading a property before
 * context.sync() yields an error marker), a counted sync, ItemNotFound for missing sheets, and the workbook events.
 */
import { OfficeMockObject } from 'office-addin-mock';
import type { WorkbookLayout } from '../../../report/workbook/layout';
import { sheetBoxes } from '../../../addin/logic/geometry';
import type { ExcelRun, ExcelRunWith } from '../../../addin/office/run';

type Values = unknown[][];

export interface MockHost {
  readonly context: Excel.RequestContext;
  readonly run: ExcelRun;
  readonly runWith: ExcelRunWith;
  /** context.sync() calls so far. */
  syncs(): number;
  /** The values matrix of a sheet's input box (what the add-in reads). */
  box(sheet: string): Values;
  /** Sets a cell inside a sheet's box (row/col 1-based, as in the layout), and its number format if given. */
  setCell(sheet: string, row: number, col: number, value: unknown, numberFormat?: string): void;
  /** Fires worksheets.onChanged as Excel would for a person's edit. */
  emitChange(sheet: string, address: string, triggerSource?: string): void;
  emitSheetAdded(): void;
  readonly handlers: { changed: number; added: number; deleted: number; removed: number };
  /** Every getRange(…)/getRanges(…) write, select and activation, in order. */
  readonly log: string[];
  readonly inserted: string[];
  /** Sheets present (by name): mutable, e.g. to delete one. */
  readonly present: Set<string>;
}

function filledBox(rows: number, cols: number, value: unknown): Values {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => value));
}

export function mockExcel(layout: WorkbookLayout, opts: { withTemplate: boolean }): MockHost {
  const boxes = sheetBoxes(layout);
  const present = new Set<string>(opts.withTemplate ? layout.sheets.map((s) => s.name) : ['Sheet1']);
  const log: string[] = [];
  const inserted: string[] = [];
  const handlers = { changed: 0, added: 0, deleted: 0, removed: 0 };
  const listeners: { changed: ((a: unknown) => Promise<void>)[]; added: ((a: unknown) => Promise<void>)[] } = {
    changed: [],
    added: [],
  };
  let missingInBatch = false;

  const sheetKey = (name: string) => `s${layout.sheets.findIndex((s) => s.name === name)}`;
  /** Each sheet's box values: the same arrays office-addin-mock hands out after a load, so edits show in reads. */
  const matrices = new Map<string, Values>();
  const formats = new Map<string, Values>();
  const sheets: Record<string, unknown> = {};
  for (const sheet of layout.sheets) {
    const box = boxes.find((b) => b.sheet === sheet.name)!;
    const matrix = filledBox(box.bottom - box.top + 1, box.right - box.left + 1, '');
    const numberFormat = filledBox(box.bottom - box.top + 1, box.right - box.left + 1, 'General');
    matrices.set(sheet.name, matrix);
    formats.set(sheet.name, numberFormat);
    const writeCell = (address: string, value: unknown) => {
      const m = /^([A-Z]+)(\d+)$/.exec(address)!;
      const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      matrix[Number(m[2]) - box.top]![col - box.left] = value;
    };
    sheets[sheetKey(sheet.name)] = {
      id: `{${sheetKey(sheet.name)}}`,
      name: sheet.name,
      box: { values: matrix, numberFormat },
      getRange: function (this: Record<string, unknown>, address: string) {
        if (address === box.range) return this.box;
        // A one-cell range for writes and selection: not read back, so it need not be in the mock's synced tree.
        const fill: { color?: string } = {};
        return {
          set values(v: Values) {
            log.push(`write ${sheet.name}!${address}=${JSON.stringify(v[0]![0])}`);
            writeCell(address, v[0]![0]);
          },
          format: {
            fill: {
              set color(c: string) {
                fill.color = c;
                log.push(`fill ${sheet.name}!${address}=${c}`);
              },
            },
          },
          select: () => log.push(`select ${sheet.name}!${address}`),
        };
      },
      getRanges: (addresses: string) => ({ select: () => log.push(`select ${sheet.name}!${addresses}`) }),
      activate: () => log.push(`activate ${sheet.name}`),
      protection: {
        protect: () => log.push(`protect ${sheet.name}`),
        unprotect: () => log.push(`unprotect ${sheet.name}`),
      },
    };
  }

  const data = {
    workbook: {
      worksheets: {
        ...sheets,
        getItem: function (this: Record<string, unknown>, name: string) {
          if (!present.has(name)) missingInBatch = true;
          return this[sheetKey(name)] ?? this.s0;
        },
        load: function (this: unknown) {
          return this;
        },
        onChanged: {
          add: (h: (a: unknown) => Promise<void>) => {
            handlers.changed++;
            listeners.changed.push(h);
            return { remove: () => handlers.removed++, context: undefined as unknown };
          },
        },
        onAdded: {
          add: (h: (a: unknown) => Promise<void>) => {
            handlers.added++;
            listeners.added.push(h);
            return { remove: () => handlers.removed++, context: undefined as unknown };
          },
        },
        onDeleted: {
          add: () => {
            handlers.deleted++;
            return { remove: () => handlers.removed++, context: undefined as unknown };
          },
        },
      },
      insertWorksheetsFromBase64: (base64: string) => {
        inserted.push(base64);
        for (const s of layout.sheets) present.add(s.name);
        missingInBatch = false;
        return { value: [] };
      },
    },
  };
  const mock = new OfficeMockObject(data) as unknown as Record<string, unknown> & {
    sync(): Promise<void>;
    workbook: { worksheets: Record<string, unknown> };
  };
  let syncs = 0;
  const realSync = mock.sync.bind(mock);
  mock.sync = async () => {
    syncs++;
    const missing = missingInBatch;
    missingInBatch = false;
    if (missing) throw Object.assign(new Error('The requested resource does not exist.'), { code: 'ItemNotFound' });
    await realSync();
  };
  // worksheets.items (names) is answered live, since load() on the collection is replaced above.
  Object.defineProperty(mock.workbook.worksheets, 'items', { get: () => [...present].map((name) => ({ name })) });
  const context = mock as unknown as Excel.RequestContext;
  const run: ExcelRun = (batch) => batch(context);
  const runWith: ExcelRunWith = (_c, batch) => batch(context);
  return {
    context,
    run,
    runWith,
    syncs: () => syncs,
    box: (sheet) => matrices.get(sheet)!,
    setCell(sheet, row, col, value, numberFormat) {
      const box = boxes.find((b) => b.sheet === sheet)!;
      matrices.get(sheet)![row - box.top]![col - box.left] = value;
      if (numberFormat !== undefined) formats.get(sheet)![row - box.top]![col - box.left] = numberFormat;
    },
    emitChange(sheet, address, triggerSource) {
      const id = `{${sheetKey(sheet)}}`;
      for (const h of listeners.changed)
        void h({
          worksheetId: id,
          address,
          source: 'Local',
          changeType: 'RangeEdited',
          ...(triggerSource ? { triggerSource } : {}),
        });
    },
    emitSheetAdded() {
      for (const h of listeners.added) void h({});
    },
    handlers,
    log,
    inserted,
    present,
  };
}

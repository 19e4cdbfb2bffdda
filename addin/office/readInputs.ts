/**
 * Reads every input of the report in one batch with a single context.sync(): one rectangle per template sheet
 * (located from the layout, not from defined names, which some hosts lose) with its number formats (a count typed
 * as 3-4 shows as a date and is read as its date text, as on the server), plus each sheet's id for the change
 * events. When a template sheet is missing the sync fails with ItemNotFound and the result says so.
 */
import { shownValue } from '../../report/workbook/dates';
import type { RawCell } from '../../report/workbook/fromCells';
import type { WorkbookLayout } from '../../report/workbook/layout';
import { sheetBoxes, valueInBox } from '../logic/geometry';
import { isItemNotFound, type ExcelRun } from './run';

export type ReadResult =
  | {
      readonly kind: 'ok';
      /** Input id → the cell's value as Office.js gives it (number, string, boolean, "" for blank). */
      readonly raw: ReadonlyMap<string, RawCell>;
      /** Excel worksheet id → sheet name, for the template's sheets. */
      readonly sheetIds: ReadonlyMap<string, string>;
    }
  | { readonly kind: 'missing' };

export async function readInputs(run: ExcelRun, layout: WorkbookLayout): Promise<ReadResult> {
  return run(async (context) => {
    const reads = sheetBoxes(layout).map((box) => {
      const sheet = context.workbook.worksheets.getItem(box.sheet);
      sheet.load('id');
      const range = sheet.getRange(box.range);
      range.load('values,numberFormat');
      return { box, sheet, range };
    });
    try {
      await context.sync();
    } catch (e) {
      if (isItemNotFound(e)) return { kind: 'missing' } as const;
      throw e;
    }
    const raw = new Map<string, RawCell>();
    const sheetIds = new Map<string, string>();
    for (const { box, sheet, range } of reads) {
      sheetIds.set(sheet.id, box.sheet);
      for (const slot of box.slots) {
        const shown = shownValue(valueInBox(box, range.values, slot), valueInBox(box, range.numberFormat, slot));
        raw.set(slot.id, shown as RawCell);
      }
    }
    return { kind: 'ok', raw, sheetIds } as const;
  });
}

/** Which of the template's sheets the workbook has (one sync): to say what is missing, and before inserting. */
export async function templateSheets(
  run: ExcelRun,
  layout: WorkbookLayout,
): Promise<{ present: string[]; missing: string[] }> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const names = new Set(sheets.items.map((s) => s.name));
    const wanted = layout.sheets.map((s) => s.name);
    return { present: wanted.filter((n) => names.has(n)), missing: wanted.filter((n) => !names.has(n)) };
  });
}

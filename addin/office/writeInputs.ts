/**
 * Writes input cells (the pane's prose editor, 基本信息, prefilled values) in one batch and one sync. The cells are
 * registered as the add-in's own writes first, so their change events do not count as the person's edits.
 */
import type { WorkbookLayout } from '../../report/workbook/layout';
import type { OwnWrites } from '../logic/changes';
import type { ExcelRun } from './run';

export interface CellWrite {
  readonly id: string;
  readonly value: number | string | null;
}

/** A value as Excel should receive it: blank clears; text that Excel would take for a formula is kept as text. */
export function excelValue(value: number | string | null): number | string {
  if (value === null) return '';
  if (typeof value === 'string' && /^[=+\-@]/.test(value)) return `'${value}`;
  return value;
}

/** Queues the writes on a context without syncing (insertion adds them to its own batch); returns the ranges. */
export function queueWrites(
  context: Excel.RequestContext,
  layout: WorkbookLayout,
  writes: readonly CellWrite[],
): Excel.Range[] {
  return writes.map((w) => {
    const slot = layout.byId.get(w.id);
    if (!slot) throw new Error(`not an input of the template: ${w.id}`);
    const range = context.workbook.worksheets.getItem(slot.sheet).getRange(slot.address);
    range.values = [[excelValue(w.value)]];
    return range;
  });
}

/** Groups writes by sheet as (sheet, addresses) for the own-writes guard. */
export function writtenAddresses(layout: WorkbookLayout, writes: readonly CellWrite[]): Map<string, string[]> {
  const bySheet = new Map<string, string[]>();
  for (const w of writes) {
    const slot = layout.byId.get(w.id);
    if (!slot) continue;
    const list = bySheet.get(slot.sheet) ?? [];
    list.push(slot.address);
    bySheet.set(slot.sheet, list);
  }
  return bySheet;
}

export async function writeInputs(
  run: ExcelRun,
  layout: WorkbookLayout,
  own: OwnWrites,
  writes: readonly CellWrite[],
): Promise<void> {
  if (writes.length === 0) return;
  const ends = [...writtenAddresses(layout, writes)].map(([sheet, addresses]) => own.begin(sheet, addresses));
  try {
    await run(async (context) => {
      queueWrites(context, layout, writes);
      await context.sync();
    });
  } finally {
    for (const end of ends) end();
  }
}

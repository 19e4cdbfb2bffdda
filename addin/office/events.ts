/**
 * Workbook events, registered once (one sync) and removed on unload: cell changes on any sheet, and sheets added
 * or deleted (inserting or removing the template). The handlers only pass notices on; they never write cells.
 */
import type { ChangeNotice } from '../logic/changes';
import type { ExcelRun, ExcelRunWith } from './run';

export interface WorkbookListener {
  onChanged(notice: ChangeNotice): void;
  /** A sheet was added or deleted: the template may have appeared or gone. */
  onSheetsChanged(): void;
}

/** Registers the handlers; resolves to a function that removes them (one sync). */
export async function listenToWorkbook(
  run: ExcelRun,
  runWith: ExcelRunWith,
  listener: WorkbookListener,
): Promise<() => Promise<void>> {
  const handlers = await run(async (context) => {
    const sheets = context.workbook.worksheets;
    const results = [
      sheets.onChanged.add(async (args) => {
        listener.onChanged({
          worksheetId: args.worksheetId,
          address: args.address,
          ...(args.triggerSource ? { triggerSource: args.triggerSource } : {}),
        });
      }),
      sheets.onAdded.add(async () => listener.onSheetsChanged()),
      sheets.onDeleted.add(async () => listener.onSheetsChanged()),
    ];
    await context.sync();
    return results;
  });
  let removed = false;
  return async () => {
    if (removed) return;
    removed = true;
    await runWith(handlers[0]!.context as Excel.RequestContext, async (context) => {
      for (const h of handlers) h.remove();
      await context.sync();
    });
  };
}

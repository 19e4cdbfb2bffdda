/**
 * 插入年报模板: the template's sheets go into the open workbook (insertWorksheetsFromBase64, ExcelApi 1.13), with
 * 基本信息 and any prefilled values written in the same batch, so the whole insertion is one sync (one undo step
 * where the host records add-in edits). A workbook that already has a template sheet is left alone.
 */
import { META_AGENCY, META_SHEET, META_YEAR, type WorkbookLayout } from '../../report/workbook/layout';
import type { OwnWrites } from '../logic/changes';
import { templateSheets } from './readInputs';
import type { ExcelRun } from './run';
import { queueWrites, writtenAddresses, type CellWrite } from './writeInputs';

export interface InsertRequest {
  /** The template workbook, base64 (built by report/workbook/template.ts, shipped as an asset). */
  readonly base64: string;
  readonly agency: string | null;
  readonly year: number;
  /** Values carried over from last year's report, written with `prefillFill`. */
  readonly prefill?: Readonly<Record<string, number>>;
  readonly prefillFill?: string;
}

/**
 * The template's sheets are protected (inputs unlocked) without a password; formatting cells is not allowed, so the
 * prefill mark needs the protection lifted and put back, in the same batch. These are the template's options
 * (report/workbook/template.ts; test/addin checks they match).
 */
export const TEMPLATE_PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true,
  allowFormatRows: true,
  selectionMode: 'Normal',
};

export type InsertOutcome =
  { readonly kind: 'inserted' } | { readonly kind: 'present'; readonly sheets: readonly string[] };

export async function insertTemplate(
  run: ExcelRun,
  layout: WorkbookLayout,
  own: OwnWrites,
  req: InsertRequest,
): Promise<InsertOutcome> {
  const { present } = await templateSheets(run, layout);
  if (present.length > 0) return { kind: 'present', sheets: present };
  const meta: CellWrite[] = [
    { id: META_YEAR, value: req.year },
    ...(req.agency ? [{ id: META_AGENCY, value: req.agency }] : []),
  ];
  const prefill: CellWrite[] = Object.entries(req.prefill ?? {}).map(([id, value]) => ({ id, value }));
  const ends = [...writtenAddresses(layout, [...meta, ...prefill])].map(([sheet, addresses]) =>
    own.begin(sheet, addresses),
  );
  try {
    await run(async (context) => {
      context.workbook.insertWorksheetsFromBase64(req.base64, { positionType: 'End' });
      queueWrites(context, layout, meta);
      const marked = req.prefillFill ? new Set(prefill.map((w) => layout.byId.get(w.id)!.sheet)) : new Set<string>();
      for (const name of marked) context.workbook.worksheets.getItem(name).protection.unprotect();
      const ranges = queueWrites(context, layout, prefill);
      if (req.prefillFill) for (const r of ranges) r.format.fill.color = req.prefillFill;
      for (const name of marked) context.workbook.worksheets.getItem(name).protection.protect(TEMPLATE_PROTECTION);
      context.workbook.worksheets.getItem(META_SHEET).activate();
      await context.sync();
    });
  } finally {
    for (const end of ends) end();
  }
  return { kind: 'inserted' };
}

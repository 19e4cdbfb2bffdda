/**
 * The one way the add-in reaches the workbook: a batch run against a request context. In Excel it is Excel.run; in
 * tests a function that hands the batch a mock context.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export const excelRun: ExcelRun = (batch) => Excel.run(batch);

/** A batch on an existing context (removing event handlers must use the context that added them). */
export type ExcelRunWith = <T>(
  context: Excel.RequestContext,
  batch: (context: Excel.RequestContext) => Promise<T>,
) => Promise<T>;

export const excelRunWith: ExcelRunWith = (context, batch) => Excel.run(context, batch);

/** Office.js reports a missing sheet, name or item as ItemNotFound. */
export function isItemNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ItemNotFound';
}

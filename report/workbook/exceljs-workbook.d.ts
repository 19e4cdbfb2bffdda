/** exceljs's Workbook class by its own module path (see read.ts): the same class as the package's main export. */
declare module 'exceljs/lib/doc/workbook' {
  const Workbook: typeof import('exceljs').Workbook;
  export default Workbook;
}

/**
 * The Node side of the fake Office host: real .xlsx in and out through exceljs. parse-xlsx turns the template the
 * add-in inserts into sheets of cell values (with protection and unlocked cells); build-xlsx writes the in-memory
 * workbook back into that template, which is what getFileAsync hands the add-in for upload.
 */
import ExcelJS from 'exceljs';

export interface ParsedSheet {
  name: string;
  cells: Record<string, unknown>;
  protected: boolean;
  unlocked: string[];
}

function plain(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return (v as ExcelJS.CellFormulaValue).result ?? '';
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if (v instanceof Date) return v.toISOString();
    if ('text' in v) return String((v as { text: unknown }).text);
    return '';
  }
  return v;
}

export async function parseXlsx(base64: string): Promise<ParsedSheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const cells: Record<string, unknown> = {};
    const unlocked: string[] = [];
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const v = plain(cell.value);
        if (v !== '') cells[cell.address] = v;
        if (cell.protection?.locked === false) unlocked.push(cell.address);
      }),
    );
    return {
      name: ws.name,
      cells,
      protected: Boolean((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet),
      unlocked,
    };
  });
}

export async function buildXlsx(payload: {
  template?: string;
  sheets: { name: string; cells: Record<string, unknown> }[];
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (payload.template) await wb.xlsx.load(Buffer.from(payload.template, 'base64') as unknown as ArrayBuffer);
  for (const s of payload.sheets) {
    const ws = wb.getWorksheet(s.name) ?? wb.addWorksheet(s.name);
    for (const [address, value] of Object.entries(s.cells)) {
      const cell = ws.getCell(address);
      const current = cell.value;
      if (current !== null && typeof current === 'object' && ('formula' in current || 'sharedFormula' in current))
        continue;
      if (plain(current) === value) continue;
      cell.value = value === '' ? null : (value as ExcelJS.CellValue);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

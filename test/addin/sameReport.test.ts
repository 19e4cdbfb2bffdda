/**
 * One reader from cells to report: the same filled workbook read on the server (the bounded reader of the .xlsx
 * file) and in the task pane (readInputs on what Office.js gives for each cell — numbers, strings, booleans, ""
 * for blank, error values as text, formulas by their result — with the cells' number formats) gives the same report.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readInputs } from '../../addin/office/readInputs';
import { FORMAT_2019, FORMAT_2021 } from '../../report/format';
import { reportFromCells } from '../../report/workbook/fromCells';
import { workbookLayout } from '../../report/workbook/layout';
import { readWorkbook } from '../../report/workbook/read';
import { writeWorkbook } from '../../report/workbook/template';
import { randomFills } from '../report/workbook/fills';
import { consistentReport, fillWorkbook } from '../report/workbook/helpers';
import { mockExcel } from './helpers/officeMock';

jest.setTimeout(120_000);

const DAY_MS = 86_400_000;
/** Excel's serial number of 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569;

/** What Office.js gives as a cell's value for what was typed or calculated there. */
function officeValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.getTime() / DAY_MS + UNIX_EPOCH_SERIAL;
  if (typeof v !== 'object') return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v) return officeValue((v as { result?: ExcelJS.CellValue }).result ?? null);
  if ('error' in v) return v.error;
  throw new Error(`no Office value for ${JSON.stringify(v)}`);
}

describe.each([FORMAT_2021, FORMAT_2019])('format $version: the task pane and the server read alike', (format) => {
  const layout = workbookLayout(format);
  let template: Uint8Array;
  beforeAll(async () => {
    template = await writeWorkbook({ year: format === FORMAT_2021 ? 2021 : 2020 });
  });

  it('random fills give the same report through Office.js values and through the file', async () => {
    // No formulas without a cached result (Excel would calculate them), no carriage returns (Excel writes them as
    // _x000D_ and a typed _x000D_ as _x005F_x000D_; exceljs writes both as they are).
    const fills = randomFills(layout, consistentReport(format, 5), { cr: false, uncached: false });
    await fc.assert(
      fc.asyncProperty(fills, async (fill) => {
        const bytes = await fillWorkbook(template, layout, fill);
        const server = await readWorkbook(bytes);
        expect(server.layout).toBe(layout);

        // The number formats as the file has them (Excel shows what the file says); the values as typed, or as
        // the template had them (the year).
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
        const host = mockExcel(layout, { withTemplate: true });
        for (const slot of layout.inputs) {
          const cell = wb.getWorksheet(slot.sheet)!.getCell(slot.address);
          const value = slot.id in fill ? fill[slot.id]! : cell.value;
          host.setCell(slot.sheet, slot.row, slot.col, officeValue(value), cell.numFmt || 'General');
        }
        const read = await readInputs(host.run, layout);
        if (read.kind !== 'ok') throw new Error('the mock has every sheet');
        expect(reportFromCells(layout, read.raw)).toEqual(server.report);
      }),
      { numRuns: Number(process.env.SAME_REPORT_RUNS ?? 25), seed: 20261205, endOnFailure: true },
    );
  });
});

/**
 * The bounded reader against the exceljs reader it replaced (kept as an oracle in ./oracle.ts): the template filled
 * at random — numbers, text, blanks, rich text, booleans, dates, error values, formulas with and without a cached
 * result — is read by both, which must give the same report and the same findings.
 */
import type ExcelJS from 'exceljs';
import fc from 'fast-check';
import { FORMAT_2019, FORMAT_2021 } from '../../../report/format';
import { validate } from '../../../report/rules';
import type { CellValue } from '../../../report/model/types';
import { cellValueOf } from '../../../report/workbook/fromCells';
import { withAddresses, workbookLayout } from '../../../report/workbook/layout';
import { readWorkbook } from '../../../report/workbook/read';
import { writeWorkbook } from '../../../report/workbook/template';
import { randomFills } from './fills';
import { consistentReport, fillWorkbook } from './helpers';
import { readWorkbookWithExceljs } from './oracle';

jest.setTimeout(120_000);

/**
 * Where exceljs reads a cell wrongly, what the cell shows (as Excel and Office.js give it): exceljs drops a cached
 * formula result of 0 (reads `=SUM(…)`), and turns a formula's text or error result into a date when the cell's
 * style shows dates (exceljs shares one style among the template's inputs, so a date typed anywhere gives them all
 * a date format). Text is read as XML reads it: a carriage return is a line break.
 */
function exceljsSlips(fill: Record<string, ExcelJS.CellValue>): Map<string, CellValue> {
  const out = new Map<string, CellValue>();
  for (const [id, v] of Object.entries(fill)) {
    if (!v || typeof v !== 'object' || !('formula' in v)) continue;
    const result = (v as { result?: unknown }).result;
    if (result === 0) out.set(id, 0);
    else if (typeof result === 'string') out.set(id, cellValueOf(result.replace(/\r\n?/g, '\n')));
    else if (result && typeof result === 'object' && 'error' in result) out.set(id, String(result.error));
  }
  return out;
}

describe.each([FORMAT_2021, FORMAT_2019])('format $version: the bounded reader reads what exceljs read', (format) => {
  const layout = workbookLayout(format);
  let template: Uint8Array;
  beforeAll(async () => {
    template = await writeWorkbook({ year: format === FORMAT_2021 ? 2021 : 2020 });
  });

  it('random fills give the same report and the same findings', async () => {
    const fills = randomFills(layout, consistentReport(format, 7));
    await fc.assert(
      fc.asyncProperty(fills, async (fill) => {
        const bytes = await fillWorkbook(template, layout, fill);
        const mine = await readWorkbook(bytes);
        const oracle = await readWorkbookWithExceljs(bytes);
        for (const [id, v] of exceljsSlips(fill)) oracle.report.values[id] = v;
        expect(mine.report).toEqual(oracle.report);
        expect(mine.findings).toEqual(oracle.findings);
        expect(mine.layout).toBe(oracle.layout);
        const findings = (r: typeof mine) => withAddresses(validate(r.report, { inputFindings: r.findings }), r.layout);
        expect(findings(mine)).toEqual(findings(oracle));
      }),
      {
        numRuns: Number(process.env.ORACLE_RUNS ?? 25),
        seed: Number(process.env.ORACLE_SEED ?? 20261204),
        endOnFailure: true,
      },
    );
  });
});

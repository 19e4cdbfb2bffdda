/**
 * The hostile inputs of issue 12, built by the test (no binaries checked in): workbooks with whole-sheet merge and
 * validation ranges, a hidden 23rd zip entry inflating to 400 MB, 300,000 empty cells, 1.1 M cells, 200,000 nested
 * <div>, confirmWarnings 5,000 deep and 1e308 in every count. The workbooks start from the template filled with a
 * report that has one error (a broken sum), so that a workbook that is read in full gets a 422 naming that cell,
 * and one refused for its shape gets its own 4xx: either way no version, and the answer says which.
 */
import { FORMAT_2021 } from '../../report/format';
import type { Report } from '../../report/model/types';
import { writeWorkbook } from '../../report/workbook/template';
import { rezip, xlsxParts, zerosDeflated } from '../report/workbook/helpers';
import { acceptedReport } from './helpers';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Sheet 三 of the template (its fourth sheet). */
const SHEET3_PART = 'xl/worksheets/sheet4.xml';

export interface HostileFile {
  readonly name: string;
  /** The file name the CLI reads it as (its extension gives the kind). */
  readonly file: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/** A report the rules refuse: table 三's granted count no longer adds up. */
export function reportWithError(year: number, marker: string): Report {
  const r = acceptedReport(year, marker);
  r.values['t3.granted.natural'] = 99;
  return r;
}

/** A small deterministic generator, so that a failure can be reproduced. */
function digits(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % 1000;
  };
}

export async function hostileFiles(year: number): Promise<HostileFile[]> {
  const template = await writeWorkbook({ report: reportWithError(year, 'hostile') });
  const sheet3 = xlsxParts(template).get(SHEET3_PART)!;
  if (!sheet3.includes('</sheetData>')) throw new Error('sheet 三 has no sheetData');
  const withSheet3 = (xml: string) => Buffer.from(rezip(template, { [SHEET3_PART]: xml }));
  const xlsx = (name: string, body: Buffer): HostileFile => ({
    name,
    file: `${name.replace(/[^a-z0-9]+/gi, '-')}.xlsx`,
    contentType: XLSX,
    body,
  });
  const rand = digits(12);
  const row = (r: number, cells: string) => `<row r="${r}">${cells}</row>`;
  const manyCells = Array.from({ length: 100 }, (_, i) =>
    row(100 + i, Array.from({ length: 11_000 }, () => `<c><v>${rand()}</v></c>`).join('')),
  ).join('');
  const counts = acceptedReport(year, '1e308');
  for (const c of FORMAT_2021.cells) if (c.kind === 'count') counts.values[c.id] = 1e308;
  const report = acceptedReport(year, 'deep');
  return [
    xlsx(
      'merge range A10:XFD1048576',
      withSheet3(
        sheet3.replace(
          '</sheetData>',
          '</sheetData><mergeCells count="1"><mergeCell ref="A10:XFD1048576"/></mergeCells>',
        ),
      ),
    ),
    xlsx(
      'data-validation sqref A1:XFD1048576',
      withSheet3(
        sheet3.replace(
          '</sheetData>',
          '</sheetData><dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>',
        ),
      ),
    ),
    xlsx(
      'a hidden 23rd zip entry inflating to 400 MB',
      Buffer.from(
        rezip(template, {}, [
          {
            name: 'xl/worksheets/sheet8.xml',
            content: new Uint8Array(0),
            deflated: zerosDeflated(400),
            unlisted: true,
          },
        ]),
      ),
    ),
    xlsx(
      '300,000 empty cells',
      withSheet3(sheet3.replace('<sheetData>', `<sheetData>${row(1, '<c/>'.repeat(300_000))}`)),
    ),
    xlsx('1.1 M cells', withSheet3(sheet3.replace('</sheetData>', `${manyCells}</sheetData>`))),
    {
      name: '200,000 nested <div>',
      file: 'nested-div.html',
      contentType: 'text/html; charset=utf-8',
      body: Buffer.from(`<html><body>${'<div>'.repeat(200_000)}一、总体情况</body></html>`),
    },
    {
      name: 'confirmWarnings 5,000 deep',
      file: 'confirm-deep.json',
      contentType: 'application/json',
      body: Buffer.from(
        `{"report":${JSON.stringify(report)},"confirmWarnings":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      ),
    },
    {
      name: '1e308 in every count',
      file: 'counts-1e308.json',
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify(counts)),
    },
  ];
}

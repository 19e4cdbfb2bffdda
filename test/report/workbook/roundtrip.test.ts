import ExcelJS from 'exceljs';
import { FORMAT_2019, FORMAT_2021 } from '../../../report/format';
import type { FormatDef } from '../../../report/format/types';
import type { Finding, Report } from '../../../report/model/types';
import { validate } from '../../../report/rules';
import { readWorkbook } from '../../../report/workbook/read';
import {
  META_AGENCY,
  META_PREAMBLE,
  META_YEAR,
  proseId,
  slotAddress,
  withAddresses,
  workbookLayout,
} from '../../../report/workbook/layout';
import { writeWorkbook } from '../../../report/workbook/template';
import { consistentReport, errorSummary, fillWorkbook } from './helpers';

const SHEET3 = '三、收到和处理政府信息公开申请情况';

async function findingsOf(bytes: Uint8Array): Promise<{ report: Report; findings: Finding[] }> {
  const r = await readWorkbook(bytes);
  return { report: r.report, findings: withAddresses(validate(r.report, { inputFindings: r.findings }), r.layout) };
}

/** The cells of a report as a person would type them into the template, keyed by input id. */
function typedCells(report: Report, format: FormatDef): Record<string, ExcelJS.CellValue> {
  const cells: Record<string, ExcelJS.CellValue> = {
    [META_AGENCY]: report.agency,
    [META_YEAR]: report.year,
    [META_PREAMBLE]: report.preamble ?? null,
    [proseId('overview')]: report.sections.overview,
    [proseId('problems')]: report.sections.problems,
    [proseId('other')]: report.sections.other,
  };
  for (const c of format.cells) cells[c.id] = report.values[c.id] ?? null;
  return cells;
}

describe.each([FORMAT_2021, FORMAT_2019])('round trip through the workbook, format $version', (format) => {
  const layout = workbookLayout(format);
  const year = format === FORMAT_2021 ? 2021 : 2020;
  let template: Uint8Array;
  let consistent: Uint8Array;
  const report = consistentReport(format, 11);

  beforeAll(async () => {
    template = await writeWorkbook({ year });
    consistent = await fillWorkbook(template, layout, typedCells(report, format));
  });

  it('a consistent report typed into the template reads back unchanged and has no errors', async () => {
    const { report: read, findings } = await findingsOf(consistent);
    expect(read).toEqual({
      ...report,
      values: Object.fromEntries(format.cells.map((c) => [c.id, report.values[c.id]])),
    });
    expect(errorSummary(findings)).toEqual([]);
  });

  it('writeWorkbook({ report }) writes the same workbook content as typing it in', async () => {
    const written = await readWorkbook(await writeWorkbook({ report }));
    const typed = await readWorkbook(consistent);
    expect(written.report).toEqual(typed.report);
    expect(written.layout).toBe(layout);
  });

  it('one changed number in table 三 gives the T3 errors naming that cell, with its address', async () => {
    const id = 't3.granted.natural';
    const bytes = await fillWorkbook(consistent, layout, { [id]: (report.values[id] as number) + 1 });
    const { findings } = await findingsOf(bytes);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.rule).sort()).toEqual(['T3-RESULT-SUM', 'T3-ROW-SUM']);
    const rowSum = errors.find((f) => f.rule === 'T3-ROW-SUM')!;
    expect(rowSum.message.zh).toContain('（一）予以公开');
    expect(errors.find((f) => f.rule === 'T3-RESULT-SUM')!.message.zh).toContain('「自然人」列');
    const cell = rowSum.cells.find((c) => c.id === id)!;
    expect(cell).toMatchObject({ table: '三', row: '（一）予以公开', column: '自然人', address: `${SHEET3}!D7` });
    expect(cell.address).toBe(slotAddress(layout.byId.get(id)!));
  });

  it('one changed number in table 四 gives T4-GROUP-SUM for its group', async () => {
    const id = 't4.litigationDirect.pending';
    const bytes = await fillWorkbook(consistent, layout, { [id]: (report.values[id] as number) + 2 });
    const errors = (await findingsOf(bytes)).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.rule)).toEqual(['T4-GROUP-SUM']);
    expect(errors[0]!.message.zh).toContain('行政诉讼·未经复议直接起诉');
    expect(errors[0]!.cells.map((c) => c.address)).toContain(slotAddress(layout.byId.get(id)!));
  });

  it('text `减4` stays text and is reported as TYPE-INT at its sheet!A1 address; blank stays blank', async () => {
    const textId = 't3.deniedSecret.business';
    const blankId = 't4.review.corrected';
    const bytes = await fillWorkbook(consistent, layout, { [textId]: '减4', [blankId]: null });
    const { report: read, findings } = await findingsOf(bytes);
    expect(read.values[textId]).toBe('减4');
    expect(read.values[blankId]).toBeNull();
    const typeInt = findings.filter((f) => f.rule === 'TYPE-INT');
    expect(typeInt).toHaveLength(1);
    expect(typeInt[0]!.cells).toEqual([
      { id: textId, table: '三', row: '1.属于国家秘密', column: '商业企业', address: `${SHEET3}!E9` },
    ]);
    expect(findings.some((f) => f.rule === 'TYPE-BLANK' && f.cells.some((c) => c.id === blankId))).toBe(true);
  });

  it('reads formulas by their result, rich text as text, full-width digits as numbers, 2021年 as a year', async () => {
    const bytes = await fillWorkbook(consistent, layout, {
      't3.new.natural': { formula: '1+1', result: report.values['t3.new.natural'] as number, date1904: false },
      't3.new.business': { richText: [{ text: String(report.values['t3.new.business']) }] },
      't3.carried.natural': { formula: 'A1', result: undefined, date1904: false } as unknown as ExcelJS.CellValue,
      't3.new.research': '１２',
      [META_YEAR]: `${year}年`,
      [META_AGENCY]: { richText: [{ text: '益阳市' }, { text: '人力资源和社会保障局', font: { bold: true } }] },
    });
    const { report: read } = await readWorkbook(bytes);
    expect(read.values['t3.new.natural']).toBe(report.values['t3.new.natural']);
    expect(read.values['t3.new.business']).toBe(report.values['t3.new.business']);
    expect(read.values['t3.carried.natural']).toBe('=A1');
    expect(read.values['t3.new.research']).toBe(12);
    expect(read.year).toBe(year);
    expect(read.agency).toBe('益阳市人力资源和社会保障局');
  });
});

describe('which format a workbook is read in', () => {
  it('the tables decide: a 2019-format template with 2022 typed as the year is read in the 2019 format (FORMAT-VERSION)', async () => {
    const layout = workbookLayout(FORMAT_2019);
    const bytes = await fillWorkbook(await writeWorkbook({ year: 2020 }), layout, { [META_YEAR]: 2022 });
    const r = await readWorkbook(bytes);
    expect(r.report.format).toBe('2019');
    expect(r.layout).toBe(layout);
    expect(validate(r.report).map((f) => f.rule)).toContain('FORMAT-VERSION');
  });

  it('without a year the tables still decide', async () => {
    const bytes = await fillWorkbook(await writeWorkbook({ year: 2020 }), workbookLayout(FORMAT_2019), {
      [META_YEAR]: null,
    });
    expect((await readWorkbook(bytes)).report).toMatchObject({ format: '2019', year: null });
    expect((await readWorkbook(await writeWorkbook())).report).toMatchObject({
      format: '2021',
      year: null,
      agency: null,
    });
  });

  it('accepts an ArrayBuffer, a Uint8Array and a Node Buffer (as read from a file)', async () => {
    const bytes = await writeWorkbook({ year: 2021, agency: '测试局' });
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    expect((await readWorkbook(copy)).report.agency).toBe('测试局');
    expect((await readWorkbook(Buffer.from(bytes))).report.agency).toBe('测试局');
  });
});

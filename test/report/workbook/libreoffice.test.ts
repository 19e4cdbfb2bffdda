/**
 * The template in a real spreadsheet program: LibreOffice opens it, recalculates, saves it back as xlsx (the reader
 * gets the same report and findings) and prints it to PDF, where a failing sum, text, a decimal or a negative in a
 * count shows as red cells and a fee to check as orange, beside a legend in the same colours.
 */
import { statSync } from 'node:fs';
import { cellId, FORMAT_2021 } from '../../../report/format';
import { validate } from '../../../report/rules';
import { readWorkbook } from '../../../report/workbook/read';
import { withAddresses, workbookLayout } from '../../../report/workbook/layout';
import { writeWorkbook } from '../../../report/workbook/template';
import { consistentReport, errorSummary, fillWorkbook, sheetParts, xlsxParts } from './helpers';
import { countPixels, requireTools, withLibreOffice } from './libreoffice';

jest.setTimeout(180_000);

const layout = workbookLayout(FORMAT_2021);
const report = consistentReport(FORMAT_2021, 5);
/** The conditional formats' error fill (FFC7CE), their warning fill (F8CBAD) and the inputs' tint (FFFDE7). */
const RED: [number, number, number] = [0xff, 0xc7, 0xce];
const ORANGE: [number, number, number] = [0xf8, 0xcb, 0xad];
const INPUT: [number, number, number] = [0xff, 0xfd, 0xe7];
const TABLE2_PAGE = layout.sheets.findIndex((s) => s.kind === 'table' && s.table === '二');
const TABLE3_PAGE = layout.sheets.findIndex((s) => s.kind === 'table' && s.table === '三');

async function findings(bytes: Uint8Array) {
  const r = await readWorkbook(bytes);
  return { report: r.report, findings: withAddresses(validate(r.report, { inputFindings: r.findings }), r.layout) };
}

describe('the workbook in LibreOffice', () => {
  let consistent: Uint8Array;
  let broken: Uint8Array;

  beforeAll(async () => {
    consistent = await writeWorkbook({ report });
    // One number changed, and text where a count belongs, typed into the template.
    broken = await fillWorkbook(consistent, layout, {
      't3.granted.natural': (report.values['t3.granted.natural'] as number) + 1,
      't4.review.upheld': '减4',
    });
  });

  it('LibreOffice and pdftoppm are installed (required, not optional)', () => {
    expect(() => requireTools()).not.toThrow();
  });

  it('saved back by LibreOffice (recalculated), the workbook reads the same and gives the same findings', async () => {
    await withLibreOffice(async (lo) => {
      const out = await lo.convert({ consistent, broken }, 'xlsx');
      const before = await findings(consistent);
      const after = await findings(out.consistent!);
      expect(after.report).toEqual(before.report);
      expect(errorSummary(after.findings)).toEqual([]);

      const brokenBefore = await findings(broken);
      const brokenAfter = await findings(out.broken!);
      expect(brokenAfter.report).toEqual(brokenBefore.report);
      expect(brokenAfter.findings).toEqual(brokenBefore.findings);
      expect(
        errorSummary(brokenAfter.findings)
          .map((s) => s.split(':')[0])
          .sort(),
      ).toEqual(['T3-RESULT-SUM', 'T3-ROW-SUM', 'TYPE-INT']);

      // LibreOffice keeps the template's conditional formats and protection; the template has no defined names.
      const sheets = sheetParts(xlsxParts(out.broken!));
      const table3 = sheets.get('三、收到和处理政府信息公开申请情况')!;
      expect((table3.match(/<cfRule /g) ?? []).length).toBeGreaterThan(150);
      expect(table3).toMatch(/<sheetProtection [^>]*sheet="(1|true)"/);
      expect(xlsxParts(broken).get('xl/workbook.xml')).not.toContain('<definedName');
    });
  });

  it('prints to PDF: failing sums, text, decimals and negatives red, a fee to check orange; a clean template only its legend', async () => {
    await withLibreOffice(async (lo) => {
      const empty = await writeWorkbook({ year: 2021 });
      // Typed past the validation (or pasted): a decimal and a negative count in table 二, a fee with 5 decimals.
      const typed = await fillWorkbook(consistent, layout, {
        't2.rules.issued': 1.5,
        't2.normative.repealed': -2,
        't2.fees.amount': 8.97723,
      });
      // Row totals left blank, as some published tables have them: they count as their rows' figures in the 总计
      // column's sums (the longest formulas of the template), so only a wrong figure colours — its column and 总计's.
      const blank = structuredClone(report);
      for (const row of FORMAT_2021.table3.rows.filter((r) => r.parent === 'results' && r.key !== 'total'))
        if (row.hasValues) blank.values[cellId('三', row.key, 'total')] = null;
      const blankWrong = structuredClone(blank);
      blankWrong.values['t3.granted.natural'] = (blank.values['t3.granted.natural'] as number) + 1;
      expect(
        validate(blankWrong)
          .filter((f) => f.rule.startsWith('T3-'))
          .map((f) => f.rule),
      ).toEqual(['T3-RESULT-SUM', 'T3-RESULT-SUM']);
      const blanks = await writeWorkbook({ report: blank });
      const blanksWrong = await writeWorkbook({ report: blankWrong });
      const pdfs = await lo.convert({ empty, broken, consistent, typed, blanks, blanksWrong }, 'pdf');
      const pages = {
        empty: await lo.render('empty', pdfs.empty!),
        broken: await lo.render('broken', pdfs.broken!),
        consistent: await lo.render('consistent', pdfs.consistent!),
        typed: await lo.render('typed', pdfs.typed!),
        blanks: await lo.render('blanks', pdfs.blanks!),
        blanksWrong: await lo.render('blanksWrong', pdfs.blanksWrong!),
      };
      // 基本信息 and one page per section.
      for (const list of Object.values(pages)) {
        expect(list).toHaveLength(layout.sheets.length);
        for (const page of list) expect(statSync(page.png).size).toBeGreaterThan(3000);
      }
      const count = (list: typeof pages.empty, rgb: typeof RED) => list.map((p) => countPixels(p.ppm, rgb, 6));
      // The legend below each table shows each colour once; a clean workbook shows nothing more.
      const legendRed = count(pages.empty, RED);
      const legendOrange = count(pages.empty, ORANGE);
      layout.sheets.forEach((s, i) => {
        if (s.kind === 'table') expect(legendRed[i]).toBeGreaterThan(200);
        else expect(legendRed[i]).toBe(0);
      });
      expect(count(pages.consistent, RED)).toEqual(legendRed);
      expect(count(pages.consistent, ORANGE)).toEqual(legendOrange);
      // A wrong sum (table 三) and text (table 四) are red; in table 二 the decimal and the negative are red and
      // the fee orange.
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      expect(sum(count(pages.broken, RED)) - sum(legendRed)).toBeGreaterThan(500);
      expect(count(pages.typed, RED)[TABLE2_PAGE]! - legendRed[TABLE2_PAGE]!).toBeGreaterThan(300);
      expect(count(pages.typed, ORANGE)[TABLE2_PAGE]! - legendOrange[TABLE2_PAGE]!).toBeGreaterThan(150);
      // Blank row totals: nothing red. One wrong figure beside them: its column and the 总计 column (44 cells), more
      // than the same figure wrong in the full table colours (its row and column, 28 cells).
      expect(count(pages.blanks, RED)).toEqual(legendRed);
      const beyond = (list: typeof pages.empty) => count(list, RED)[TABLE3_PAGE]! - legendRed[TABLE3_PAGE]!;
      expect(beyond(pages.blanksWrong)).toBeGreaterThan(1.3 * beyond(pages.broken));
      // The inputs are tinted.
      expect(sum(pages.empty.map((p) => countPixels(p.ppm, INPUT, 3)))).toBeGreaterThan(1000);
    });
  });
});

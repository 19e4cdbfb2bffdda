/**
 * The template in a real spreadsheet program: LibreOffice opens it, recalculates, saves it back as xlsx (the reader
 * gets the same report and findings) and prints it to PDF, where a failing sum shows as red cells.
 */
import { statSync } from 'node:fs';
import { FORMAT_2021 } from '../../../report/format';
import { validate } from '../../../report/rules';
import { readWorkbook } from '../../../report/workbook/read';
import { withAddresses, workbookLayout } from '../../../report/workbook/layout';
import { writeWorkbook } from '../../../report/workbook/template';
import { consistentReport, errorSummary, fillWorkbook, sheetParts, xlsxParts } from './helpers';
import { countPixels, requireTools, withLibreOffice } from './libreoffice';

jest.setTimeout(180_000);

const layout = workbookLayout(FORMAT_2021);
const report = consistentReport(FORMAT_2021, 5);
/** The conditional formats' error fill (FFC7CE) and the inputs' tint (FFFDE7). */
const RED: [number, number, number] = [0xff, 0xc7, 0xce];
const INPUT: [number, number, number] = [0xff, 0xfd, 0xe7];

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

      // LibreOffice keeps the template's conditional formats, names and protection.
      const sheets = sheetParts(xlsxParts(out.broken!));
      const table3 = sheets.get('三、收到和处理政府信息公开申请情况')!;
      expect((table3.match(/<cfRule /g) ?? []).length).toBeGreaterThan(150);
      expect(table3).toMatch(/<sheetProtection [^>]*sheet="(1|true)"/);
      expect(xlsxParts(out.broken!).get('xl/workbook.xml')).toContain('nb_t3_granted_natural');
    });
  });

  it('prints the template and a filled workbook to PDF; failing sums show red, a clean template none', async () => {
    await withLibreOffice(async (lo) => {
      const empty = await writeWorkbook({ year: 2021 });
      const pdfs = await lo.convert({ empty, broken }, 'pdf');
      const emptyPages = await lo.render('empty', pdfs.empty!);
      const brokenPages = await lo.render('broken', pdfs.broken!);
      // 基本信息 and one page per section.
      expect(emptyPages).toHaveLength(layout.sheets.length);
      expect(brokenPages).toHaveLength(layout.sheets.length);
      for (const page of [...emptyPages, ...brokenPages]) expect(statSync(page.png).size).toBeGreaterThan(3000);
      const red = (pages: typeof emptyPages) => pages.reduce((n, p) => n + countPixels(p.ppm, RED, 6), 0);
      expect(red(emptyPages)).toBe(0);
      expect(red(brokenPages)).toBeGreaterThan(500);
      // The inputs are tinted in both.
      expect(emptyPages.reduce((n, p) => n + countPixels(p.ppm, INPUT, 3), 0)).toBeGreaterThan(1000);
    });
  });
});

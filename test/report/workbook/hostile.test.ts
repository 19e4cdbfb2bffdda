import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { FORMAT_2021 } from '../../../report/format';
import { readWorkbook, WorkbookError } from '../../../report/workbook/read';
import { MAX_UNZIPPED_BYTES, MAX_WORKBOOK_BYTES, MAX_ZIP_ENTRIES } from '../../../report/workbook/errors';
import { workbookLayout } from '../../../report/workbook/layout';
import { writeWorkbook } from '../../../report/workbook/template';
import { consistentReport, makeZip } from './helpers';

/** Reads and returns the WorkbookError code, or 'ok' when the file was read. Anything else fails the test. */
async function outcome(data: Uint8Array | ArrayBuffer): Promise<string> {
  try {
    await readWorkbook(data);
    return 'ok';
  } catch (e) {
    if (e instanceof WorkbookError) {
      expect(e.bilingual.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(e.bilingual.en).toMatch(/[a-z]/);
      return e.code;
    }
    throw e;
  }
}

async function errorOf(data: Uint8Array): Promise<WorkbookError> {
  const e = await readWorkbook(data).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(WorkbookError);
  return e as WorkbookError;
}

async function edit(bytes: Uint8Array, change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  change(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const SHEET3 = '三、收到和处理政府信息公开申请情况';
const text = (s: string) => new TextEncoder().encode(s);

describe('hostile and wrong input is refused with a WorkbookError, never a crash', () => {
  let template: Uint8Array;
  beforeAll(async () => {
    template = await writeWorkbook({ report: consistentReport(FORMAT_2021, 3) });
  });

  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        expect(await outcome(bytes)).toBe('WORKBOOK_NOT_XLSX');
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes dressed as a zip (local header signature, end-of-directory record)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.uint8Array({ minLength: 18, maxLength: 18 }),
        async (body, eocd) => {
          const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...body, 0x50, 0x4b, 0x05, 0x06, ...eocd]);
          expect(await outcome(bytes)).toMatch(/^WORKBOOK_(NOT_XLSX|UNZIPPED_TOO_LARGE)$/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('well-formed zips of random parts', async () => {
    const names = fc.constantFrom(
      'xl/workbook.xml',
      '[Content_Types].xml',
      'xl/worksheets/sheet1.xml',
      'xl/styles.xml',
      'xl/sharedStrings.xml',
      'xl/_rels/workbook.xml.rels',
      '_rels/.rels',
      'xl/media/image1.png',
      'other.bin',
    );
    const content = fc.oneof(
      fc.uint8Array({ maxLength: 512 }),
      fc.string({ maxLength: 200 }).map(text),
      fc
        .constantFrom(
          '<?xml version="1.0"?><workbook><sheets><sheet name="x" sheetId="1" r:id="rId1"/></sheets></workbook>',
          '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row></sheetData></worksheet>',
          '<sst count="1"><si><t>a</t></si></sst>',
        )
        .map(text),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ name: names, content, stored: fc.boolean() }), { maxLength: 6 }),
        async (entries) => {
          expect(await outcome(makeZip(entries))).toMatch(/^WORKBOOK_(NOT_XLSX|NOT_TEMPLATE)$/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the template with bytes flipped', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(template.byteLength - 1), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (flips) => {
          const bytes = template.slice();
          for (const [at, x] of flips) bytes[at] = bytes[at]! ^ x;
          expect(await outcome(bytes)).toMatch(/^(ok|WORKBOOK_\w+)$/);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an xlsx that is not our template', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 42;
    const e = await errorOf(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(e.code).toBe('WORKBOOK_NOT_TEMPLATE');
    expect(e.bilingual.zh).toContain('基本信息');
  });

  it('the template with a sheet deleted, a row inserted in table 三, or a label rewritten', async () => {
    const noSheet = await edit(template, (wb) =>
      wb.removeWorksheet(wb.getWorksheet('五、存在的主要问题及改进情况')!.id),
    );
    const e1 = await errorOf(noSheet);
    expect(e1.code).toBe('WORKBOOK_NOT_TEMPLATE');
    expect(e1.bilingual.zh).toContain('五、存在的主要问题及改进情况');

    const inserted = await edit(template, (wb) => wb.getWorksheet(SHEET3)!.spliceRows(8, 0, []));
    const e2 = await errorOf(inserted);
    expect(e2.code).toBe('WORKBOOK_LAYOUT_CHANGED');
    expect(e2.bilingual.zh).toContain(`${SHEET3}!`);

    const relabelled = await edit(template, (wb) => (wb.getWorksheet(SHEET3)!.getCell('D7').value = 'x'));
    // D7 is an input (t3.granted.natural): text there is a value, not a layout change.
    expect(await outcome(relabelled)).toBe('ok');
    const wrongLabel = await edit(template, (wb) => (wb.getWorksheet(SHEET3)!.getCell('B7').value = '（一）全部公开'));
    expect((await errorOf(wrongLabel)).bilingual.zh).toContain('（一）予以公开');
  });

  it('a label that differs only in half-width punctuation and spaces is read, and reported as FORMAT-LABEL', async () => {
    const layout = workbookLayout(FORMAT_2021);
    const drifted = await edit(template, (wb) => (wb.getWorksheet(SHEET3)!.getCell('B7').value = '(一) 予以公开'));
    const r = await readWorkbook(drifted);
    expect(r.findings).toEqual([
      expect.objectContaining({ rule: 'FORMAT-LABEL', severity: 'info', excerpt: '(一) 予以公开' }),
    ]);
    expect(r.findings[0]!.message.zh).toContain(`${SHEET3}!B7`);
    expect(r.report.values['t3.granted.natural']).toBe(consistentReport(FORMAT_2021, 3).values['t3.granted.natural']);
    expect(r.layout).toBe(layout);
  });

  it('a zip bomb: parts declared to expand past the limit are refused without inflating them', async () => {
    const big = new Uint8Array(MAX_UNZIPPED_BYTES + 1024 * 1024);
    const bomb = makeZip([
      { name: 'xl/workbook.xml', content: text('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', content: big },
    ]);
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    const started = Date.now();
    expect((await errorOf(bomb)).code).toBe('WORKBOOK_UNZIPPED_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a zip bomb that understates its sizes is stopped while inflating', async () => {
    const big = new Uint8Array(MAX_UNZIPPED_BYTES + 1024 * 1024);
    const liar = makeZip([
      { name: 'xl/workbook.xml', content: text('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', content: big, declaredSize: 1000 },
    ]);
    expect((await errorOf(liar)).code).toBe('WORKBOOK_UNZIPPED_TOO_LARGE');
  });

  it('too many parts', async () => {
    const many = makeZip([
      { name: 'xl/workbook.xml', content: text('<workbook/>') },
      ...Array.from({ length: MAX_ZIP_ENTRIES }, (_, i) => ({
        name: `x/${i}`,
        content: new Uint8Array(0),
        stored: true,
      })),
    ]);
    expect((await errorOf(many)).code).toBe('WORKBOOK_UNZIPPED_TOO_LARGE');
  });

  it('an oversized body is refused before anything is parsed', async () => {
    const body = new Uint8Array(MAX_WORKBOOK_BYTES + 1);
    body.set(template);
    const e = await errorOf(body);
    expect(e.code).toBe('WORKBOOK_TOO_LARGE');
    expect(e.bilingual.zh).toContain('5 MB');
  });

  it('an old .xls or encrypted workbook (OLE compound file), a zip without a workbook, and non-bytes', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await outcome(ole)).toBe('WORKBOOK_NOT_XLSX');
    expect(await outcome(makeZip([{ name: 'word/document.xml', content: text('<w:document/>') }]))).toBe(
      'WORKBOOK_NOT_XLSX',
    );
    expect(await outcome('not bytes' as unknown as Uint8Array)).toBe('WORKBOOK_NOT_XLSX');
  });
});

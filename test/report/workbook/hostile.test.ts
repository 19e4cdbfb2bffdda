import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { FORMAT_2021 } from '../../../report/format';
import { readWorkbook, WorkbookError } from '../../../report/workbook/read';
import { DEFAULT_LIMITS, type Limits } from '../../../report/workbook/budget';
import { MAX_INFLATED_BYTES, MAX_WORKBOOK_BYTES, MAX_ZIP_ENTRIES } from '../../../report/workbook/errors';
import { workbookLayout } from '../../../report/workbook/layout';
import { writeWorkbook } from '../../../report/workbook/template';
import { consistentReport, makeZip, rezip, xlsxParts, zerosDeflated } from './helpers';

/** Reads and returns the WorkbookError code, or 'ok' when the file was read. Anything else fails the test. */
async function outcome(data: Uint8Array | ArrayBuffer, limits?: Limits): Promise<string> {
  try {
    await readWorkbook(data, limits);
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

/** The outcome and how long it took. */
/**
 * The outcome and the work it cost: CPU ms of this process, which a busy host cannot stretch as it stretches the wall
 * clock (the reader's time budget counts the same way; test/reliability holds the real server to wall-clock bounds).
 */
async function timed(data: Uint8Array, limits?: Limits): Promise<{ code: string; ms: number }> {
  const started = process.cpuUsage();
  const code = await outcome(data, limits);
  const { user, system } = process.cpuUsage(started);
  return { code, ms: (user + system) / 1000 };
}

async function edit(bytes: Uint8Array, change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  change(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const SHEET3 = '三、收到和处理政府信息公开申请情况';
/** The part of sheet 三 in the template (the fourth sheet). */
const SHEET3_PART = 'xl/worksheets/sheet4.xml';
const text = (s: string) => new TextEncoder().encode(s);
const ANY_CODE = /^E-WORKBOOK-[A-Z-]+$/;

describe('hostile and wrong input is refused with a WorkbookError, never a crash', () => {
  let template: Uint8Array;
  let sheet3: string;
  const report = consistentReport(FORMAT_2021, 3);
  /** The template with sheet 三's XML changed. */
  const withSheet3 = (xml: string) => rezip(template, { [SHEET3_PART]: xml });

  beforeAll(async () => {
    template = await writeWorkbook({ report });
    sheet3 = xlsxParts(template).get(SHEET3_PART)!;
    expect(sheet3).toContain('<sheetData>');
  });

  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        expect(await outcome(bytes)).toBe('E-WORKBOOK-NOT-XLSX');
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
          expect(await outcome(bytes)).toMatch(ANY_CODE);
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
          '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        .map(text),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ name: names, content, stored: fc.boolean() }), { maxLength: 6 }),
        async (entries) => {
          expect(await outcome(makeZip(entries))).toMatch(/^E-WORKBOOK-(NOT-XLSX|NOT-TEMPLATE|ZIP-INVALID)$/);
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
          expect(await outcome(bytes)).toMatch(/^(ok|E-WORKBOOK-[A-Z-]+)$/);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('an xlsx that is not our template', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 42;
    const e = await errorOf(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(e.code).toBe('E-WORKBOOK-NOT-TEMPLATE');
    expect(e.bilingual.zh).toContain('基本信息');
  });

  it('the template with a sheet deleted, a row inserted in table 三, or a label rewritten', async () => {
    const noSheet = await edit(template, (wb) =>
      wb.removeWorksheet(wb.getWorksheet('五、存在的主要问题及改进情况')!.id),
    );
    const e1 = await errorOf(noSheet);
    expect(e1.code).toBe('E-WORKBOOK-NOT-TEMPLATE');
    expect(e1.bilingual.zh).toContain('五、存在的主要问题及改进情况');

    const inserted = await edit(template, (wb) => wb.getWorksheet(SHEET3)!.spliceRows(8, 0, []));
    const e2 = await errorOf(inserted);
    expect(e2.code).toBe('E-WORKBOOK-LAYOUT-CHANGED');
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
    expect(r.report.values['t3.granted.natural']).toBe(report.values['t3.granted.natural']);
    expect(r.layout).toBe(layout);
  });

  it('merge, data-validation and conditional-format ranges over a whole sheet are never expanded', async () => {
    const expected = (await readWorkbook(template)).report;
    const ranges = [
      '<mergeCells count="1"><mergeCell ref="A10:XFD1048576"/></mergeCells>',
      '<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>',
      '<conditionalFormatting sqref="A1:XFD1048576"><cfRule type="expression" dxfId="0" priority="99"><formula>TRUE</formula></cfRule></conditionalFormatting>',
    ];
    for (const range of ranges) {
      const bytes = withSheet3(sheet3.replace('</sheetData>', `</sheetData>${range}`));
      const started = performance.now();
      expect((await readWorkbook(bytes)).report).toEqual(expected);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('a directory record past the declared count, and an entry with no directory record, are refused', async () => {
    // 22 entries declared, a 23rd hidden after them: a second sheet part that would inflate to 400 MB.
    const hiddenRecord = rezip(template, {}, [
      { name: 'xl/worksheets/sheet8.xml', content: new Uint8Array(0), deflated: zerosDeflated(400), unlisted: true },
    ]);
    expect(hiddenRecord.byteLength).toBeLessThan(500 * 1024);
    expect(await timed(hiddenRecord)).toEqual({ code: 'E-WORKBOOK-ZIP-INVALID', ms: expect.any(Number) });
    const hiddenEntry = makeZip([
      { name: 'x/hidden.xml', content: text('<x/>'), hidden: true },
      ...[...xlsxParts(template)].map(([name, s]) => ({ name, content: text(s) })),
    ]);
    expect(await outcome(hiddenEntry)).toBe('E-WORKBOOK-ZIP-INVALID');
  });

  it('two entries with the same name (in any case) are refused', async () => {
    const dup = rezip(template, {}, [{ name: SHEET3_PART.toUpperCase(), content: text('<worksheet/>') }]);
    expect(await outcome(dup)).toBe('E-WORKBOOK-ZIP-INVALID');
  });

  it('a part that inflates past the budget is stopped while inflating, whatever its headers say', async () => {
    const padding = ' '.repeat(MAX_INFLATED_BYTES + 1024);
    const honest = withSheet3(sheet3.replace('<sheetData>', `<sheetData>${padding}`));
    expect(honest.byteLength).toBeLessThan(200 * 1024);
    // Refused within 2 s (on a busy machine the time budget may strike first) …
    const a = await timed(honest);
    expect(a.code).toMatch(/^E-WORKBOOK-(UNZIPPED-TOO-LARGE|TIMEOUT)$/);
    expect(a.ms).toBeLessThan(2000);
    // … and for exceeding the inflated bytes, when time is no object.
    expect(await outcome(honest, { ...DEFAULT_LIMITS, ms: 60_000 })).toBe('E-WORKBOOK-UNZIPPED-TOO-LARGE');
    const liar = makeZip([
      ...[...xlsxParts(template)].map(([name, s]) => ({
        name,
        content: text(name === SHEET3_PART ? sheet3.replace('<sheetData>', `<sheetData>${' '.repeat(1e6)}`) : s),
        ...(name === SHEET3_PART ? { declaredSize: 1000 } : {}),
      })),
    ]);
    expect(await outcome(liar)).toBe('E-WORKBOOK-UNZIPPED-TOO-LARGE');
  });

  it('a part that is not a wanted one is never inflated, however large', async () => {
    const bytes = rezip(template, {}, [
      { name: 'xl/media/image9.png', content: new Uint8Array(0), deflated: zerosDeflated(400) },
    ]);
    const r = await timed(bytes);
    expect(r.code).toBe('ok');
    expect(r.ms).toBeLessThan(1000);
  });

  it('cells: empty ones by the hundred thousand in the wanted rows are refused, after them they cost nothing', async () => {
    const row = (r: number, n: number) => `<row r="${r}">${'<c/>'.repeat(n)}</row>`;
    const inRows = withSheet3(sheet3.replace('<sheetData>', `<sheetData>${row(1, 300_000)}`));
    expect(inRows.byteLength).toBeLessThan(100 * 1024);
    const a = await timed(inRows, { ...DEFAULT_LIMITS, ms: 60_000 });
    expect(a.code).toBe('E-WORKBOOK-TOO-MANY-CELLS');
    expect(a.ms).toBeLessThan(2000);
    const after = withSheet3(
      sheet3.replace(
        '</sheetData>',
        `${Array.from({ length: 100 }, (_, i) => row(100 + i, 11_000)).join('')}</sheetData>`,
      ),
    );
    const b = await timed(after);
    expect(b.code).toBe('ok');
    expect(b.ms).toBeLessThan(1000);
  });

  it('XML nested deeper than the budget is refused', async () => {
    const deep = withSheet3(sheet3.replace('<sheetData>', `<sheetData>${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}`));
    expect(await outcome(deep)).toBe('E-WORKBOOK-TOO-DEEP');
  });

  it('reading that takes longer than the time budget is stopped', async () => {
    const many = withSheet3(sheet3.replace('<sheetData>', `<sheetData><row r="1">${'<c/>'.repeat(150_000)}</row>`));
    expect(await outcome(many, { inflatedBytes: MAX_INFLATED_BYTES, elements: Infinity, ms: 5 })).toBe(
      'E-WORKBOOK-TIMEOUT',
    );
  });

  it('too many parts', async () => {
    const many = rezip(
      template,
      {},
      Array.from({ length: MAX_ZIP_ENTRIES }, (_, i) => ({ name: `x/${i}`, content: new Uint8Array(0), stored: true })),
    );
    expect((await errorOf(many)).code).toBe('E-WORKBOOK-TOO-MANY-PARTS');
  });

  it('an oversized body is refused before anything is parsed', async () => {
    const body = new Uint8Array(MAX_WORKBOOK_BYTES + 1);
    body.set(template);
    const e = await errorOf(body);
    expect(e.code).toBe('E-WORKBOOK-TOO-LARGE');
    expect(e.bilingual.zh).toContain('5 MB');
  });

  it('an old .xls or encrypted workbook (OLE compound file), a zip without a workbook, and non-bytes', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await outcome(ole)).toBe('E-WORKBOOK-NOT-XLSX');
    expect(await outcome(makeZip([{ name: 'word/document.xml', content: text('<w:document/>') }]))).toBe(
      'E-WORKBOOK-NOT-XLSX',
    );
    expect(await outcome('not bytes' as unknown as Uint8Array)).toBe('E-WORKBOOK-NOT-XLSX');
  });
});

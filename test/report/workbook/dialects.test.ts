/**
 * What other programs write that exceljs does not: inline strings, a namespace prefix on every element, the sheets
 * in another order under slightly different names, `_x000D_` escapes, parts stored uncompressed, and zips written
 * as a stream (data descriptors after each part). The bounded reader reads each as the template it is.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { FORMAT_2021 } from '../../../report/format';
import { readWorkbook } from '../../../report/workbook/read';
import { writeWorkbook } from '../../../report/workbook/template';
import { consistentReport, makeZip, rezip, xlsxParts } from './helpers';

const enc = (s: string) => new TextEncoder().encode(s);

/** A zip written the way streaming writers do: sizes and checksums in a data descriptor after each part. */
function streamedZip(parts: Map<string, string>, store: boolean): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  for (const [name, text] of parts) {
    const file = store ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(enc(text), true);
  }
  zip.end();
  return new Uint8Array(Buffer.concat(chunks));
}

describe('workbooks as other programs write them', () => {
  const report = consistentReport(FORMAT_2021, 9);
  let template: Uint8Array;
  let parts: Map<string, string>;

  beforeAll(async () => {
    template = await writeWorkbook({ report });
    parts = xlsxParts(template);
  });

  const expectTheReport = async (bytes: Uint8Array) => expect((await readWorkbook(bytes)).report).toEqual(report);

  it('the template itself', () => expectTheReport(template));

  it('inline strings instead of shared strings, with a line break escaped as _x000D_', async () => {
    const sst = [...parts.get('xl/sharedStrings.xml')!.matchAll(/<si>(.*?)<\/si>/gs)].map((m) => m[1]!);
    const changes: Record<string, string> = {};
    for (const [name, xml] of parts) {
      if (!name.startsWith('xl/worksheets/')) continue;
      changes[name] = xml.replace(
        /<c ([^>]*?)t="s"([^>]*)><v>(\d+)<\/v><\/c>/g,
        (_, a: string, b: string, i: string) => `<c ${a}t="inlineStr"${b}><is>${sst[Number(i)]}</is></c>`,
      );
    }
    const inline = rezip(template, changes);
    expect(xlsxParts(inline).get('xl/worksheets/sheet2.xml')).toContain('inlineStr');
    await expectTheReport(inline);
    const overview = xlsxParts(inline).get('xl/worksheets/sheet2.xml')!;
    const escaped = rezip(inline, {
      'xl/worksheets/sheet2.xml': overview.replace(/(<is><t[^>]*>)([^<]*?)(。)/, '$1$2$3_x000D_'),
    });
    // _x000D_ is a carriage return: a line break in the report.
    expect((await readWorkbook(escaped)).report.sections.overview).toContain('（一）主动公开。\n本机关');
  });

  it('every element with a namespace prefix (x:c, x:row …)', async () => {
    const prefixed: Record<string, string> = {};
    for (const [name, xml] of parts) {
      if (!name.startsWith('xl/') || !name.endsWith('.xml')) continue;
      prefixed[name] = xml
        .replace(/<(\/?)([A-Za-z]+)([\s>/])/g, '<$1x:$2$3')
        .replace(/ xmlns="([^"]+)"/, ' xmlns:x="$1"');
    }
    await expectTheReport(rezip(template, prefixed));
  });

  it('the sheets in another order, named with spaces added', async () => {
    const wb = parts.get('xl/workbook.xml')!;
    const sheets = [...wb.matchAll(/<sheet [^>]*\/>/g)].map((m) => m[0]);
    const renamed = sheets
      .reverse()
      .map((s) => s.replace(/name="([^"]+)"/, (_, n: string) => `name="${n.replace('、', '、 ')} "`));
    const reordered = wb.replace(/<sheets>.*<\/sheets>/s, `<sheets>${renamed.join('')}</sheets>`);
    await expectTheReport(rezip(template, { 'xl/workbook.xml': reordered }));
  });

  it('parts stored uncompressed, and zips written as a stream (data descriptors)', async () => {
    await expectTheReport(makeZip([...parts].map(([name, s]) => ({ name, content: enc(s), stored: true }))));
    await expectTheReport(streamedZip(parts, false));
    await expectTheReport(streamedZip(parts, true));
  });
});

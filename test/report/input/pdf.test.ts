/** A PDF's advice fits where it is shown: commands on the command line, files to upload or to pick elsewhere. */
import { pdfMessage, type PdfAdviceFor } from '../../../report/input/pdf';

const bytes = (s: string) => new TextEncoder().encode(s);
const SCAN = bytes('%PDF-1.4\n1 0 obj << /Type /XObject /Subtype /Image >> endobj\n');
const TEXT = bytes('%PDF-1.4\n1 0 obj << /Type /Font /Subtype /TrueType >> endobj\n');
const SURFACES: readonly PdfAdviceFor[] = ['cli', 'upload', 'taskPane'];
const COMMANDS = /nianbao|pdftotext|npx/;

test.each(SURFACES)('%s: a scan is told it has no text layer, a text PDF that it is not read directly', (surface) => {
  const scan = pdfMessage(SCAN, surface);
  const text = pdfMessage(TEXT, surface);
  expect(scan.zh).toMatch(/^这个 PDF 没有文字层（是扫描件或图片）/);
  expect(scan.en).toMatch(/^This PDF has no text layer/);
  expect(text.zh).toMatch(/^PDF 文件不能直接读取：/);
  expect(text.en).toMatch(/^PDF files are not read directly: /);
  for (const m of [scan, text]) expect([m.zh, m.en].every((s) => /[。.]$/.test(s))).toBe(true);
});

test('only the command line names commands; the upload names what to upload; the pane what to pick instead', () => {
  expect(pdfMessage(SCAN, 'cli').zh).toContain('npx nianbao template -o 年报.xlsx');
  expect(pdfMessage(TEXT, 'cli').en).toMatch(/pdftotext -layout.*nianbao import/);
  for (const surface of ['upload', 'taskPane'] as const)
    for (const pdf of [SCAN, TEXT]) {
      const m = pdfMessage(pdf, surface);
      expect(`${m.zh} ${m.en}`).not.toMatch(COMMANDS);
    }
  expect(pdfMessage(SCAN, 'upload').zh).toContain('请上传填好的年报模板（.xlsx）');
  expect(pdfMessage(TEXT, 'upload').en).toMatch(/upload the filled report template \(\.xlsx\), or the report’s Word/);
  expect(pdfMessage(SCAN, 'taskPane').zh).toContain('请改选上年年报的网页文字（.txt）');
  expect(pdfMessage(TEXT, 'taskPane').en).toMatch(/last year’s report .*select all on its published page/);
});

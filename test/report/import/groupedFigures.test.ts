/**
 * Figures printed with their thousands grouped (`1,881`, full-width `１，８８１`) read as the numbers they are, in text
 * and on web pages alike (report/import/normalize.ts ungrouped); anything that is not a grouping (`,1`, `1,88`,
 * `1,2345`) stays as written, for TYPE-INT to report.
 */
import { reportTitle } from '../../../report/format';
import { importHtml, importText } from '../../../report/import';
import { ungrouped } from '../../../report/import/normalize';
import { consistentReport } from '../../../harness/reports';
import { toFlatText, toHtml } from './serialise';

const report = consistentReport({ seed: 7, max: 3000 });
report.sections.overview = '本机关认真贯彻落实《条例》，全面推进政务公开。';
report.sections.problems = '主要问题：政策解读形式较为单一。改进措施：丰富解读形式。';
report.sections.other = '本年度未收取信息处理费。';
const title = reportTitle(report.agency!, report.year!);
const wrong = (values: Record<string, unknown>) => Object.entries(report.values).filter(([id, v]) => values[id] !== v);

test('the report has figures of four digits and more (the grouping below has something to group)', () => {
  expect(Object.values(report.values).filter((v) => typeof v === 'number' && v >= 1000).length).toBeGreaterThan(20);
});

test('a text copy with its figures grouped (half- and full-width commas) reads back cell for cell', () => {
  const text = toFlatText(report, { rowPerLine: true, spaced: false, halfWidth: false }, { title });
  let n = 0;
  const grouped = text.replace(/(?<=\| )(\d)(\d{3})(?= \|)/g, (_m, a: string, b: string) =>
    n++ % 2
      ? `${a},${b}`
      : `${String.fromCharCode(a.charCodeAt(0) + 0xfee0)}，${[...b].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('')}`,
  );
  expect(n).toBeGreaterThan(20);
  const read = importText(grouped);
  expect(read.findings.map((f) => f.rule)).toEqual([]);
  expect(wrong(read.report.values)).toEqual([]);
});

test('a web page with its figures grouped reads back cell for cell', () => {
  const html = toHtml(report, title).replace(/>(\d)(\d{3})</g, '>$1,$2<');
  const read = importHtml(html);
  expect(read.findings.map((f) => f.rule)).toEqual([]);
  expect(wrong(read.report.values)).toEqual([]);
});

test('only a true grouping is dropped', () => {
  expect(['1,881', '１，８８１', '12,345', '1,234,567', ' 2,000 '].map(ungrouped)).toEqual([
    '1881',
    '1881',
    '12345',
    '1234567',
    '2000',
  ]);
  for (const kept of [',1', '1,', '1,88', '1,2345', '12,34,567', '1.234', '1,234.5', '减1,000'])
    expect(ungrouped(kept)).toBe(kept);
});

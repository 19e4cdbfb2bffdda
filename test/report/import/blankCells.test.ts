/**
 * Blank cells in a text copy: a re-laid or Markdown table, or a tab-separated copy, shows a blank as an empty cell
 * between separators (`821 |  |  | 2 | 1 | 859`, as the re-laid examples write rows printed without figures). It is
 * read as blank where it makes its row whole — the report reads cell for cell and TYPE-BLANK asks for 0 — instead of
 * a row too short to place. Where the row is whole without them, empty cells are layout (a label's colspan drawn as
 * cells); a row short of a figure stays unplaced, never shifted into a blank.
 */
import { FORMAT_2021 } from '../../../report/format';
import { importText } from '../../../report/import';
import type { Report } from '../../../report/model/types';
import { validate } from '../../../report/rules';
import { consistentReport } from '../../../harness/reports';
import { redrawnRows, withPlainProse } from './serialise';

/** Blanks inside rows, at a row's end, in table 二 and across table 四's run, as published pages leave them. */
const BLANKS = [
  't2.rules.issued',
  't3.new.research',
  't3.new.nonprofit',
  't3.granted.total',
  't3.deniedSecret.business',
  't3.deniedSecret.research',
  't3.deniedSecret.nonprofit',
  't4.review.corrected',
  't4.review.other',
  't4.litigationAfterReview.total',
];

function withBlanks(seed: number): Report {
  const report = withPlainProse(consistentReport({ seed, max: 300 }));
  for (const id of BLANKS) report.values[id] = null;
  return report;
}

const tableCells = FORMAT_2021.cells.filter((c) => c.table !== '二' || c.kind !== 'fee');
const valuesOf = (r: Report) => Object.fromEntries(tableCells.map((c) => [c.id, r.values[c.id] ?? null]));

const DRAWINGS: Record<string, (cells: string[]) => string> = {
  're-laid, ` | ` between cells': (c) => c.join(' | '),
  're-laid with a closing ` |`': (c) => `${c.join(' | ')} |`,
  'Markdown, framed': (c) => `| ${c.join(' | ')} |`,
  'tab-separated (a spreadsheet or browser copy)': (c) => c.join('\t'),
  'box-drawing borders': (c) => `│ ${c.join(' │ ')} │`,
};

describe.each(Object.entries(DRAWINGS))('blank cells, %s', (_name, draw) => {
  it.each([1, 2, 3])('seed %i: every blank read as blank, every figure in its cell', (seed) => {
    const report = withBlanks(seed);
    const { report: back, findings } = importText(redrawnRows(report, draw));
    expect(valuesOf(back)).toEqual(valuesOf(report));
    expect(findings.filter((f) => f.rule === 'SHAPE-ROW')).toEqual([]);
    // The copy is judged as the report: the same findings (TYPE-BLANK's among them), nothing about reading it.
    const judged = (r: Report, read = findings) =>
      validate(r, { inputFindings: read }).map((f) => `${f.rule} ${f.message.zh}`);
    expect(judged(back)).toEqual(judged(report, []));
    expect(judged(back).filter((f) => f.startsWith('TYPE-BLANK')).length).toBeGreaterThan(3);
  });
});

describe('empty cells that are not blanks', () => {
  it("a label's colspan drawn as empty cells (`| 一、本年新收… |  |  | 3001 |`) is layout: the row reads whole", () => {
    const report = consistentReport({ seed: 4, max: 300 });
    const text = redrawnRows(report, (c) =>
      /^[一二三四]、/.test(c[0]!) ? `| ${c[0]} |  |  | ${c.slice(1).join(' | ')} |` : `| ${c.join(' | ')} |`,
    );
    expect(text).toMatch(/\| 一、本年新收政府信息公开申请数量 \| {2}\| {2}\| \d/);
    const { report: back, findings } = importText(text);
    expect(valuesOf(back)).toEqual(valuesOf(report));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it.each([
    ['every row closed by a separator (`a | b |`)', (c: string[]) => `${c.join(' | ')} |`],
    ['framed (`| a | b |`)', (c: string[]) => `| ${c.join(' | ')} |`],
  ])('%s: a row one figure short stays unplaced, not shifted into a blank', (_style, close) => {
    const report = consistentReport({ seed: 5, max: 300 });
    const granted = (c: string[]) => c.indexOf('（一）予以公开');
    const text = redrawnRows(report, (c) =>
      granted(c) >= 0 ? close([...c.slice(0, granted(c) + 1), ...c.slice(granted(c) + 2)]) : close(c),
    );
    const { report: back, findings } = importText(text);
    expect(findings.filter((f) => f.rule === 'SHAPE-ROW').map((f) => f.cells.map((c) => c.id))).toEqual([
      expect.arrayContaining(['t3.granted.natural']),
    ]);
    expect(FORMAT_2021.cells.filter((c) => c.rowKey === 'granted').map((c) => back.values[c.id] ?? null)).toEqual(
      Array(7).fill(null),
    );
  });
});

describe('hostile', () => {
  it('a row of 900,000 empty cells (1.8 MB) is read in linear time, its blanks no cells of any row', () => {
    const start = Date.now();
    const { report, findings } = importText(
      `三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | 1 ${'| '.repeat(900_000)}| 2`,
    );
    // ~1.2 s here on one core; a quadratic reading would take hours.
    expect(Date.now() - start).toBeLessThan(15_000);
    expect(report.values['t3.new.natural'] ?? null).toBeNull();
    expect(findings.some((f) => f.rule === 'SHAPE-ROW')).toBe(true);
  });
});

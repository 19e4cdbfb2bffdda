/**
 * Text tables with their borders drawn — Markdown (a delimiter row under each row), box-drawing characters
 * (`│` between cells, `├──┼──┤` between rows), ASCII borders (`+----+----+`), long rules between rows — import as
 * the same report: the lines that only draw the table are not cells (report/import/normalize.ts isRuleLine). A
 * short run of dashes stays a cell (a placeholder for nothing, reported by TYPE-INT), not a rule.
 */
import { importText } from '../../../report/import';
import { consistentReport } from '../../../harness/reports';
import { redrawnRows, withPlainProse } from './serialise';

function rowsOf(seed: number) {
  const report = withPlainProse(consistentReport({ seed, max: 300 }));
  return { report, redraw: (draw: (cells: string[]) => string[]) => redrawnRows(report, draw) };
}

const DRAWINGS: Record<string, (cells: string[]) => string[]> = {
  'Markdown, a delimiter row under each row': (c) => [`| ${c.join(' | ')} |`, `|${c.map(() => ' --- ').join('|')}|`],
  // (A one-column Markdown row needs its pipes.)
  'Markdown without outer pipes, aligned delimiters': (c) =>
    c.length > 1 ? [c.join(' | '), c.map(() => ':---:').join('|')] : [`| ${c[0]} |`, '|:---:|'],
  'box-drawing borders': (c) => [`│ ${c.join(' │ ')} │`, `├${c.map(() => '──────').join('┼')}┤`],
  'ASCII borders': (c) => [`| ${c.join(' | ')} |`, `+${c.map(() => '------').join('+')}+`],
  'long rules between rows': (c) => [c.join('\t'), '-'.repeat(24)],
};

describe.each(Object.entries(DRAWINGS))('%s', (_name, draw) => {
  test.each([1, 2, 3])('report %i reads back cell for cell, with nothing to say about its shape', (seed) => {
    const { report, redraw } = rowsOf(seed);
    const read = importText(redraw(draw));
    expect(read.findings.map((f) => f.rule)).toEqual([]);
    const wrong = Object.entries(report.values).filter(([id, v]) => read.report.values[id] !== v);
    expect(wrong).toEqual([]);
  });
});

test('a short run of dashes in a cell is a placeholder, not a rule: the cells after it keep their places', () => {
  const { report, redraw } = rowsOf(4);
  const id = 't3.new.natural';
  let replaced = false;
  const text = redraw((cells) => {
    if (!replaced && cells[0] === '一、本年新收政府信息公开申请数量') {
      replaced = true;
      return [`| ${[cells[0], '——', ...cells.slice(2)].join(' | ')} |`];
    }
    return [`| ${cells.join(' | ')} |`];
  });
  expect(replaced).toBe(true);
  const read = importText(text);
  expect(read.report.values[id]).toBe('——');
  const wrong = Object.entries(report.values).filter(([k, v]) => k !== id && read.report.values[k] !== v);
  expect(wrong).toEqual([]);
});

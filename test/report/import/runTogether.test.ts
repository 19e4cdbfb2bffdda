/**
 * A copy that runs a row's cells together leaves table 四's figures as one run of digits on their own line
 * (`000000000000000`, `315090000000000`): a run no count is written as (a leading 0, more than eight digits) holds
 * several cells, and is split by the table's sums as a run after a label is. A figure alone on its line (one cell a
 * line) stays one cell.
 */
import { FORMAT_2021 } from '../../../report/format';
import { importText } from '../../../report/import';
import type { Report } from '../../../report/model/types';
import { consistentReport } from '../../../harness/reports';
import { toFlatText } from './serialise';

const T4 = FORMAT_2021.cells.filter((c) => c.table === '四');

/** The report one row a line, table 四's figures run together on their line. */
function withTable4Run(report: Report): string {
  const lines = toFlatText(report, { rowPerLine: true, spaced: false, halfWidth: false }).split('\n');
  const figures = T4.map((c) => String(report.values[c.id])).join(' | ') + ' |';
  const at = lines.indexOf(figures);
  expect(at).toBeGreaterThan(0);
  lines[at] = T4.map((c) => String(report.values[c.id])).join('');
  return lines.join('\n');
}

function setTable4(report: Report, groups: number[][]) {
  FORMAT_2021.table4.groups.forEach((g, i) => {
    const [upheld, corrected, other, pending] = groups[i]!;
    Object.assign(report.values, {
      [`t4.${g.key}.upheld`]: upheld,
      [`t4.${g.key}.corrected`]: corrected,
      [`t4.${g.key}.other`]: other,
      [`t4.${g.key}.pending`]: pending,
      [`t4.${g.key}.total`]: upheld! + corrected! + other! + pending!,
    });
  });
}

describe('table 四 run together on its line', () => {
  it.each([
    [
      'nothing happened: 000000000000000',
      [
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ],
    ],
    [
      '3 1 5 0 9 | 0 … : 315090000000000',
      [
        [3, 1, 5, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ],
    ],
    [
      '1 0 0 0 1 | 2 0 0 0 2 | 0 … : 100012000200000',
      [
        [1, 0, 0, 0],
        [2, 0, 0, 0],
        [0, 0, 0, 0],
      ],
    ],
  ])('%s reads cell for cell', (_name, groups) => {
    const report = consistentReport({ seed: 2, max: 300 });
    setTable4(report, groups);
    const { report: back, findings } = importText(withTable4Run(report));
    expect(T4.map((c) => back.values[c.id])).toEqual(T4.map((c) => report.values[c.id]));
    expect(findings.filter((f) => f.rule === 'SHAPE-ROW')).toEqual([]);
  });

  it('a run its sums cannot split (the report is wrong) is left to a person: SHAPE-ROW, the original a candidate', () => {
    const report = consistentReport({ seed: 2, max: 300 });
    setTable4(report, [
      [10, 1, 0, 0],
      [0, 0, 0, 0],
      [5, 0, 0, 0],
    ]);
    report.values['t4.review.total'] = 0; // as 淮安市洪泽区's 2023 PDF prints it
    const { report: back, findings } = importText(withTable4Run(report));
    const shape = findings.filter((f) => f.rule === 'SHAPE-ROW');
    expect(shape).toHaveLength(1);
    expect(shape[0]!.repairs!.map((r) => r.values)).toContainEqual(
      Object.fromEntries(T4.map((c) => [c.id, report.values[c.id]])),
    );
    // The cells the candidates disagree on stay blank; none is guessed.
    expect(['upheld', 'corrected', 'other'].map((k) => back.values[`t4.review.${k}`] ?? null)).toEqual([
      null,
      null,
      null,
    ]);
  });
});

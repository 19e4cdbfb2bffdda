/**
 * The consolidated report: the sums of tables 二, 三, 四, a draft whose every figure is a claim the TEXT rules hold
 * against the sums, and CONSOLIDATION-DIFF naming each differing cell of a government's own report.
 */
import { consolidate, sumReports } from '../../../report/consolidate';
import { FORMAT_2021 } from '../../../report/format';
import { validate } from '../../../report/rules';
import { analyseProse } from '../../../report/rules/text';
import { consistentReport } from '../../functions/helpers';

function two() {
  const a = consistentReport(2021, '甲局');
  const b = consistentReport(2021, '乙局');
  Object.assign(b.values, { 't4.review.upheld': 1, 't4.review.total': 1, 't2.fees.amount': 0.1 });
  a.values['t2.fees.amount'] = 0.2;
  return [a, b];
}

test('every cell is the sum of the reports; fees without float noise; the result validates clean', () => {
  const reports = two();
  const sums = sumReports(reports, 2021);
  for (const c of FORMAT_2021.cells)
    expect(sums[c.id]).toBeCloseTo(
      reports.reduce((n, r) => n + ((r.values[c.id] as number) ?? 0), 0),
      9,
    );
  expect(sums['t2.fees.amount']).toBe(0.3);
  const report = consolidate('某市人民政府', 2021, reports);
  expect(report.agency).toBe('某市人民政府');
  expect(report.values['t3.new.total']).toBe(6);
  expect(validate(report)).toEqual([]);
});

test('each figure of the draft is held to its cells by TEXT-COUNT', () => {
  const report = consolidate('某市人民政府', 2021, two());
  const claims = analyseProse(report).claims.filter((c) => c.section === 'overview');
  expect(claims.map((c) => c.value)).toEqual([6, 0, 6, 0, 1, 0]);
  // Change the table under one figure at a time: the draft no longer agrees, and TEXT-COUNT says so.
  for (const id of ['t3.new.total', 't3.total.total', 't4.review.total']) {
    const changed = { ...report, values: { ...report.values, [id]: (report.values[id] as number) + 5 } };
    expect(validate(changed).some((f) => f.rule === 'TEXT-COUNT')).toBe(true);
  }
});

test('CONSOLIDATION-DIFF names each cell of the own report that differs from the sums, with both figures', () => {
  const reports = two();
  const sums = { values: sumReports(reports, 2021), reports: 2 };
  const own = consolidate('某市人民政府', 2021, reports);
  own.sections.overview = '2021年，本级依法做好政府信息公开工作。';
  expect(validate(own, { consolidated: sums }).filter((f) => f.rule === 'CONSOLIDATION-DIFF')).toEqual([]);
  own.values['t2.normative.issued'] = 9;
  const diff = validate(own, { consolidated: sums }).filter((f) => f.rule === 'CONSOLIDATION-DIFF');
  expect(diff).toHaveLength(1);
  expect(diff[0]!.cells.map((c) => c.id)).toEqual(['t2.normative.issued']);
  expect(diff[0]!.message.zh).toBe('表二「行政规范性文件」行「本年制发件数」列为 9，而 2 个机关已通过的年报合计为 2。');
  // Without the sums (the CLI, the task pane), or with none accepted, the rule does not run.
  expect(validate(own).some((f) => f.rule === 'CONSOLIDATION-DIFF')).toBe(false);
  expect(validate(own, { consolidated: { values: {}, reports: 0 } }).some((f) => f.rule === 'CONSOLIDATION-DIFF')).toBe(
    false,
  );
});

/** The seed (益阳市人社局 2021, flattened text): what the importer reads from it, and what it reports. */
import { FORMAT_2021, cellId } from '../../../report/format';
import { importText } from '../../../report/import';
import type { Report } from '../../../report/model/types';
import { RULE_BY_CODE, validate } from '../../../report/rules';
import { example } from './serialise';

const seed = example('yiyang-hrss-2021.txt');
const { report, findings } = importText(seed, { year: 2021 });
const t4Ids = FORMAT_2021.cells.filter((c) => c.table === '四').map((c) => c.id);

describe('the seed, flattened text', () => {
  it('imports as the 2021 format with the year from the options (the text has no title)', () => {
    expect(report.format).toBe('2021');
    expect(report.year).toBe(2021);
    expect(report.agency).toBeNull();
    expect(importText(seed, { year: 2021, agency: '益阳市人力资源和社会保障局' }).report.agency).toBe(
      '益阳市人力资源和社会保障局',
    );
  });

  it('reads table 二, the fee staying the number as written', () => {
    const v = report.values;
    expect([v['t2.normative.issued'], v['t2.normative.repealed'], v['t2.normative.inForce']]).toEqual([1, 0, 16]);
    expect([v['t2.rules.issued'], v['t2.rules.repealed'], v['t2.rules.inForce']]).toEqual([0, 0, 0]);
    expect(v['t2.license.decisions']).toBe(4);
    expect(v['t2.penalty.decisions']).toBe(3);
    expect(v['t2.coercion.decisions']).toBe(0);
    expect(v['t2.fees.amount']).toBe(8.97723);
  });

  it('reads every value of table 三: 一 总计 1, （一）予以公开 1, （七）总计 1, the rest 0', () => {
    const ones = new Set(
      ['new', 'granted', 'total'].flatMap((row) => [cellId('三', row, 'natural'), cellId('三', row, 'total')]),
    );
    const t3 = FORMAT_2021.cells.filter((c) => c.table === '三');
    expect(t3).toHaveLength(175);
    for (const c of t3) expect([c.id, report.values[c.id]]).toEqual([c.id, ones.has(c.id) ? 1 : 0]);
  });

  it('keeps the prose of 一、五、六, sub-headings and 一是… inside their section', () => {
    const { overview, problems, other } = report.sections;
    expect(overview?.split('\n')).toHaveLength(3);
    expect(overview).toMatch(/^\(一\)深化组织领导。/);
    expect(overview).toContain('(三)深化网站建设。一是主动公开信息。');
    expect(problems).toMatch(/^2021年,我局的政府信息公开工作取得良好成效/);
    expect(problems).toContain('下一步,我局将重点抓好以下工作:一是');
    expect(other).toBe('全年共受理市长热线816件、市长(局长)信箱信件405件,全部在规定时限内予以回复。');
    expect(report.preamble).toBeNull();
  });

  it('reports only the broken table 四 row: no section, label or version finding', () => {
    expect(findings.map((f) => f.rule)).toEqual(['SHAPE-ROW']);
  });
});

describe('the seed’s table 四 row of 14 cells starting with “,1”', () => {
  const shape = findings.find((f) => f.rule === 'SHAPE-ROW')!;

  it('is a SHAPE-ROW error naming the 15 cells in official terms, left blank in the model', () => {
    expect(shape.severity).toBe('error');
    expect(shape.severity).toBe(RULE_BY_CODE.get('SHAPE-ROW')!.severity);
    expect(shape.cells.map((c) => c.id)).toEqual(t4Ids);
    expect(shape.cells[0]).toEqual({ id: 't4.review.upheld', table: '四', row: '行政复议', column: '结果维持' });
    expect(shape.cells[5]).toMatchObject({ row: '未经复议直接起诉', column: '结果维持' });
    expect(shape.message.zh).toContain('14');
    expect(shape.message.zh).toContain(',1');
    expect(shape.message.en).toContain('15 cells');
    expect(shape.section).toBe('review');
    for (const id of t4Ids) expect(report.values[id]).toBeNull();
  });

  it('offers exactly the distinct repairs that make all three groups add up, the comma’s reading first', () => {
    const row = (review: number[], direct: number[], after: number[]) =>
      Object.fromEntries(t4Ids.map((id, i) => [id, [...review, ...direct, ...after][i]]));
    expect(shape.repairs!.map((r) => r.values)).toEqual([
      // a lost cell before “,1” (the comma marks it): 结果维持 0, 结果纠正 1
      row([0, 1, 0, 0, 1], [1, 0, 0, 0, 1], [2, 0, 0, 0, 2]),
      // a lost 0 in 结果纠正, 其他结果 or 尚未审结 (one candidate: the same figures)
      row([1, 0, 0, 0, 1], [1, 0, 0, 0, 1], [2, 0, 0, 0, 2]),
      // a lost 总计 of 2
      row([1, 0, 0, 1, 2], [1, 0, 0, 0, 1], [2, 0, 0, 0, 2]),
    ]);
  });

  it('describes each repair in Chinese and English', () => {
    for (const r of shape.repairs!) {
      expect(r.description.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.description.en).toMatch(/^Suppose cell \d+ \(/);
    }
    expect(shape.repairs![0]!.description.zh).toContain('「,1」');
    expect(shape.repairs![0]!.description.en).toContain('the separator in “,1”');
  });

  it('each repair satisfies T4-GROUP-SUM in the engine, and applying none leaves the row unchecked', () => {
    const t4Sum = [RULE_BY_CODE.get('T4-GROUP-SUM')!];
    for (const r of shape.repairs!) {
      const repaired: Report = { ...report, values: { ...report.values, ...r.values } };
      expect(validate(repaired, { rules: t4Sum })).toEqual([]);
    }
    // The check can fail: the figures as read, shifted by the lost cell, break the first group.
    const asRead = [1, 0, 0, 1, 1, 0, 0, 0, 1, 2, 0, 0, 0, 2, 0];
    const shifted: Report = {
      ...report,
      values: { ...report.values, ...Object.fromEntries(t4Ids.map((id, i) => [id, asRead[i]!])) },
    };
    expect(validate(shifted, { rules: t4Sum }).map((f) => f.rule)).toContain('T4-GROUP-SUM');
  });

  it('validate with the input findings: no T3 finding, SHAPE-ROW once, table 四 not reported blank again', () => {
    const all = validate(report, { inputFindings: findings });
    expect(all.filter((f) => f.rule.startsWith('T3-'))).toEqual([]);
    expect(all.filter((f) => f.rule === 'SHAPE-ROW')).toHaveLength(1);
    expect(all.filter((f) => f.rule === 'TYPE-BLANK' && f.cells.some((c) => c.table === '四'))).toEqual([]);
    expect(all.map((f) => f.rule)).toContain('TYPE-FEE');
  });
});

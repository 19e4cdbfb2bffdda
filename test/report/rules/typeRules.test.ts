import { FORMAT_2019, FORMAT_2021 } from '../../../report/format';
import type { Report } from '../../../report/model/types';
import { validate } from '../../../report/rules';
import { consistentReport } from '../../../harness/reports';

const of = (r: Report, rule: string) => validate(r).filter((f) => f.rule === rule);

describe('value types (TYPE-*)', () => {
  it('TYPE-INT: text, decimals and negatives in counts are errors; whole numbers pass', () => {
    expect(of(consistentReport(), 'TYPE-INT')).toEqual([]);
    for (const [value, says] of [
      ['减4', '「减4」不是数字'],
      ['/', '「/」不是数字'],
      ['无', '「无」不是数字'],
      ['—', '「—」不是数字'],
      [',1', '「,1」不是数字'],
      [1.5, '1.5 不是整数'],
      [-2, '-2 为负数'],
    ] as const) {
      const r = consistentReport();
      r.values['t4.review.upheld'] = value;
      const f = of(r, 'TYPE-INT');
      expect(f).toHaveLength(1);
      expect(f[0]!.severity).toBe('error');
      expect(f[0]!.message.zh).toContain(says);
      expect(f[0]!.cells).toEqual([{ id: 't4.review.upheld', table: '四', row: '行政复议', column: '结果维持' }]);
    }
    const t2 = consistentReport();
    t2.values['t2.license.decisions'] = '若干';
    expect(of(t2, 'TYPE-INT')[0]!.cells[0]).toMatchObject({ table: '二', row: '行政许可', column: '本年处理决定数量' });
  });

  it('TYPE-INT: a count over 10,000,000 is an error naming its cell; 1e308 in every count cell is one error each', () => {
    const r = consistentReport();
    r.values['t3.new.natural'] = 10_000_000;
    expect(of(r, 'TYPE-INT')).toEqual([]);
    r.values['t3.new.natural'] = 10_000_001;
    const f = of(r, 'TYPE-INT');
    expect(f).toHaveLength(1);
    expect(f[0]!.message.zh).toContain('10000001 超过 10,000,000');
    expect(f[0]!.cells).toEqual([
      { id: 't3.new.natural', table: '三', row: '一、本年新收政府信息公开申请数量', column: '自然人' },
    ]);
    const huge = consistentReport();
    const counts = FORMAT_2021.cells.filter((c) => c.kind === 'count');
    for (const c of counts) huge.values[c.id] = 1e308;
    const all = of(huge, 'TYPE-INT');
    expect(all.map((x) => x.cells[0]!.id)).toEqual(counts.map((c) => c.id));
    expect(all.find((x) => x.cells[0]!.table === '三')!.message.en).toContain('1.00e+308 is over 10,000,000');
    expect(all.find((x) => x.cells[0]!.table === '二')!.message.en).toContain('1.00e+308 is over 1,000,000,000');
  });

  it("TYPE-INT: table 二 counts a region's decisions — tens of millions pass, over a thousand million do not", () => {
    const r = consistentReport();
    // A large city's 全市 report: 11,398,889 行政许可 and 6,937,489 行政处罚 in a year.
    r.values['t2.license.decisions'] = 11_398_889;
    r.values['t2.penalty.decisions'] = 6_937_489;
    expect(of(r, 'TYPE-INT')).toEqual([]);
    r.values['t2.license.decisions'] = 1_000_000_001;
    const f = of(r, 'TYPE-INT');
    expect(f.map((x) => x.cells[0]!.id)).toEqual(['t2.license.decisions']);
    expect(f[0]!.message.zh).toContain('1000000001 超过 1,000,000,000');
  });

  it('TYPE-INT: the 2019 本年增/减 may be negative, but not a fraction', () => {
    const r = consistentReport({ format: '2019' });
    r.values['t2.license.change'] = -3;
    expect(of(r, 'TYPE-INT')).toEqual([]);
    r.values['t2.license.change'] = -3.5;
    expect(of(r, 'TYPE-INT')).toHaveLength(1);
    expect(FORMAT_2019.cellById.get('t2.license.change')!.column).toBe('本年增/减');
  });

  it('TYPE-BLANK: blanks are warnings per row; a blank 总计 in a row with values is an error; a blank table is one warning', () => {
    const r = consistentReport();
    r.values['t3.granted.research'] = null;
    r.values['t3.granted.legal'] = null;
    let f = of(r, 'TYPE-BLANK');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.message.zh).toContain('「（一）予以公开」行有 2 个空白单元格（科研机构、法律服务机构）');
    r.values['t3.granted.total'] = null;
    f = of(r, 'TYPE-BLANK');
    expect(f.map((x) => x.severity).sort()).toEqual(['error', 'warning']);
    expect(f.find((x) => x.severity === 'error')!.cells).toEqual([
      { id: 't3.granted.total', table: '三', row: '（一）予以公开', column: '总计' },
    ]);
    const blank4 = consistentReport();
    for (const id of Object.keys(blank4.values)) if (id.startsWith('t4.')) blank4.values[id] = null;
    f = of(blank4, 'TYPE-BLANK');
    expect(f).toHaveLength(1);
    expect(f[0]!.message.zh).toContain('表四尚未填写');
  });

  it('TYPE-FEE: more than 4 decimals, a unit in the cell, text and negatives are warnings; a 元-sized figure a hint', () => {
    expect(of(consistentReport(), 'TYPE-FEE')).toEqual([]);
    const cases: [number | string, string, string][] = [
      [8.97723, '有 5 位小数', 'warning'],
      ['251000元', '单元格中写了单位', 'warning'],
      // A large city's fees run to 31 亿元 (316441 万元): size alone is a question, not a fault.
      [251000, '请确认是否误按“元”填写', 'info'],
      [316441, '请确认是否误按“元”填写', 'info'],
      ['未统计', '不是数字', 'warning'],
      [-1, '为负数', 'warning'],
    ];
    for (const [value, says, severity] of cases) {
      const r = consistentReport();
      r.values['t2.fees.amount'] = value;
      const f = of(r, 'TYPE-FEE');
      expect(f).toHaveLength(1);
      expect(f[0]!.severity).toBe(severity);
      expect(f[0]!.message.zh).toContain(says);
      expect(f[0]!.cells[0]).toMatchObject({
        table: '二',
        row: '行政事业性收费',
        column: '本年收费金额（单位：万元）',
      });
    }
    const ok = consistentReport();
    ok.values['t2.fees.amount'] = 8.9772;
    expect(of(ok, 'TYPE-FEE')).toEqual([]);
  });
});

describe('T4-SCOPE and FORMAT-VERSION', () => {
  it('T4-SCOPE: reviews far above the applications handled are a warning', () => {
    const r = consistentReport({ seed: 11 });
    const apps = (r.values['t3.new.total'] as number) + (r.values['t3.carried.total'] as number);
    r.values['t4.review.pending'] = 2 * apps + 10;
    r.values['t4.review.total'] =
      (r.values['t4.review.upheld'] as number) +
      (r.values['t4.review.corrected'] as number) +
      (r.values['t4.review.other'] as number) +
      2 * apps +
      10;
    const f = of(r, 'T4-SCOPE');
    expect(f).toHaveLength(1);
    expect(f[0]!.message.zh).toContain('行政复议');
    expect(of(consistentReport({ seed: 11 }), 'T4-SCOPE')).toEqual([]);
  });

  it('FORMAT-VERSION: a 2021-or-later report in the 2019 format is an error; a 2020 one is not', () => {
    const r = consistentReport({ format: '2019', year: 2022 });
    expect(of(r, 'FORMAT-VERSION')).toHaveLength(1);
    expect(of(r, 'FORMAT-VERSION')[0]!.severity).toBe('error');
    expect(of(consistentReport({ format: '2019', year: 2020 }), 'FORMAT-VERSION')).toEqual([]);
  });

  it('FORMAT-SECTIONS: an empty prose section is a missing section; a reader’s own finding is not said twice', () => {
    const r = consistentReport();
    r.sections.problems = '  ';
    const f = of(r, 'FORMAT-SECTIONS');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', section: 'problems' });
    expect(f[0]!.message.zh).toContain('五、存在的主要问题及改进情况');
    const fromReader = {
      rule: 'FORMAT-SECTIONS',
      severity: 'error' as const,
      message: { zh: '缺少「五、存在的主要问题及改进情况」', en: 'missing' },
      cells: [],
      section: 'problems' as const,
    };
    const merged = validate(r, { inputFindings: [fromReader] }).filter((x) => x.rule === 'FORMAT-SECTIONS');
    expect(merged).toEqual([fromReader]);
  });
});

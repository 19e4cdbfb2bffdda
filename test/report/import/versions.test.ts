/** Format versions: the 2019 trial format, a 2021 report in the old format, and a mix of both. */
import { FORMAT_2019, FORMAT_2021, cellId } from '../../../report/format';
import { importText } from '../../../report/import';
import { applyRepairs } from '../../../report/import/applyRepairs';
import { versionMarkers } from '../../../report/import/labels';
import { labelKey } from '../../../report/import/normalize';
import { validate } from '../../../report/rules';
import { consistentReport } from '../../../harness/reports';
import { example, fixture, toFlatText } from './serialise';

const trial = fixture('trial-2019.txt');

describe('a report in the 2019 trial format', () => {
  const { report, findings } = importText(trial);

  it('imports as format 2019 with agency and year from its title, and no findings', () => {
    expect(report.format).toBe('2019');
    expect(report.agency).toBe('某县交通运输局');
    expect(report.year).toBe(2020);
    expect(report.preamble).toContain('统计期限自2020年1月1日起至2020年12月31日止');
    expect(findings).toEqual([]);
  });

  it('has （六）其他处理 as one row with figures of its own (no sub-rows)', () => {
    const other = FORMAT_2019.cells
      .filter((c) => c.rowKey === 'other' && c.table === '三')
      .map((c) => report.values[c.id]);
    expect(other).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(Object.keys(report.values).some((k) => k.startsWith('t3.otherMisc'))).toBe(false);
    expect(report.values['t3.total.total']).toBe(7);
  });

  it('reads the trial table 二, 本年增/减 negative where it fell', () => {
    expect(report.values['t2.license.change']).toBe(-2);
    expect(report.values['t2.coercion.change']).toBe(-1);
    expect(report.values['t2.normative.total']).toBe(11);
    expect(report.values['t2.procurement.amount']).toBe(36.5);
  });

  it('validates clean: negative 本年增/减 is allowed, the tables add up, the format fits 2020', () => {
    const all = validate(report, { inputFindings: findings });
    expect(all.filter((f) => f.severity === 'error')).toEqual([]);
    expect(all.map((f) => f.rule)).not.toContain('TYPE-INT');
  });
});

describe('a 2021 report in the 2019 format', () => {
  const { report, findings } = importText(trial, { year: 2021 });

  it('keeps the format it is written in; the engine, not the importer, reports FORMAT-VERSION', () => {
    expect(report.format).toBe('2019');
    expect(report.year).toBe(2021);
    expect(findings.map((f) => f.rule)).not.toContain('FORMAT-VERSION');
    const version = validate(report, { inputFindings: findings }).filter((f) => f.rule === 'FORMAT-VERSION');
    expect(version).toHaveLength(1);
    expect(version[0]!.severity).toBe('error');
  });
});

describe('a mix of both formats', () => {
  // The seed (2021) with its first block's columns in the trial wording.
  const mixed = example('yiyang-hrss-2021.txt')
    .replace('本年制发件数 |', '本年新制作数量 |')
    .replace('本年废止件数 |', '本年新公开数量 |')
    .replace('现行有效件数 |', '对外公开总数量 |');

  it('is a FORMAT-VERSION error from the importer, naming the markers of each', () => {
    const { report, findings } = importText(mixed, { year: 2021 });
    const version = findings.filter((f) => f.rule === 'FORMAT-VERSION');
    expect(version).toHaveLength(1);
    expect(version[0]!.severity).toBe('error');
    expect(version[0]!.message.zh).toContain('本年新制作数量');
    expect(version[0]!.message.zh).toContain('本年处理决定数量');
    expect(report.format).toBe('2021');
    // Read as the format of its year: the 2021 rows the trial columns head still carry their figures.
    expect(report.values['t2.normative.inForce']).toBe(16);
    expect(report.values['t3.total.total']).toBe(1);
  });

  it('without a year, the version with more markers decides', () => {
    expect(importText(mixed).report.format).toBe('2021');
  });
});

describe('a 2021 report carrying the 2019 single （六）其他处理 row', () => {
  const COLS = FORMAT_2021.table3.columns.map((c) => c.key);
  const ITEMS = ['otherNoCorrection', 'otherUnpaid', 'otherMisc'];
  // Seeds whose three （六） items are not all zero: the old row then carries figures of its own.
  const cases = [3, 5, 8].map((seed) => {
    const original = consistentReport({ seed, format: '2021', year: 2022, max: 4 });
    const sums = COLS.map((c) => ITEMS.reduce((a, row) => a + (original.values[cellId('三', row, c)] as number), 0));
    const lines = toFlatText(original, { rowPerLine: true, spaced: false, halfWidth: false }).split('\n');
    const first = lines.findIndex((l) => l.startsWith('（六）其他处理 | 1.'));
    expect(lines[first + 2]).toMatch(/^3\.其他 \|/);
    const oldRow = `（六）其他处理 | ${sums.join(' | ')} |`;
    const text = [...lines.slice(0, first), oldRow, ...lines.slice(first + 3)].join('\n');
    return { seed, original, sums, text };
  });

  it.each(cases)('seed $seed: FORMAT-VERSION names the row; its items stay blank until a person confirms', (c) => {
    expect(c.sums.some((v) => v > 0)).toBe(true);
    const { report, findings } = importText(c.text, { year: 2022 });
    expect(report.format).toBe('2021');
    const version = findings.filter((f) => f.rule === 'FORMAT-VERSION');
    expect(version).toHaveLength(1);
    expect(version[0]!.severity).toBe('error');
    expect(version[0]!.message.zh).toContain('「（六）其他处理」按2019年试行格式填为一行');
    expect(version[0]!.message.zh).toContain(c.sums.join(' '));
    const itemIds = ITEMS.flatMap((row) => COLS.map((col) => cellId('三', row, col)));
    expect(version[0]!.cells.map((x) => x.id).sort()).toEqual([...itemIds].sort());
    for (const id of itemIds) expect([id, report.values[id]]).toEqual([id, null]);
    // The figures elsewhere are read; the sums over the blank items are not judged (no T3 error from them).
    expect(report.values['t3.total.total']).toBe(c.original.values['t3.total.total']);
    const errors = validate(report, { inputFindings: findings }).filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.rule)).toEqual(['FORMAT-VERSION']);
  });

  it.each(cases)('seed $seed: its repair reads the 7 figures into 3.其他, the other items 0, and validates', (c) => {
    const { report, findings } = importText(c.text, { year: 2022 });
    const repair = findings.find((f) => f.rule === 'FORMAT-VERSION')!.repairs!;
    expect(repair.map((r) => r.id)).toEqual(['R1']);
    const { report: repaired, findings: left, unknown } = applyRepairs(report, findings, ['r1']);
    expect(unknown).toEqual([]);
    expect(left.map((f) => f.rule)).not.toContain('FORMAT-VERSION');
    COLS.forEach((col, k) => {
      expect(repaired.values[cellId('三', 'otherMisc', col)]).toBe(c.sums[k]);
      expect(repaired.values[cellId('三', 'otherNoCorrection', col)]).toBe(0);
      expect(repaired.values[cellId('三', 'otherUnpaid', col)]).toBe(0);
    });
    const errors = validate(repaired, { inputFindings: left }).filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
  });
});

describe('where nothing marks the version', () => {
  const bare = '一、总体情况\n本年度无变化。\n';

  it('the year decides (formatForYear), else 2021', () => {
    expect(importText(bare, { year: 2020 }).report.format).toBe('2019');
    expect(importText(bare, { year: 2022 }).report.format).toBe('2021');
    expect(importText(bare).report.format).toBe('2021');
  });
});

describe('the version markers are derived from the format data', () => {
  const markers = versionMarkers();
  const version = (label: string) => markers.get(labelKey(label))?.version;

  it('the markers of docs/domain/FORMAT.md', () => {
    for (const m of ['本年新制作数量', '上一年项目数量', '本年增/减', '第二十条第（九）项'])
      expect([m, version(m)]).toEqual([m, '2019']);
    for (const m of [
      '本年制发件数',
      '本年处理决定数量',
      '本年收费金额（单位：万元）',
      '3.其他',
      '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    ])
      expect([m, version(m)]).toEqual([m, '2021']);
  });

  it('but not what both formats have, nor row labels that drift (规范性文件)', () => {
    for (const m of ['第二十条第（一）项', '行政许可', '（六）其他处理', '规范性文件', '行政规范性文件', '信息内容']) {
      expect([m, version(m)]).toEqual([m, undefined]);
    }
  });
});

describe('options', () => {
  it('override the title; an empty agency or a non-year says nothing', () => {
    expect(importText(trial, { year: 2019, agency: '某县交通局' }).report).toMatchObject({
      year: 2019,
      agency: '某县交通局',
      format: '2019',
    });
    expect(importText(trial, { year: Number.NaN, agency: ' ' }).report).toMatchObject({
      year: 2020,
      agency: '某县交通运输局',
    });
  });
});

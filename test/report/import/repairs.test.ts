/** SHAPE-ROW repairs for table 三 rows: candidates from the row sum, confirmed by the column sums and balance. */
import { FORMAT_2021, cellId } from '../../../report/format';
import { importText } from '../../../report/import';
import { proposeRepairs } from '../../../report/import/repairs';
import { rowSpecs } from '../../../report/import/tables';
import type { Finding, Report } from '../../../report/model/types';
import { RULE_BY_CODE, validate } from '../../../report/rules';
import { consistentReport } from '../../../harness/reports';
import { toFlatText } from './serialise';

const T3_EQUALITIES = ['T3-ROW-SUM', 'T3-RESULT-SUM', 'T3-BALANCE'].map((c) => RULE_BY_CODE.get(c)!);
const COLS = FORMAT_2021.table3.columns.map((c) => c.key);

/** A consistent report (its （一） row 4 3 4 3 0 0 14, its 四 row 1 0 2 0 2 1 6) as flattened text, one cell a line. */
function base(): { report: Report; lines: string[] } {
  const report = consistentReport({ seed: 12, format: '2021', year: 2022, max: 4 });
  const lines = toFlatText(report, { rowPerLine: false, spaced: false, halfWidth: true }).split('\n');
  return { report, lines };
}

/** The line index of the k-th value after a row's label. */
function valueLine(lines: string[], label: string, k: number): number {
  const at = lines.findIndex((l) => l.startsWith(label));
  expect(at).toBeGreaterThan(0);
  return at + 1 + k;
}

function shapeOf(findings: Finding[], rowKey: string): Finding | undefined {
  return findings.find((f) => f.rule === 'SHAPE-ROW' && f.cells.some((c) => c.id === cellId('三', rowKey, 'total')));
}

function apply(report: Report, values: Record<string, number | null>): Report {
  return { ...report, values: { ...report.values, ...values } };
}

describe('a table 三 row that lost a cell', () => {
  const { report: original, lines } = base();
  // Drop 商业企业 of （一）予以公开.
  const i = valueLine(lines, '(一)予以公开', 1);
  const text = [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
  const { report, findings } = importText(text, { year: 2022 });
  const shape = shapeOf(findings, 'granted')!;
  const rowIds = COLS.map((c) => cellId('三', 'granted', c));

  it('is a SHAPE-ROW error; the row is left blank; every other row is read', () => {
    expect(shape.severity).toBe('error');
    expect(shape.cells.map((c) => c.id)).toEqual(rowIds);
    for (const id of rowIds) expect(report.values[id]).toBeNull();
    for (const c of FORMAT_2021.cells)
      if (!rowIds.includes(c.id)) expect([c.id, report.values[c.id]]).toEqual([c.id, original.values[c.id]]);
  });

  it('offers the original among its repairs; each satisfies the row sum, the column sums and the balance', () => {
    expect(shape.repairs!.length).toBeGreaterThan(0);
    const truth = Object.fromEntries(rowIds.map((id) => [id, original.values[id] as number]));
    expect(shape.repairs!.map((r) => r.values)).toContainEqual(truth);
    for (const r of shape.repairs!) expect(validate(apply(report, r.values), { rules: T3_EQUALITIES })).toEqual([]);
  });

  it('the column sums narrow the candidates down to the original, where the row sum alone allows several', () => {
    const read = rowIds.map((id) => original.values[id] as number).filter((_, k) => k !== 1);
    const byRowSum = new Set<string>();
    for (let p = 0; p < 7; p++) {
      const row = [...read.slice(0, p), NaN, ...read.slice(p)];
      const parts = row.slice(0, 6);
      row[p] =
        p === 6
          ? parts.reduce((a, b) => a + b, 0)
          : row[6]! - parts.filter((_, k) => k !== p).reduce((a, b) => a + b, 0);
      if (row[p]! >= 0) byRowSum.add(row.join());
    }
    expect(byRowSum.size).toBeGreaterThan(1);
    expect(shape.repairs).toHaveLength(1);
  });
});

describe('a table 三 row with a spurious extra cell', () => {
  const { report: original, lines } = base();
  const i = valueLine(lines, '四、结转下年度继续办理', 2);
  const text = [...lines.slice(0, i), lines[i]!, ...lines.slice(i)].join('\n');
  const { findings } = importText(text, { year: 2022 });
  const shape = shapeOf(findings, 'carryOver')!;

  it('offers dropping the repeated cell: dropping the other 2 adds up in the row but breaks the balance', () => {
    expect(shape.message.zh).toContain('实际读到 8 个');
    const truth = Object.fromEntries(
      COLS.map((c) => [cellId('三', 'carryOver', c), original.values[cellId('三', 'carryOver', c)] as number]),
    );
    expect(shape.repairs!.map((r) => r.values)).toEqual([truth]);
    expect(validate(apply(original, truth), { rules: T3_EQUALITIES })).toEqual([]);
    expect(shape.repairs![0]!.description.en).toMatch(/^Suppose the \d+(st|nd|rd|th) cell read/);
  });
});

describe('a row given twice with different figures', () => {
  const { report: original, lines } = base();
  const at = lines.findIndex((l) => l.startsWith('二、上年结转'));
  const copy = lines.slice(at, at + 8).map((l, k) => (k === 1 ? `${Number(l.replace(' |', '')) + 1} |` : l));
  const text = [...lines.slice(0, at + 8), ...copy, ...lines.slice(at + 8)].join('\n');
  const { report, findings } = importText(text, { year: 2022 });
  const shape = shapeOf(findings, 'carried')!;

  it('is not resolved silently: SHAPE-ROW, blank row, the reading that adds up offered', () => {
    expect(shape.message.zh).toContain('出现 2 次且数值不一致');
    expect(report.values[cellId('三', 'carried', 'total')]).toBeNull();
    const truth = Object.fromEntries(
      COLS.map((c) => [cellId('三', 'carried', c), original.values[cellId('三', 'carried', c)] as number]),
    );
    expect(shape.repairs!.map((r) => r.values)).toEqual([truth]);
  });
});

describe('a row that lost two cells', () => {
  const { lines } = base();
  const i = valueLine(lines, '(七)总计', 0);
  const text = [...lines.slice(0, i), ...lines.slice(i + 2)].join('\n');
  const shape = shapeOf(importText(text, { year: 2022 }).findings, 'total')!;

  it('offers no guess: the sums do not determine two cells', () => {
    expect(shape.repairs).toEqual([]);
    expect(shape.message.en).toContain('enter the figures from the original');
  });
});

describe('ranking: the separator left by a lost empty cell points at its place', () => {
  const spec = rowSpecs(FORMAT_2021).find((s) => s.key === '三|partial')!;
  // 自然人 2, 商业企业 “1,”, then a cell lost, then 0 0 0, 总计 3; nothing else known (only the row sum checks).
  const repairs = proposeRepairs(
    FORMAT_2021,
    spec,
    [{ texts: ['2', '1,', '0', '0', '0', '3'], glued: [], excerpt: '' }],
    {},
  );
  const rows = repairs.map((r) => spec.ids.map((id) => r.values[id]));

  it('offers the distinct candidates the row sum allows, the marked place first, then by position', () => {
    expect(rows).toEqual([
      [2, 1, 0, 0, 0, 0, 3], // lost after “1,”
      [0, 2, 1, 0, 0, 0, 3], // lost first
      [2, 0, 1, 0, 0, 0, 3], // lost second
      [2, 1, 0, 0, 0, 3, 6], // lost 总计
    ]);
    expect(repairs[0]!.description.zh).toContain('「1,」中的分隔符');
    expect(repairs[0]!.description.zh).toContain('「1,」按 1 读取');
  });
});

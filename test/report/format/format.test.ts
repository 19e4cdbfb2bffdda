import { FORMAT_2019, FORMAT_2021, FORMATS, formatForYear, reportTitle } from '../../../report/format';
import { tableGrids } from '../../../report/format/grid';

describe('the formats as data', () => {
  it('2021: table 二 has 10 cells, table 三 25 rows × 7, table 四 15 cells', () => {
    const count = (t: string) => FORMAT_2021.cells.filter((c) => c.table === t).length;
    expect(count('二')).toBe(10);
    expect(FORMAT_2021.table3.rows.filter((r) => r.hasValues)).toHaveLength(25);
    expect(count('三')).toBe(25 * 7);
    expect(count('四')).toBe(15);
  });

  it('2019: （六）其他处理 is one row (23 rows of numbers) and table 二 has the trial blocks', () => {
    expect(FORMAT_2019.table3.rows.filter((r) => r.hasValues)).toHaveLength(23);
    expect(FORMAT_2019.table2.map((b) => b.heading)).toEqual([
      '第二十条第（一）项',
      '第二十条第（五）项',
      '第二十条第（六）项',
      '第二十条第（八）项',
      '第二十条第（九）项',
    ]);
    expect(FORMAT_2019.cellById.get('t2.license.change')?.kind).toBe('signedCount');
  });

  it('labels are verbatim, with full-width punctuation', () => {
    const labels = FORMAT_2021.table3.rows.map((r) => r.label);
    expect(labels).toContain('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(labels).toContain('3.危及“三安全一稳定”');
    expect(FORMAT_2021.table3.note).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(FORMAT_2021.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    for (const c of FORMAT_2021.cells) expect(c.row + c.column).not.toMatch(/[(),:]/);
  });

  it('every cell id is unique and names its table, row and column', () => {
    for (const f of Object.values(FORMATS)) {
      expect(new Set(f.cells.map((c) => c.id)).size).toBe(f.cells.length);
      for (const c of f.cells) expect(c.id).toBe(`t${{ 二: 2, 三: 3, 四: 4 }[c.table]}.${c.rowKey}.${c.colKey}`);
    }
  });

  it('the year decides the format; the title follows the official pattern', () => {
    expect(formatForYear(2020).version).toBe('2019');
    expect(formatForYear(2021).version).toBe('2021');
    expect(reportTitle('益阳市人力资源和社会保障局', 2021)).toBe(
      '益阳市人力资源和社会保障局2021年政府信息公开工作年度报告',
    );
  });

  it.each([FORMAT_2021, FORMAT_2019])(
    'the grids of $version tile their tables exactly and hold every cell once',
    (f) => {
      const grids = tableGrids(f);
      for (const t of ['二', '三', '四'] as const) {
        const g = grids[t];
        const covered = new Set<string>();
        for (const c of g.cells) {
          for (let i = 0; i < c.rowSpan; i++) {
            for (let j = 0; j < c.colSpan; j++) {
              const k = `${c.r + i},${c.c + j}`;
              expect(covered.has(k)).toBe(false);
              covered.add(k);
            }
          }
        }
        expect(covered.size).toBe(g.rows * g.cols);
        const ids = g.cells.filter((c) => c.kind === 'value').map((c) => c.cellId);
        expect(ids.sort()).toEqual(
          f.cells
            .filter((c) => c.table === t)
            .map((c) => c.id)
            .sort(),
        );
      }
    },
  );
});

import fc from 'fast-check';
import { FORMAT_2019, FORMAT_2021, cellId } from '../../../report/format';
import type { Report } from '../../../report/model/types';
import { RULES, validate } from '../../../report/rules';
import { T3_BALANCE, T3_BOUNDS, T3_RESULT_SUM, T3_ROW_SUM, T4_GROUP_SUM } from '../../../report/rules/tableRules';
import { consistentReport } from '../../../harness/reports';

const errors = (r: Report) => validate(r).filter((f) => f.severity === 'error');
const codes = (r: Report) => [...new Set(validate(r).map((f) => f.rule))].sort();

describe('table rules (T3-*, T4-*)', () => {
  it.each(['2021', '2019'] as const)('a consistent %s report passes every rule', (format) => {
    for (let seed = 1; seed <= 20; seed++) expect(validate(consistentReport({ seed, format }))).toEqual([]);
  });

  it('changing any single number in table 三 or 四 yields a T3/T4 error naming its row or column', () => {
    const base = consistentReport({ seed: 7 });
    const cells = FORMAT_2021.cells.filter((c) => c.table !== '二');
    expect(cells).toHaveLength(190);
    for (const cell of cells) {
      const r = structuredClone(base);
      r.values[cell.id] = (r.values[cell.id] as number) + 1;
      const found = errors(r).filter((f) => /^T[34]-/.test(f.rule));
      expect(found.length).toBeGreaterThan(0);
      const named = found.some(
        (f) =>
          f.cells.some((c) => c.id === cell.id) &&
          (f.message.zh.includes(cell.row) || f.message.zh.includes(cell.column)),
      );
      if (!named) throw new Error(`no finding names ${cell.id}: ${found.map((f) => f.message.zh).join(' | ')}`);
    }
  });

  it('T3-ROW-SUM: a row whose parts do not add up to 总计', () => {
    const r = consistentReport({ seed: 3 });
    r.values['t3.granted.natural'] = (r.values['t3.granted.natural'] as number) + 2;
    r.values['t3.granted.business'] = (r.values['t3.granted.business'] as number) - 0;
    const f = validate(r).find((x) => x.rule === 'T3-ROW-SUM');
    expect(f?.severity).toBe('error');
    expect(f?.message.zh).toContain('（一）予以公开');
    expect(f?.cells[0]).toMatchObject({ table: '三', row: '（一）予以公开', column: '总计' });
  });

  it('T3-RESULT-SUM: a column whose results do not add up to （七）总计', () => {
    const r = consistentReport({ seed: 4 });
    r.values['t3.total.legal'] = (r.values['t3.total.legal'] as number) + 1;
    r.values['t3.total.total'] = (r.values['t3.total.total'] as number) + 1;
    r.values['t3.carryOver.legal'] = (r.values['t3.carryOver.legal'] as number) - 1;
    r.values['t3.carryOver.total'] = (r.values['t3.carryOver.total'] as number) - 1;
    expect(codes(r)).toEqual(expect.arrayContaining(['T3-RESULT-SUM']));
    const f = validate(r).filter((x) => x.rule === 'T3-RESULT-SUM');
    expect(f.map((x) => x.cells[0]!.column).sort()).toEqual(['总计', '法律服务机构']);
    expect(validate(r).some((x) => x.rule === 'T3-BALANCE')).toBe(false);
  });

  it('T3-BALANCE: 一 + 二 ≠ （七）总计 + 四 in a column', () => {
    const r = consistentReport({ seed: 5 });
    r.values['t3.new.research'] = (r.values['t3.new.research'] as number) + 1;
    r.values['t3.new.total'] = (r.values['t3.new.total'] as number) + 1;
    const f = validate(r).filter((x) => x.rule === 'T3-BALANCE');
    expect(f.map((x) => x.message.zh)).toEqual([
      expect.stringContaining('「科研机构」列勾稽关系不平'),
      expect.stringContaining('「总计」列勾稽关系不平'),
    ]);
  });

  it('T3-BOUNDS: a result larger than 一 + 二 is a warning', () => {
    const r = consistentReport({ seed: 6 });
    for (const c of ['natural', 'total']) {
      r.values[cellId('三', 'new', c)] = 0;
      r.values[cellId('三', 'carried', c)] = 0;
    }
    r.values['t3.granted.natural'] = 3;
    const bounds = validate(r).filter((x) => x.rule === 'T3-BOUNDS');
    expect(bounds.length).toBeGreaterThan(0);
    expect(bounds.every((b) => b.severity === 'warning')).toBe(true);
    expect(bounds.some((b) => b.message.zh.includes('「（一）予以公开」行「自然人」列为 3'))).toBe(true);
  });

  it('T4-GROUP-SUM: each of the three groups adds up to its 总计', () => {
    for (const g of FORMAT_2021.table4.groups) {
      const r = consistentReport({ seed: 8 });
      r.values[cellId('四', g.key, 'pending')] = (r.values[cellId('四', g.key, 'pending')] as number) + 1;
      const f = validate(r).filter((x) => x.rule === 'T4-GROUP-SUM');
      expect(f).toHaveLength(1);
      expect(f[0]!.message.zh).toContain(g.label);
      expect(f[0]!.cells[0]).toMatchObject({ table: '四', row: g.label, column: '总计' });
    }
  });

  it('text in a cell leaves its sums to TYPE-INT; a blank row total is TYPE-BLANK, not T3-ROW-SUM', () => {
    const r = consistentReport({ seed: 9 });
    r.values['t3.granted.natural'] = '减4';
    expect(codes(r)).toEqual(['TYPE-INT']);
    const s = consistentReport({ seed: 9 });
    s.values['t3.granted.total'] = null;
    const found = validate(s);
    // One fault, one finding: in the 总计 column's sums the blank counts as its row's figures, as a reader takes it.
    expect(found.map((f) => `${f.rule}:${f.severity}`)).toEqual(['TYPE-BLANK:error']);
  });

  it('row totals left blank (a published 总计 column with only its sums filled) hide no other fault', () => {
    const r = consistentReport({ seed: 11 });
    const results = FORMAT_2021.table3.rows.filter((x) => x.hasValues && x.parent === 'results' && x.key !== 'total');
    for (const row of results) r.values[cellId('三', row.key, 'total')] = null;
    for (const row of FORMAT_2021.table4.groups) r.values[cellId('四', row.key, 'total')] = null;
    const blanks = validate(r).filter((f) => f.severity === 'error');
    expect(new Set(blanks.map((f) => f.rule))).toEqual(new Set(['TYPE-BLANK']));
    // A figure wrong in a row whose 总计 is blank still breaks the 总计 column (and its own column).
    r.values['t3.granted.natural'] = (r.values['t3.granted.natural'] as number) + 1;
    const sums = validate(r).filter((f) => f.rule === 'T3-RESULT-SUM');
    expect(sums.map((f) => f.message.zh).sort()).toEqual([
      expect.stringContaining('「总计」列'),
      expect.stringContaining('「自然人」列'),
    ]);
  });

  it('property: for random consistent reports, any change to one number of table 三/四 is an error; none otherwise', () => {
    const cells = { 2021: FORMAT_2021, 2019: FORMAT_2019 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.constantFrom('2021', '2019'),
        fc.nat(),
        fc.integer({ min: -50, max: 50 }).filter((d) => d !== 0),
        (seed, format, pick, delta) => {
          const r = consistentReport({ seed, format: format as '2021' | '2019', max: 40 });
          if (validate(r).length !== 0) return false;
          const ids = cells[format as '2021' | '2019'].cells.filter((c) => c.table !== '二');
          const id = ids[pick % ids.length]!.id;
          r.values[id] = (r.values[id] as number) + delta;
          return validate(r).some((f) => f.severity === 'error' && /^T[34]-/.test(f.rule));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('the rule set is sound: unique codes, every relation names existing cells in both formats', () => {
    const codesList = RULES.map((r) => r.code);
    expect(new Set(codesList).size).toBe(codesList.length);
    for (const rule of [T3_ROW_SUM, T3_RESULT_SUM, T3_BALANCE, T3_BOUNDS, T4_GROUP_SUM]) {
      for (const f of [FORMAT_2021, FORMAT_2019]) {
        const rels = rule.relations(f);
        expect(rels.length).toBeGreaterThan(0);
        for (const rel of rels)
          for (const id of [...rel.lhs, ...rel.rhs, ...(rel.cells ?? [])]) expect(f.cellById.has(id)).toBe(true);
      }
    }
    expect(T3_ROW_SUM.relations(FORMAT_2021)).toHaveLength(25);
    expect(T3_ROW_SUM.relations(FORMAT_2019)).toHaveLength(23);
    expect(T3_RESULT_SUM.relations(FORMAT_2021)[0]!.lhs).toHaveLength(21);
    expect(T3_RESULT_SUM.relations(FORMAT_2019)[0]!.lhs).toHaveLength(19);
  });
});

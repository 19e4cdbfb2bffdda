import fc from 'fast-check';
import { FORMAT_2019, FORMAT_2021 } from '../../../report/format';
import type { Report } from '../../../report/model/types';
import { validate } from '../../../report/rules';
import { TABLE_RULES } from '../../../report/rules/tableRules';
import { TYPE_FEE, TYPE_INT } from '../../../report/rules/typeRules';
import { highlights, rectangles } from '../../../report/workbook/highlight';
import { workbookLayout } from '../../../report/workbook/layout';
import { evaluate, expandRange, type Scalar } from './formula';
import { consistentReport } from './helpers';

/** The cells the conditional formats colour, per severity, for a report's values placed by the layout. */
function coloured(report: Report): Record<'error' | 'warning', Set<string>> {
  const format = report.format === '2021' ? FORMAT_2021 : FORMAT_2019;
  const layout = workbookLayout(format);
  const bySheetAddress = new Map(layout.inputs.map((s) => [`${s.sheet}!${s.address}`, s.id]));
  const out = { error: new Set<string>(), warning: new Set<string>() };
  for (const h of highlights(format)) {
    if (h.rule.startsWith('TYPE-')) continue;
    const cell = (address: string): Scalar => {
      const id = bySheetAddress.get(`${h.sheet}!${address}`);
      if (!id) throw new Error(`formula refers to ${address}, which is not an input`);
      return report.values[id] ?? null;
    };
    if (evaluate(h.formula, cell) !== true) continue;
    for (const a of h.sqref.split(' ').flatMap(expandRange))
      out[h.severity as 'error' | 'warning'].add(bySheetAddress.get(`${h.sheet}!${a}`)!);
  }
  return out;
}

/** The cells the engine's relation rules name, per severity. */
function flagged(report: Report): Record<'error' | 'warning', Set<string>> {
  const out = { error: new Set<string>(), warning: new Set<string>() };
  for (const f of validate(report, { rules: TABLE_RULES }))
    for (const c of f.cells) out[f.severity as 'error' | 'warning'].add(c.id);
  return out;
}

const EDITS = ['inc', 'dec', 'blank', 'text', 'decimal'] as const;

describe('conditional formats mean what the relation rules mean', () => {
  it('groups cells into few rectangles', () => {
    const cells = [
      { row: 5, col: 4 },
      { row: 6, col: 4 },
      { row: 5, col: 5 },
      { row: 6, col: 5 },
      { row: 9, col: 4 },
    ];
    expect(rectangles(cells)).toEqual([
      { top: 5, bottom: 6, left: 4, right: 5 },
      { top: 9, bottom: 9, left: 4, right: 4 },
    ]);
  });

  it.each([FORMAT_2021, FORMAT_2019])(
    'format $version: colours exactly the cells the engine flags, whatever is wrong',
    (format) => {
      const ids = format.cells.filter((c) => c.table !== '二').map((c) => c.id);
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 1_000_000 }),
          fc.array(fc.tuple(fc.nat(ids.length - 1), fc.constantFrom(...EDITS)), { maxLength: 4 }),
          (seed, edits) => {
            const report = consistentReport(format, seed);
            for (const [i, edit] of edits) {
              const id = ids[i]!;
              const v = report.values[id];
              const n = typeof v === 'number' ? v : 0;
              report.values[id] = { inc: n + 1, dec: n - 1, blank: null, text: '减4', decimal: n + 0.5 }[edit];
            }
            const mine = coloured(report);
            const engine = flagged(report);
            expect([...mine.error].sort()).toEqual([...engine.error].sort());
            expect([...mine.warning].sort()).toEqual([...engine.warning].sort());
            if (edits.length === 0) expect(mine.error.size + mine.warning.size).toBe(0);
          },
        ),
        { numRuns: 100 },
      );
    },
  );

  it('row totals left blank colour nothing; a wrong figure beside them colours as the engine says', () => {
    const report = consistentReport(FORMAT_2021, 12);
    for (const c of FORMAT_2021.cells) if (c.table !== '二' && c.colKey === 'total') report.values[c.id] = null;
    report.values['t3.new.total'] = 9999; // the stated sums of the 总计 column: one kept, wrong
    const mine = coloured(report);
    const engine = flagged(report);
    expect(engine.error.size).toBeGreaterThan(0);
    expect([...mine.error].sort()).toEqual([...engine.error].sort());
    expect([...mine.warning].sort()).toEqual([...engine.warning].sort());
  });

  it('a consistent report colours nothing; one changed number colours its row and its column', () => {
    const report = consistentReport(FORMAT_2021, 7);
    expect(coloured(report).error.size).toBe(0);
    report.values['t3.granted.natural'] = (report.values['t3.granted.natural'] as number) + 1;
    const red = coloured(report).error;
    expect(red.has('t3.granted.natural')).toBe(true);
    expect(red.has('t3.granted.business')).toBe(true); // the row (T3-ROW-SUM)
    expect(red.has('t3.deniedSecret.natural')).toBe(true); // the column (T3-RESULT-SUM)
    expect(red.has('t3.deniedSecret.business')).toBe(false);
  });

  it('every number cell has a type rule, relative to the corner of its block of inputs', () => {
    const layout = workbookLayout(FORMAT_2021);
    const types = highlights(FORMAT_2021).filter((h) => h.rule === 'TYPE-INT' || h.rule === 'TYPE-FEE');
    const covered = types.flatMap((h) =>
      h.sqref
        .split(' ')
        .flatMap(expandRange)
        .map((a) => `${h.sheet}!${a}`),
    );
    const numeric = layout.inputs.filter((s) => /^t[234]\./.test(s.id)).map((s) => `${s.sheet}!${s.address}`);
    expect(covered.sort()).toEqual(numeric.sort());
    for (const h of types) expect(h.formula).toContain(`ISTEXT(${h.sqref.split(':')[0]})`);
    expect(types.find((h) => h.rule === 'TYPE-FEE')?.severity).toBe('warning');
  });

  // Text, decimals and negatives, and values that are right in some cells (2; -4 in the 2019 本年增/减; 0.25 万元).
  const BAD = ['减4', '/', 1.5, -1, -4, 0.25, 8.97723, 12000, 1e-7, 2, 10_000_001, -20_000_000, 1e308] as const;
  it.each([FORMAT_2021, FORMAT_2019])(
    'format $version: the type rules colour exactly the cells TYPE-INT and TYPE-FEE flag (text, decimals, negatives)',
    (format) => {
      const layout = workbookLayout(format);
      const ids = format.cells.map((c) => c.id);
      const types = highlights(format).filter((h) => h.rule.startsWith('TYPE-'));
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 1_000_000 }),
          fc.array(fc.tuple(fc.nat(ids.length - 1), fc.constantFrom(...BAD)), { minLength: 1, maxLength: 6 }),
          (seed, edits) => {
            const report = consistentReport(format, seed);
            for (const [i, v] of edits) report.values[ids[i]!] = v;
            const byAddress = new Map(layout.inputs.map((s) => [`${s.sheet}!${s.address}`, s.id]));
            const mine = { error: new Set<string>(), warning: new Set<string>() };
            for (const h of types) {
              for (const a of h.sqref.split(' ').flatMap(expandRange)) {
                const corner = h.sqref.split(' ')[0]!.split(':')[0]!;
                // The formula is written for the block's corner; for another cell, shift to it.
                const id = byAddress.get(`${h.sheet}!${a}`)!;
                const value = (address: string) => {
                  if (address !== corner) throw new Error(`type rule refers to ${address}, not its own cell`);
                  return report.values[id] ?? null;
                };
                if (evaluate(h.formula, value) === true) mine[h.severity as 'error' | 'warning'].add(id);
              }
            }
            const engine = { error: new Set<string>(), warning: new Set<string>() };
            // Info findings (TYPE-FEE's ≥ 1亿 signal) colour nothing in the template.
            for (const f of validate(report, { rules: [TYPE_INT, TYPE_FEE] }))
              if (f.severity !== 'info') for (const c of f.cells) engine[f.severity].add(c.id);
            expect([...mine.error].sort()).toEqual([...engine.error].sort());
            expect([...mine.warning].sort()).toEqual([...engine.warning].sort());
          },
        ),
        { numRuns: 60 },
      );
    },
  );
});

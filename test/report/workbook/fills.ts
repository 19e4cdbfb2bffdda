/**
 * Random fills of the template's inputs, as a person (or another program) may leave them: numbers near a consistent
 * report's, text, blanks, rich text, booleans, dates, error values, formulas with and without a cached result.
 */
import type ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { Report } from '../../../report/model/types';
import type { InputSlot, WorkbookLayout } from '../../../report/workbook/layout';

const CHARS = [...'0123456789０１２３ .-+,，。、减件约元万年度（）()abcXYZ&<>"\'\n\t　益阳市局公开申请'];
/** Text; with `cr`, carriage returns too (exceljs writes them bare, which XML reads as line feeds). */
const texty = (cr: boolean) => fc.string({ unit: fc.constantFrom(...CHARS, ...(cr ? ['\r'] : [])), maxLength: 24 });

const number = fc.oneof(
  fc.nat({ max: 5000 }),
  fc.integer({ min: -50, max: -1 }),
  fc.double({ min: 0, max: 1e6, noNaN: true }),
  fc.constantFrom(1e308, 12_345_678_901, 0.5, 1e-7),
);

/** What a person (or a program) may leave in a cell. */
function anyCell(near: number, opts: FillOptions): fc.Arbitrary<ExcelJS.CellValue> {
  const text = texty(opts.cr ?? true);
  const cells: fc.Arbitrary<ExcelJS.CellValue>[] = [
    fc.constantFrom('减4', '１２', ' 7 ', '', '3件', '#N/A', ...((opts.cr ?? true) ? ['_x000D_'] : [])),
    fc.boolean(),
    number.map((n) => ({ formula: 'SUM(A1:A2)', result: n, date1904: false }) as ExcelJS.CellValue),
    text.map((s) => ({ formula: 'A1&""', result: s, date1904: false }) as ExcelJS.CellValue),
    fc.constant({ formula: '1/0', result: { error: '#DIV/0!' }, date1904: false } as ExcelJS.CellValue),
    fc.array(text, { minLength: 1, maxLength: 3 }).map((parts) => ({ richText: parts.map((t) => ({ text: t })) })),
    fc.integer({ min: 0, max: 60_000 }).map((d) => new Date(Date.UTC(1990, 0, 1) + d * 86_400_000)),
    fc.constant({ error: '#REF!' } as ExcelJS.CellValue),
  ];
  if (opts.uncached ?? true)
    cells.push(fc.constant({ formula: 'B2+1', date1904: false } as unknown as ExcelJS.CellValue));
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(near) },
    { weight: 3, arbitrary: number },
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: text },
    ...cells.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}

function slotCell(slot: InputSlot, near: number, opts: FillOptions): fc.Arbitrary<ExcelJS.CellValue> {
  if (slot.kind === 'year') {
    return fc.constantFrom<ExcelJS.CellValue>(2021, 2020, '2021年', '２０２１年度', null, 'abc', 2021.5);
  }
  if (slot.kind === 'agency' || slot.kind === 'text') {
    const text = texty(opts.cr ?? true);
    return fc.oneof(
      text,
      fc.constant(null),
      fc.array(text, { minLength: 1, maxLength: 3 }).map((p) => ({ richText: p.map((t) => ({ text: t })) })),
    );
  }
  return anyCell(near, opts);
}

export interface FillOptions {
  /** Carriage returns in text, bare or as _x000D_ (default true): exceljs writes both as they are. */
  readonly cr?: boolean;
  /** Formulas without a cached result (default true). */
  readonly uncached?: boolean;
}

/** A fill of some of the inputs (input id → what the cell holds), near the values of `base`. */
export function randomFills(
  layout: WorkbookLayout,
  base: Report,
  opts: FillOptions = {},
): fc.Arbitrary<Record<string, ExcelJS.CellValue>> {
  const record = fc.record(
    Object.fromEntries(
      layout.inputs.map((slot) => {
        const near = typeof base.values[slot.id] === 'number' ? (base.values[slot.id] as number) : 0;
        return [slot.id, fc.option(slotCell(slot, near, opts), { nil: undefined, freq: 3 })];
      }),
    ),
  );
  return record.map(
    (fill) =>
      Object.fromEntries(Object.entries(fill).filter(([, v]) => v !== undefined)) as Record<string, ExcelJS.CellValue>,
  );
}

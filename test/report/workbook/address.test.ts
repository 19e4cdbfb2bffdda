/** Cells as people name them (sheet!A1 as Excel shows it, 表三!D5, 三!D5) read back through the layout to their ids. */
import { FORMATS } from '../../../report/format';
import { readAddress, sheetNamed } from '../../../report/workbook/address';
import { columnLetter, slotAddress, workbookLayout } from '../../../report/workbook/layout';

const layouts = Object.entries(FORMATS).map(([version, format]) => [version, workbookLayout(format)] as const);

const idAt = (layout: ReturnType<typeof workbookLayout>, text: string) => {
  const read = readAddress(layout, text);
  return 'slot' in read ? read.slot.id : read.problem;
};

test.each(layouts)(
  'every input of the %s workbook, written as Excel shows it, reads back to its own id',
  (_v, layout) => {
    const wrong = layout.inputs.filter(
      (s) =>
        idAt(layout, slotAddress(s)) !== s.id ||
        idAt(layout, `'${s.sheet}'!$${columnLetter(s.col)}$${s.row}`) !== s.id ||
        idAt(layout, `${s.sheet}！${s.address.toLowerCase()}`) !== s.id,
    );
    expect(wrong.map((s) => s.id)).toEqual([]);
    expect(layout.inputs.length).toBeGreaterThan(100);
  },
);

test.each(layouts)(
  'the %s sheets by their short names: 表 + a table numeral, a section numeral, 基本信息',
  (_v, layout) => {
    for (const sheet of layout.sheets) {
      const slot = layout.inputs.find((s) => s.sheet === sheet.name)!;
      if (sheet.kind === 'meta') {
        expect(idAt(layout, `基本信息!${slot.address}`)).toBe(slot.id);
        continue;
      }
      const numeral = sheet.name.split('、')[0]!;
      const arabic = String('一二三四五六'.indexOf(numeral) + 1);
      expect([idAt(layout, `${numeral}!${slot.address}`), idAt(layout, `${arabic}!${slot.address}`)]).toEqual([
        slot.id,
        slot.id,
      ]);
      // 表 names the tables only: there is no 表一 (section 一 is prose).
      expect(idAt(layout, `表${numeral}!${slot.address}`)).toBe(sheet.kind === 'table' ? slot.id : 'sheet');
    }
    expect(sheetNamed(layout, '表三')?.table).toBe('三');
  },
);

test('an address means what the report’s own form means: where 2019 and 2021 differ, each reads its own cell', () => {
  const [l2019, l2021] = [workbookLayout(FORMATS['2019']), workbookLayout(FORMATS['2021'])];
  const differ = l2019.inputs.filter((s) => {
    const other = readAddress(l2021, slotAddress(s));
    return !('slot' in other) || other.slot.id !== s.id;
  });
  expect(differ.length).toBeGreaterThan(0);
  for (const s of differ) expect(idAt(l2019, slotAddress(s))).toBe(s.id);
});

test('what names no input says which part was wrong: the sheet, or a cell outside the sheet’s inputs', () => {
  const layout = workbookLayout(FORMATS['2021']);
  expect(readAddress(layout, '表九!D5')).toEqual({ problem: 'sheet', sheet: '表九' });
  expect(readAddress(layout, 'Sheet1!D5')).toEqual({ problem: 'sheet', sheet: 'Sheet1' });
  for (const text of ['C12', 't3.new.natural', '表三!', '表三!ZZZZ1', '表三!D', `${'三'.repeat(100)}!D5`])
    expect(readAddress(layout, text)).toEqual({ problem: 'syntax' });
  const outside = readAddress(layout, '表三!A1');
  expect(outside).toMatchObject({ problem: 'cell', sheet: sheetNamed(layout, '三')!.name });
  if (!('first' in outside)) throw new Error('expected the inputs’ span');
  // The span named covers every input of the sheet, and its corners are on input rows and columns.
  const inputs = layout.inputs.filter((s) => s.sheet === outside.sheet);
  const [first, last] = [outside.first, outside.last].map((a) => /^([A-Z]+)(\d+)$/.exec(a)!);
  for (const s of inputs) {
    expect(s.row).toBeGreaterThanOrEqual(Number(first![2]));
    expect(s.row).toBeLessThanOrEqual(Number(last![2]));
  }
  expect(inputs.some((s) => s.address.startsWith(first![1]!))).toBe(true);
  expect(readAddress(layout, '表三!D9999999')).toMatchObject({ problem: 'cell' });
});

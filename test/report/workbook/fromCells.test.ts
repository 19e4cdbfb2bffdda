/** The one function from cell values to the report model (the task pane and the workbook reader both use it). */
import { FORMAT_2019, FORMAT_2021, PROSE_SECTIONS, SECTIONS } from '../../../report/format';
import { dateText, isDateFormat, shownValue } from '../../../report/workbook/dates';
import { cellValueOf, type RawCell, reportFromCells, yearOf } from '../../../report/workbook/fromCells';
import { META_AGENCY, META_PREAMBLE, META_YEAR, proseId, workbookLayout } from '../../../report/workbook/layout';

describe('reportFromCells', () => {
  const layout = workbookLayout(FORMAT_2021);

  it('reads values the way the rest of the system does: blank is not 0, text stays text', () => {
    expect(cellValueOf('')).toBeNull();
    expect(cellValueOf(null)).toBeNull();
    expect(cellValueOf(3)).toBe(3);
    expect(cellValueOf('１２')).toBe(12);
    expect(cellValueOf('减4')).toBe('减4');
    expect(cellValueOf(true)).toBe('TRUE');
    expect(cellValueOf(Infinity)).toBe('Infinity');
    const raw = new Map<string, RawCell>(layout.inputs.map((s) => [s.id, '']));
    raw.set(META_AGENCY, ' 某某局 ');
    raw.set(META_YEAR, 2024);
    raw.set(META_PREAMBLE, '依据条例编制。');
    raw.set('t3.new.natural', 5);
    raw.set(proseId('overview'), '第一段\r\n第二段');
    const r = reportFromCells(layout, raw);
    expect(r).toEqual({
      format: '2021',
      agency: '某某局',
      year: 2024,
      preamble: '依据条例编制。',
      sections: { overview: '第一段\n第二段', problems: null, other: null },
      values: expect.any(Object),
    });
    expect(r.values['t3.new.natural']).toBe(5);
    expect(r.values['t3.new.total']).toBeNull();
    expect(Object.keys(r.values)).toHaveLength(FORMAT_2021.cells.length);
  });

  it('an input missing from the cells is blank; the format is the layout’s', () => {
    const r = reportFromCells(workbookLayout(FORMAT_2019), new Map());
    expect(r.format).toBe('2019');
    expect(r.year).toBeNull();
    expect(Object.values(r.values).every((v) => v === null)).toBe(true);
  });

  it('the year: a number, full-width digits, 2021年 or 2021年度; anything else is unknown', () => {
    expect([2021, '２０２１', '2021年', ' 2021 年度 ', 2021.5, '二〇二一年', 'abc', ''].map(yearOf)).toEqual([
      2021,
      2021,
      2021,
      2021,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('the sections are declared once', () => {
  it('the prose sections are the sections without a table, in order, each with an input in the layout', () => {
    expect(PROSE_SECTIONS).toEqual(SECTIONS.filter((s) => !s.table).map((s) => s.id));
    for (const id of PROSE_SECTIONS) expect(workbookLayout(FORMAT_2021).byId.has(proseId(id))).toBe(true);
  });
});

describe('dates', () => {
  it('a number in a date format is its date; other formats leave it a number', () => {
    expect(['yyyy/m/d', 'm"月"d"日"', '[$-804]yyyy"年"m"月"', 'h:mm', 'mm-dd-yy'].every(isDateFormat)).toBe(true);
    expect(['General', '0', '#,##0.00', '0"件"', '@', '[Red]0'].some(isDateFormat)).toBe(false);
    expect(dateText(44259)).toBe('2021-03-04');
    expect(dateText(44259 - 1462, true)).toBe('2021-03-04');
    expect(dateText(1e308)).toBeNull();
    expect(shownValue(44259, 'm"月"d"日"')).toBe('2021-03-04');
    expect(shownValue(44259, 'General')).toBe(44259);
    expect(shownValue('3-4', 'yyyy/m/d')).toBe('3-4');
  });
});

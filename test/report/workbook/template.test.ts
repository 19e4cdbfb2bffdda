import ExcelJS from 'exceljs';
import { FORMAT_2019, FORMAT_2021, reportTitle } from '../../../report/format';
import { tableGrids } from '../../../report/format/grid';
import type { FormatDef } from '../../../report/format/types';
import { TABLE_RULES } from '../../../report/rules/tableRules';
import { highlights } from '../../../report/workbook/highlight';
import { a1, GRID_ORIGIN, META_AGENCY, META_YEAR, workbookLayout } from '../../../report/workbook/layout';
import { HIGHLIGHT_COLOURS, LEGEND } from '../../../report/workbook/sheetStyle';
import { writeWorkbook } from '../../../report/workbook/template';
import { expandRange } from './formula';
import { sheetParts, xlsxParts } from './helpers';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

const FORMATS_UNDER_TEST: [FormatDef, number][] = [
  [FORMAT_2021, 2022],
  [FORMAT_2019, 2020],
];

describe.each(FORMATS_UNDER_TEST)('the template, format $version', (format, year) => {
  const layout = workbookLayout(format);
  let bytes: Uint8Array;
  let wb: ExcelJS.Workbook;
  let parts: Map<string, string>;
  let sheets: Map<string, string>;

  beforeAll(async () => {
    bytes = await writeWorkbook({ year });
    wb = await load(bytes);
    parts = xlsxParts(bytes);
    sheets = sheetParts(parts);
  });

  it('has 基本信息 then one sheet per section, named by its official heading', () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['基本信息', ...format.sections.map((s) => s.heading)]);
  });

  it('draws every header, label and note verbatim at its grid position, merged exactly as the grid spans', () => {
    const grids = tableGrids(format);
    for (const sheet of layout.sheets.filter((s) => s.kind === 'table')) {
      const ws = wb.getWorksheet(sheet.name)!;
      const grid = grids[sheet.table!];
      const expectedMerges = new Set([`A1:${a1(1, grid.cols)}`]);
      for (const g of grid.cells) {
        const top = GRID_ORIGIN.row + g.r;
        const left = GRID_ORIGIN.col + g.c;
        if (g.text !== undefined)
          expect(`${sheet.name}!${a1(top, left)} ${String(ws.getCell(top, left).value)}`).toBe(
            `${sheet.name}!${a1(top, left)} ${g.text}`,
          );
        if (g.rowSpan > 1 || g.colSpan > 1)
          expectedMerges.add(`${a1(top, left)}:${a1(top + g.rowSpan - 1, left + g.colSpan - 1)}`);
        // Borders on every cell of the grid.
        expect(ws.getCell(top, left).border?.top?.style).toBe('thin');
      }
      // The legend's text cells, below the grid after a blank row.
      const legendTop = GRID_ORIGIN.row + grid.rows + 1;
      LEGEND.forEach((_, i) => expectedMerges.add(`${a1(legendTop + i, 2)}:${a1(legendTop + i, grid.cols)}`));
      expect(new Set(ws.model.merges)).toEqual(expectedMerges);
      expect(ws.getCell(1, 1).value).toBe(sheet.name);
    }
  });

  it('shows a legend below each table: the input tint, then red and orange as the conditional formats use them', () => {
    const grids = tableGrids(format);
    const dxfFills = new Set(
      [...parts.get('xl/styles.xml')!.matchAll(/<dxf>.*?<bgColor rgb="(\w+)"/gs)].map((m) => m[1]!.toUpperCase()),
    );
    expect(dxfFills).toEqual(new Set([HIGHLIGHT_COLOURS.error.fill, HIGHLIGHT_COLOURS.warning.fill]));
    for (const sheet of layout.sheets.filter((s) => s.kind === 'table')) {
      const ws = wb.getWorksheet(sheet.name)!;
      const top = GRID_ORIGIN.row + grids[sheet.table!].rows + 1;
      const legend = LEGEND.map((_, i) => ({
        fill: (ws.getCell(top + i, 1).fill as { fgColor?: { argb?: string } }).fgColor?.argb,
        text: String(ws.getCell(top + i, 2).value),
      }));
      expect(legend.map((l) => l.fill)).toEqual([
        'FFFFFDE7',
        HIGHLIGHT_COLOURS.error.fill,
        HIGHLIGHT_COLOURS.warning.fill,
      ]);
      expect(legend.map((l) => l.text.slice(0, 3))).toEqual(['浅黄色', '红色：', '橙色：']);
      expect(legend[1]!.text).toMatch(/文字、小数或负数/);
    }
    // The input tint differs clearly from both (no pale yellow next to pale yellow).
    const rgb = (argb: string) => [2, 4, 6].map((i) => parseInt(argb.slice(i, i + 2), 16));
    const distance = (a: string, b: string) => Math.hypot(...rgb(a).map((v, i) => v - rgb(b)[i]!));
    for (const c of Object.values(HIGHLIGHT_COLOURS)) expect(distance(c.fill, 'FFFFFDE7')).toBeGreaterThan(50);
  });

  it('has no defined names: the inputs are found by the layout (Excel on the web corrupts names on insertion)', () => {
    expect(parts.get('xl/workbook.xml')).not.toContain('<definedName');
  });

  it('validates inputs by kind, with Chinese prompts and errors', () => {
    const expected = {
      count: { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] },
      signedCount: { type: 'whole', operator: 'between' },
      fee: { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] },
      amount: { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] },
      year: { type: 'whole', operator: 'between', formulae: [2019, 2100] },
    } as const;
    let checked = 0;
    for (const s of layout.inputs) {
      const dv = wb.getWorksheet(s.sheet)!.getCell(s.address).dataValidation;
      if (s.kind === 'text' || s.kind === 'agency') {
        expect(dv).toBeUndefined();
        continue;
      }
      expect(dv).toMatchObject({ ...expected[s.kind], showErrorMessage: true, allowBlank: true });
      expect(dv.error).toMatch(/[\u4e00-\u9fff]/);
      expect(dv.prompt).toMatch(/[\u4e00-\u9fff]/);
      // Excel's limits: titles 32 characters, prompt 255, error 225.
      expect([dv.promptTitle!.length, dv.errorTitle!.length].every((n) => n <= 32)).toBe(true);
      expect(dv.prompt!.length).toBeLessThanOrEqual(255);
      expect(dv.error!.length).toBeLessThanOrEqual(225);
      checked++;
    }
    expect(checked).toBe(format.cells.length + 1);
    if (format === FORMAT_2019)
      expect(format.cells.some((c) => c.kind === 'signedCount' || c.kind === 'amount')).toBe(true);
  });

  it('is protected without a password, with only the inputs unlocked', () => {
    for (const [name, xml] of sheets) {
      const protection = /<sheetProtection [^>]*\/>/.exec(xml)?.[0];
      expect(`${name}: ${protection}`).toMatch(/sheet="1"/);
      expect(protection).not.toMatch(/password|hashValue/);
    }
    const inputs = new Set(layout.inputs.map((s) => `${s.sheet}!${s.address}`));
    for (const ws of wb.worksheets) {
      ws.eachRow({ includeEmpty: false }, (row) =>
        row.eachCell({ includeEmpty: false }, (cell) => {
          if (cell.isMerged && cell.master !== cell) return;
          const unlocked = cell.protection?.locked === false;
          expect(`${ws.name}!${cell.address} ${unlocked}`).toBe(
            `${ws.name}!${cell.address} ${inputs.has(`${ws.name}!${cell.address}`)}`,
          );
        }),
      );
    }
  });

  it('colours failing sums and balances: one conditional format per relation of every table rule', () => {
    const all = highlights(format);
    const relationCount = TABLE_RULES.reduce((n, r) => n + r.relations(format).length, 0);
    expect(all.filter((h) => !h.rule.startsWith('TYPE-'))).toHaveLength(relationCount);
    // Each relation's formula refers to exactly its cells (and the figures of a row's 总计 among them, which stand
    // in for it when it is blank), and applies to the cells its finding names.
    const rowTotals = TABLE_RULES.flatMap((r) => r.relations(format)).filter((rel) => rel.rowTotal);
    for (const rule of TABLE_RULES) {
      const mine = all.filter((x) => x.rule === rule.code);
      for (const [k, rel] of rule.relations(format).entries()) {
        const h = mine[k]!;
        const addr = (ids: readonly string[]) => ids.map((id) => layout.byId.get(id)!.address).sort();
        const refs = [...h.formula.matchAll(/\$[A-Z]+\$\d+(?::\$[A-Z]+\$\d+)?/g)].flatMap((m) => expandRange(m[0]));
        const own = [...rel.lhs, ...rel.rhs];
        const figures = rowTotals
          .filter((t) => own.includes(t.rhs[0]!) && !(rel.rowTotal && rel.rhs[0] === t.rhs[0]))
          .flatMap((t) => t.lhs);
        expect([...new Set(refs)].sort()).toEqual([...new Set(addr([...own, ...figures]))].sort());
        expect(h.sqref.split(' ').flatMap(expandRange).sort()).toEqual(addr(rel.cells ?? [...rel.rhs, ...rel.lhs]));
        expect(h.severity).toBe(rule.severity);
      }
    }
    // And they are in the sheets' XML as plain expression rules, errors first.
    for (const sheet of layout.sheets) {
      const mine = all.filter((h) => h.sheet === sheet.name);
      const xml = sheets.get(sheet.name)!;
      const rules = [
        ...xml.matchAll(
          /<conditionalFormatting sqref="([^"]+)"><cfRule type="expression" dxfId="\d+" priority="(\d+)"><formula>([^<]+)<\/formula>/g,
        ),
      ];
      expect(rules.map((m) => [m[1], m[3]!.replace(/&gt;/g, '>').replace(/&lt;/g, '<')])).toEqual(
        mine.map((h) => [h.sqref, h.formula]),
      );
      expect(rules.map((m) => Number(m[2]))).toEqual(mine.map((_, i) => i + 1));
    }
    expect(all.map((h) => h.severity)).toEqual(
      [...all.map((h) => h.severity)].sort((a, b) => (a === b ? 0 : a === 'error' ? -1 : 1)),
    );
  });

  it('is plain: no comments, drawings, charts, pivots, macros or external links', () => {
    const names = [...parts.keys()];
    expect(names.filter((n) => /comment|drawing|chart|pivot|vba|externalLink|media/i.test(n))).toEqual([]);
    expect(names).toContain('xl/workbook.xml');
  });

  it('fills 报告年度 and follows it in the title; every prose sheet has its input and a hint beside it', () => {
    const meta = wb.getWorksheet('基本信息')!;
    expect(meta.getCell(layout.byId.get(META_YEAR)!.address).value).toBe(year);
    expect(meta.getCell(layout.byId.get(META_AGENCY)!.address).value).toBeNull();
    const title = meta.getCell('A1').value as ExcelJS.CellFormulaValue;
    expect(title.formula).toContain(`$B$3`);
    expect(title.result).toBe(reportTitle('（行政机关名称）', 'XXXX'));
    for (const sheet of layout.sheets.filter((s) => s.kind === 'prose')) {
      const ws = wb.getWorksheet(sheet.name)!;
      expect(ws.getCell('A1').value).toBe(sheet.name);
      expect(ws.getCell('A2').alignment?.wrapText).toBe(true);
      expect(String(ws.getCell('B2').value)).toMatch(/本部分应写明/);
      expect(ws.getRow(2).height).toBeGreaterThan(300);
    }
  });
});

describe('the filled template', () => {
  it('writes agency and year into the title result', async () => {
    const wb = await load(await writeWorkbook({ year: 2021, agency: '益阳市人力资源和社会保障局' }));
    const title = wb.getWorksheet('基本信息')!.getCell('A1').value as ExcelJS.CellFormulaValue;
    expect(title.result).toBe('益阳市人力资源和社会保障局2021年政府信息公开工作年度报告');
  });

  it('without a year uses the 2021 format; with 2020 the 2019 trial format', async () => {
    const t = async (year?: number) => {
      const wb = await load(await writeWorkbook(year === undefined ? {} : { year }));
      return String(wb.getWorksheet('二、主动公开政府信息情况')!.getCell('B3').value);
    };
    expect(await t()).toBe('本年制发件数');
    expect(await t(2020)).toBe('本年新制作数量');
  });
});

/** The Office.js glue against office-addin-mock: batching (one sync per read), events, insertion, writes, navigation. */
import { FORMAT_2021 } from '../../report/format';
import { META_AGENCY, META_SHEET, META_YEAR, proseId, workbookLayout } from '../../report/workbook/layout';
import { OwnWrites } from '../../addin/logic/changes';
import { listenToWorkbook } from '../../addin/office/events';
import { insertTemplate, TEMPLATE_PROTECTION } from '../../addin/office/insertTemplate';
import { selectTarget } from '../../addin/office/navigate';
import { readInputs, templateSheets } from '../../addin/office/readInputs';
import { excelValue, writeInputs } from '../../addin/office/writeInputs';
import { mockExcel } from './helpers/officeMock';

const layout = workbookLayout(FORMAT_2021);
const slot = (id: string) => layout.byId.get(id)!;

describe('readInputs', () => {
  it('reads every input of every sheet with a single context.sync()', async () => {
    const host = mockExcel(layout, { withTemplate: true });
    const granted = slot('t3.granted.natural');
    host.setCell(granted.sheet, granted.row, granted.col, 7);
    host.setCell(META_SHEET, slot(META_AGENCY).row, slot(META_AGENCY).col, '某某局');
    const before = host.syncs();
    const result = await readInputs(host.run, layout);
    expect(host.syncs() - before).toBe(1);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.raw.size).toBe(layout.inputs.length);
    expect(result.raw.get('t3.granted.natural')).toBe(7);
    expect(result.raw.get(META_AGENCY)).toBe('某某局');
    expect(new Set(result.sheetIds.values())).toEqual(new Set(layout.sheets.map((s) => s.name)));
  });

  it('says "missing" when a template sheet is not there, still after one sync', async () => {
    const host = mockExcel(layout, { withTemplate: false });
    const result = await readInputs(host.run, layout);
    expect(result).toEqual({ kind: 'missing' });
    expect(host.syncs()).toBe(1);
    expect(await templateSheets(host.run, layout)).toEqual({ present: [], missing: layout.sheets.map((s) => s.name) });
  });
});

describe('listenToWorkbook', () => {
  it('registers the three handlers in one sync and removes them all in one more', async () => {
    const host = mockExcel(layout, { withTemplate: true });
    const changes: string[] = [];
    let sheetsChanged = 0;
    const stop = await listenToWorkbook(host.run, host.runWith, {
      onChanged: (n) => changes.push(n.address),
      onSheetsChanged: () => sheetsChanged++,
    });
    expect(host.handlers).toEqual({ changed: 1, added: 1, deleted: 1, removed: 0 });
    expect(host.syncs()).toBe(1);
    host.emitChange(META_SHEET, 'B3');
    host.emitSheetAdded();
    await Promise.resolve();
    expect(changes).toEqual(['B3']);
    expect(sheetsChanged).toBe(1);
    await stop();
    await stop(); // a second unload does nothing
    expect(host.handlers.removed).toBe(3);
    expect(host.syncs()).toBe(2);
  });
});

describe('insertTemplate', () => {
  it('inserts, fills 基本信息 and marks prefilled cells, all in one sync after the presence check', async () => {
    const host = mockExcel(layout, { withTemplate: false });
    const own = new OwnWrites();
    const outcome = await insertTemplate(host.run, layout, own, {
      base64: 'UEsDBA==',
      agency: '益阳市人力资源和社会保障局',
      year: 2024,
      prefill: { 't3.carried.natural': 3, 't3.carried.total': 3 },
      prefillFill: '#DEECF9',
    });
    expect(outcome).toEqual({ kind: 'inserted' });
    expect(host.inserted).toEqual(['UEsDBA==']);
    expect(host.syncs()).toBe(2);
    const t3 = slot('t3.carried.natural');
    expect(host.log).toEqual(
      expect.arrayContaining([
        `write ${META_SHEET}!${slot(META_YEAR).address}=2024`,
        `write ${META_SHEET}!${slot(META_AGENCY).address}="益阳市人力资源和社会保障局"`,
        `write ${t3.sheet}!${t3.address}=3`,
        `fill ${t3.sheet}!${t3.address}=#DEECF9`,
        `activate ${META_SHEET}`,
      ]),
    );
    // The protected sheet is opened for the fill and protected again, in that order.
    const order = (entry: string) => host.log.indexOf(entry);
    expect(order(`unprotect ${t3.sheet}`)).toBeLessThan(order(`fill ${t3.sheet}!${t3.address}=#DEECF9`));
    expect(order(`protect ${t3.sheet}`)).toBeGreaterThan(order(`fill ${t3.sheet}!${t3.address}=#DEECF9`));
    // Its own writes are not taken for the person's edits.
    expect(own.covers(META_SHEET, slot(META_YEAR).address)).toBe(true);
    expect(own.covers(t3.sheet, t3.address)).toBe(true);
  });

  it('refuses politely when the template is already there, and writes nothing', async () => {
    const host = mockExcel(layout, { withTemplate: true });
    const outcome = await insertTemplate(host.run, layout, new OwnWrites(), { base64: 'x', agency: null, year: 2024 });
    expect(outcome.kind).toBe('present');
    expect(host.inserted).toEqual([]);
    expect(host.log).toEqual([]);
    expect(host.syncs()).toBe(1);
  });

  it('uses the protection options the template is made with', async () => {
    const { writeWorkbook } = await import('../../report/workbook/template');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await writeWorkbook({ year: 2024 })) as unknown as ArrayBuffer);
    const p = (
      wb.getWorksheet(slot('t3.carried.natural').sheet) as unknown as { sheetProtection: Record<string, unknown> }
    ).sheetProtection;
    expect(Boolean(p.sheet)).toBe(true);
    expect(Boolean(p.formatColumns)).toBe(TEMPLATE_PROTECTION.allowFormatColumns);
    expect(Boolean(p.formatRows)).toBe(TEMPLATE_PROTECTION.allowFormatRows);
    expect(Boolean(p.formatCells)).toBe(Boolean(TEMPLATE_PROTECTION.allowFormatCells));
    expect(Boolean(p.insertRows)).toBe(Boolean(TEMPLATE_PROTECTION.allowInsertRows));
    expect(Boolean(p.deleteRows)).toBe(Boolean(TEMPLATE_PROTECTION.allowDeleteRows));
  }, 60_000);
});

describe('writeInputs and selectTarget', () => {
  it('writes prose back in one sync and registers the cells as the add-in’s own', async () => {
    const host = mockExcel(layout, { withTemplate: true });
    const own = new OwnWrites();
    const text = slot(proseId('overview'));
    await writeInputs(host.run, layout, own, [{ id: proseId('overview'), value: '=不是公式' }]);
    expect(host.syncs()).toBe(1);
    expect(host.log).toEqual([`write ${text.sheet}!${text.address}="'=不是公式"`]);
    expect(own.covers(text.sheet, text.address)).toBe(true);
    expect(own.covers(text.sheet, 'C9')).toBe(false);
  });

  it('keeps text that Excel would take for a formula as text; blank clears', () => {
    expect(excelValue('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(excelValue('-3')).toBe("'-3");
    expect(excelValue(-3)).toBe(-3);
    expect(excelValue(null)).toBe('');
    expect(excelValue('正文')).toBe('正文');
  });

  it('activates the sheet and selects one cell or several in one sync', async () => {
    const host = mockExcel(layout, { withTemplate: true });
    const sheet = slot('t3.total.total').sheet;
    await selectTarget(host.run, { sheet, addresses: ['J20'] });
    await selectTarget(host.run, { sheet, addresses: ['J20', 'J4', 'J5'] });
    expect(host.syncs()).toBe(2);
    expect(host.log).toEqual([
      `activate ${sheet}`,
      `select ${sheet}!J20`,
      `activate ${sheet}`,
      `select ${sheet}!J20,J4,J5`,
    ]);
  });
});

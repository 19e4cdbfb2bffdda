/**
 * The official report workbook (.xlsx), empty or filled: 基本信息, then one sheet per section named by its official
 * heading. Everything is placed by the layout (layout.ts) and drawn from the format's grids; sums and balances
 * show in colour through conditional formatting derived from the relation rules. Uses exceljs: not for the light
 * bundle.
 */
import type ExcelJS from 'exceljs';
import type { Cell, DataValidation, Worksheet } from 'exceljs';
// The workbook class alone (exceljs-workbook.d.ts): the main entry also loads the streaming reader and writer
// (archiver, unzipper, bluebird …), which writing a whole workbook never uses — 580 KB less in a bundle.
import Workbook from 'exceljs/lib/doc/workbook';
import { FORMAT_2021, FORMATS, formatForYear, PROSE_SECTIONS, reportTitle } from '../format';
import { tableGrids } from '../format/grid';
import type { FormatDef, ProseSectionId } from '../format/types';
import type { CellValue, Report } from '../model/types';
import { highlights } from './highlight';
import { META_HINTS, PROSE_HINTS } from './hints';
import {
  META_AGENCY,
  META_LABELS,
  META_PREAMBLE,
  META_ROWS,
  META_YEAR,
  PROSE_CELL,
  proseId,
  type SlotKind,
  type WorkbookLayout,
  workbookLayout,
} from './layout';
import {
  BODY_FONT,
  BORDERS,
  CENTER,
  HINT_FONT,
  heightFor,
  highlightStyle,
  INPUT_FILL,
  LEFT,
  TITLE_FONT,
  TOP_LEFT,
  wrappedLines,
} from './sheetStyle';
import { drawTable } from './tableSheet';

export interface TemplateOptions {
  /** The reporting year: picks the format (2019 trial format before 2021) and fills 报告年度. */
  year?: number;
  agency?: string;
  /** A report to write into the workbook (its format wins over `year`). */
  report?: Report;
}

/** The earliest and latest reporting years the year cell accepts (the format exists since reporting year 2019). */
export const YEAR_RANGE = { min: 2019, max: 2100 } as const;

const VALIDATIONS: Partial<Record<SlotKind, DataValidation>> = {
  count: {
    type: 'whole',
    operator: 'greaterThanOrEqual',
    formulae: [0],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: '件数',
    prompt: '填写非负整数。没有发生的填 0（空白不等于 0）。',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '应为非负整数',
    error: '此处只能填写非负整数（0、1、2……），不能填写文字、小数或负数。',
  },
  signedCount: {
    type: 'whole',
    operator: 'between',
    formulae: [-999999999, 999999999],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: '增减数',
    prompt: '填写整数，减少时填负数（如 -4）。没有变化的填 0。',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '应为整数',
    error: '此处只能填写整数（减少填负数，如 -4），不能填写文字（如“减4”）或小数。',
  },
  fee: {
    type: 'decimal',
    operator: 'greaterThanOrEqual',
    formulae: [0],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: '金额（万元）',
    prompt: '以万元为单位填写非负数，最多保留 4 位小数；不要在单元格中写单位。没有收费的填 0。',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '应为非负数（万元）',
    error: '此处只能填写以万元为单位的非负数，不能填写文字或单位（如“251000元”）。',
  },
  amount: {
    type: 'decimal',
    operator: 'greaterThanOrEqual',
    formulae: [0],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: '金额',
    prompt: '填写非负数，不要在单元格中写单位。没有发生的填 0。',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '应为非负数',
    error: '此处只能填写非负数，不能填写文字或单位。',
  },
  year: {
    type: 'whole',
    operator: 'between',
    formulae: [YEAR_RANGE.min, YEAR_RANGE.max],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: '报告年度',
    prompt: '填写四位数的报告年度，例如 2021。',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '应为年份',
    error: `报告年度应为 ${YEAR_RANGE.min} 至 ${YEAR_RANGE.max} 之间的四位整数，例如 2021。`,
  },
};

/** What staff may still do on a protected sheet: select cells and resize rows and columns. No password. */
const PROTECTION = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true };

/** `B3` → `$B$3`. */
function absoluteA1(address: string): string {
  return address.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
}

/** The title of 基本信息 follows 行政机关名称 and 报告年度 as they are typed: reportTitle() spelt as a formula. */
function titleFormula(agencyRef: string, yearRef: string): string {
  // Private-use characters stand in for the two inputs, so the pattern itself stays in reportTitle().
  const AGENCY = '\ue000';
  const YEAR = '\ue001';
  const parts = reportTitle(AGENCY, YEAR)
    .split(/([\ue000\ue001])/)
    .filter((p) => p !== '')
    .map((p) => (p === AGENCY ? agencyRef : p === YEAR ? yearRef : `"${p.replace(/"/g, '""')}"`));
  return `IF(OR(${agencyRef}="",${yearRef}=""),"${PLACEHOLDER_TITLE}",${parts.join('&')})`;
}

const PLACEHOLDER_TITLE = reportTitle('（行政机关名称）', 'XXXX');

function styleInput(cell: Cell, alignment = LEFT): void {
  cell.border = BORDERS;
  cell.font = BODY_FONT;
  cell.fill = INPUT_FILL;
  cell.alignment = alignment;
  cell.protection = { locked: false };
}

function hint(ws: Worksheet, row: number, col: number, text: string): void {
  const cell = ws.getCell(row, col);
  cell.value = text;
  cell.font = HINT_FONT;
  cell.alignment = { ...TOP_LEFT, indent: 1 };
}

function writeMetaSheet(
  ws: Worksheet,
  layout: WorkbookLayout,
  format: FormatDef,
  agency: string | null,
  year: number | null,
) {
  const widths = [16, 56, 44];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const agencySlot = layout.byId.get(META_AGENCY)!;
  const yearSlot = layout.byId.get(META_YEAR)!;
  ws.mergeCells(META_ROWS.title, 1, META_ROWS.title, widths.length);
  const title = ws.getCell(META_ROWS.title, 1);
  title.value = {
    formula: titleFormula(absoluteA1(agencySlot.address), absoluteA1(yearSlot.address)),
    result: agency && year ? reportTitle(agency, year) : PLACEHOLDER_TITLE,
  };
  title.font = { ...TITLE_FONT, size: 16 };
  title.alignment = CENTER;
  ws.getRow(META_ROWS.title).height = 36;

  const rows: [keyof typeof META_LABELS, string][] = [
    ['agency', META_AGENCY],
    ['year', META_YEAR],
    ['preamble', META_PREAMBLE],
  ];
  for (const [key, id] of rows) {
    const slot = layout.byId.get(id)!;
    const label = ws.getCell(slot.row, slot.col - 1);
    label.value = META_LABELS[key];
    label.font = { ...BODY_FONT, bold: true };
    label.alignment = CENTER;
    label.border = BORDERS;
    styleInput(ws.getCell(slot.row, slot.col), key === 'preamble' ? TOP_LEFT : LEFT);
    hint(ws, slot.row, slot.col + 1, META_HINTS[key]);
    const lines = Math.max(key === 'preamble' ? 5 : 1, wrappedLines(META_HINTS[key], widths[2]!));
    ws.getRow(slot.row).height = heightFor(lines);
  }

  const notes: [string, string][] = [
    ['适用格式', `《中华人民共和国政府信息公开工作年度报告格式》（${format.source}）`],
    [
      '填写说明',
      '各表中浅黄色单元格为填写项，其余内容不可修改。各项数字（含总计）均需填写，没有发生的填 0。填写了文字、小数或负数，或合计、勾稽关系不符的单元格显示为红色（须改正）；需要核实的显示为橙色。各表下方有颜色说明。',
    ],
  ];
  notes.forEach(([label, text], i) => {
    const row = META_ROWS.preamble + 2 + i;
    ws.getCell(row, 1).value = label;
    ws.getCell(row, 1).font = { ...BODY_FONT, bold: true };
    ws.getCell(row, 1).alignment = CENTER;
    ws.mergeCells(row, 2, row, widths.length);
    hint(ws, row, 2, text);
    ws.getCell(row, 2).alignment = LEFT;
    ws.getRow(row).height = heightFor(wrappedLines(text, widths[1]! + widths[2]!));
  });
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
}

const PROSE_WIDTH = 100;
const HINT_WIDTH = 36;
/** Excel's largest row height. */
const PROSE_HEIGHT = 409;

function writeProseSheet(ws: Worksheet, heading: string, section: ProseSectionId) {
  ws.getColumn(PROSE_CELL.col).width = PROSE_WIDTH;
  ws.getColumn(PROSE_CELL.col + 1).width = HINT_WIDTH;
  const title = ws.getCell(PROSE_CELL.row - 1, PROSE_CELL.col);
  title.value = heading;
  title.font = TITLE_FONT;
  title.alignment = { horizontal: 'left', vertical: 'middle' };
  ws.getRow(PROSE_CELL.row - 1).height = 30;
  styleInput(ws.getCell(PROSE_CELL.row, PROSE_CELL.col), TOP_LEFT);
  ws.getRow(PROSE_CELL.row).height = PROSE_HEIGHT;
  hint(ws, PROSE_CELL.row, PROSE_CELL.col + 1, PROSE_HINTS[section]);
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
}

/** Numbers as numbers, text as text (kept so the rules can report it), blank as empty. */
function cellContent(v: CellValue | undefined): number | string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v === '' ? null : v;
  return null;
}

function fill(
  wb: ExcelJS.Workbook,
  layout: WorkbookLayout,
  report: Report | undefined,
  agency: string | null,
  year: number | null,
) {
  const text: Record<string, string | null | undefined> = {
    [META_AGENCY]: agency,
    [META_PREAMBLE]: report?.preamble,
    ...Object.fromEntries(PROSE_SECTIONS.map((s) => [proseId(s), report?.sections[s]])),
  };
  for (const slot of layout.inputs) {
    const cell = wb.getWorksheet(slot.sheet)!.getCell(slot.address);
    if (slot.id === META_YEAR) cell.value = year;
    else if (slot.id in text) cell.value = cellContent(text[slot.id]);
    else cell.value = cellContent(report?.values[slot.id]);
  }
}

function toBytes(buf: ArrayBuffer | Uint8Array): Uint8Array {
  return buf instanceof Uint8Array ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : new Uint8Array(buf);
}

/** The official template (.xlsx): empty, or filled with `report`. */
export async function writeWorkbook(opts: TemplateOptions = {}): Promise<Uint8Array> {
  const { report } = opts;
  const format = report ? FORMATS[report.format] : opts.year != null ? formatForYear(opts.year) : FORMAT_2021;
  const year = report?.year ?? opts.year ?? null;
  const agency = report?.agency ?? opts.agency ?? null;
  const layout = workbookLayout(format);
  const grids = tableGrids(format);

  const wb = new Workbook();
  wb.creator = '年报通';
  wb.title = agency && year ? reportTitle(agency, year) : '政府信息公开工作年度报告';
  for (const sheet of layout.sheets) {
    const ws = wb.addWorksheet(sheet.name, { properties: { defaultRowHeight: 18 } });
    if (sheet.kind === 'meta') writeMetaSheet(ws, layout, format, agency, year);
    else if (sheet.kind === 'prose') writeProseSheet(ws, sheet.name, sheet.section as ProseSectionId);
    else drawTable(ws, sheet.name, grids[sheet.table!]);
  }

  // No defined names: Excel on the web was seen corrupting workbook-level names on insertion (office-js #4772);
  // every reader locates the inputs from the layout.
  for (const slot of layout.inputs) {
    const validation = VALIDATIONS[slot.kind];
    if (validation) wb.getWorksheet(slot.sheet)!.getCell(slot.address).dataValidation = validation;
  }

  const priority = new Map<string, number>();
  for (const h of highlights(format)) {
    const p = (priority.get(h.sheet) ?? 0) + 1;
    priority.set(h.sheet, p);
    wb.getWorksheet(h.sheet)!.addConditionalFormatting({
      ref: h.sqref,
      rules: [{ type: 'expression', priority: p, formulae: [h.formula], style: highlightStyle(h.severity) }],
    });
  }

  fill(wb, layout, report, agency, year);
  for (const ws of wb.worksheets) await ws.protect('', PROTECTION);
  return toBytes(await wb.xlsx.writeBuffer());
}

/**
 * The template's sheets of words: 基本信息 (行政机关名称, 报告年度, 报告前言, with the title following the first two as
 * they are typed) and one sheet per prose section. The tables' sheets are tableSheet.ts's.
 */
import type { Cell, Worksheet } from 'exceljs';
import { reportTitle } from '../format';
import type { FormatDef, ProseSectionId } from '../format/types';
import { META_HINTS, PROSE_HINTS } from './hints';
import {
  META_AGENCY,
  META_LABELS,
  META_PREAMBLE,
  META_ROWS,
  META_YEAR,
  PROSE_CELL,
  type WorkbookLayout,
} from './layout';
import {
  BODY_FONT,
  BORDERS,
  CENTER,
  HINT_FONT,
  heightFor,
  INPUT_FILL,
  LEFT,
  TITLE_FONT,
  TOP_LEFT,
  wrappedLines,
} from './sheetStyle';

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

/** Printed on A4 upright, as wide as the page, as many pages down as the text takes. */
function printPortrait(ws: Worksheet): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
}

/** 基本信息: the title (following the agency and year as typed), the three inputs with their hints, the notes. */
export function writeMetaSheet(
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
  printPortrait(ws);
}

const PROSE_WIDTH = 100;
const HINT_WIDTH = 36;
/** Excel's largest row height. */
const PROSE_HEIGHT = 409;

/** One prose section: its heading, one tall input cell, the hint beside it. */
export function writeProseSheet(ws: Worksheet, heading: string, section: ProseSectionId) {
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
  printPortrait(ws);
}

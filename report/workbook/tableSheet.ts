/**
 * Draws one official table on its sheet from the format's grid (report/format/grid.ts): every header, label and
 * note verbatim at its grid position, merged exactly by rowSpan/colSpan, bordered, with column widths and row
 * heights that let the Chinese labels wrap readably. Values are left to the caller (inputs).
 */
import type { Worksheet } from 'exceljs';
import type { GridCell, TableGrid } from '../format/grid';
import type { TableId } from '../format/types';
import { GRID_ORIGIN } from './layout';
import {
  BODY_FONT,
  BORDERS,
  CENTER,
  heightFor,
  HINT_FONT,
  INPUT_FILL,
  LEFT,
  LEGEND,
  MIN_ROW_PT,
  TITLE_FONT,
  wrappedLines,
} from './sheetStyle';

/** Column widths (Excel units): the label columns first, then every value column. */
const WIDTHS: Record<TableId, { labels: readonly number[]; value: number }> = {
  二: { labels: [24], value: 16 },
  三: { labels: [10, 14, 36], value: 10 },
  四: { labels: [], value: 10 },
};

const TITLE_ROW_PT = 30;

function columnWidths(grid: TableGrid): number[] {
  const w = WIDTHS[grid.table];
  return Array.from({ length: grid.cols }, (_, c) => w.labels[c] ?? w.value);
}

/** Table 三's row labels read left-aligned as published; group labels and every other table are centred. */
function alignmentOf(grid: TableGrid, g: GridCell) {
  return grid.table === '三' && g.kind === 'label' && g.rowSpan === 1 ? LEFT : CENTER;
}

/** Heights (points) of the grid's rows so that every cell's text fits; spanning cells stretch the rows they cover. */
function rowHeights(grid: TableGrid, widths: readonly number[]): number[] {
  const heights = Array.from({ length: grid.rows }, () => MIN_ROW_PT);
  const need = (g: GridCell) => {
    const width = widths.slice(g.c, g.c + g.colSpan).reduce((a, b) => a + b, 0);
    return g.text ? heightFor(wrappedLines(g.text, width)) : MIN_ROW_PT;
  };
  const spans = [...grid.cells].sort((a, b) => a.rowSpan - b.rowSpan);
  for (const g of spans) {
    const have = heights.slice(g.r, g.r + g.rowSpan).reduce((a, b) => a + b, 0);
    const missing = need(g) - have;
    if (missing <= 0) continue;
    for (let r = g.r; r < g.r + g.rowSpan; r++) heights[r]! += Math.ceil(missing / g.rowSpan);
  }
  return heights;
}

/**
 * Below the table, after a blank row: what the colours mean, each beside a sample cell in that colour, so that staff
 * without the add-in (WPS, LibreOffice, Excel) can read the red and orange the conditional formats show.
 */
function drawLegend(ws: Worksheet, firstRow: number, widths: readonly number[]): void {
  const left = GRID_ORIGIN.col;
  const right = left + widths.length - 1;
  const textWidth = widths.slice(1).reduce((a, b) => a + b, 0);
  LEGEND.forEach((item, i) => {
    const row = firstRow + i;
    const sample = ws.getCell(row, left);
    sample.value = item.sample || null;
    sample.fill = item.fill;
    sample.border = BORDERS;
    sample.font = { ...BODY_FONT, ...item.font };
    sample.alignment = CENTER;
    if (right > left + 1) ws.mergeCells(row, left + 1, row, right);
    const text = ws.getCell(row, left + 1);
    text.value = item.text;
    text.font = HINT_FONT;
    text.alignment = { ...LEFT, indent: 1 };
    ws.getRow(row).height = Math.max(MIN_ROW_PT, heightFor(wrappedLines(item.text, textWidth), 10));
  });
}

/** Writes the section title (row 1) and the table's grid at GRID_ORIGIN, its value cells unlocked and empty. */
export function drawTable(ws: Worksheet, heading: string, grid: TableGrid): void {
  const widths = columnWidths(grid);
  widths.forEach((w, i) => (ws.getColumn(GRID_ORIGIN.col + i).width = w));

  const titleRow = GRID_ORIGIN.row - 1;
  ws.mergeCells(titleRow, GRID_ORIGIN.col, titleRow, GRID_ORIGIN.col + grid.cols - 1);
  const title = ws.getCell(titleRow, GRID_ORIGIN.col);
  title.value = heading;
  title.font = TITLE_FONT;
  title.alignment = { horizontal: 'left', vertical: 'middle' };
  ws.getRow(titleRow).height = TITLE_ROW_PT;

  rowHeights(grid, widths).forEach((h, r) => (ws.getRow(GRID_ORIGIN.row + r).height = h));

  for (const g of grid.cells) {
    const top = GRID_ORIGIN.row + g.r;
    const left = GRID_ORIGIN.col + g.c;
    const bottom = top + g.rowSpan - 1;
    const right = left + g.colSpan - 1;
    if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
    // Every cell of a merged range carries the border, or its outline shows gaps in Excel and LibreOffice.
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        const cell = ws.getCell(r, c);
        cell.border = BORDERS;
        cell.font = BODY_FONT;
        cell.alignment = alignmentOf(grid, g);
        if (g.kind === 'value') {
          cell.fill = INPUT_FILL;
          cell.protection = { locked: false };
        }
      }
    }
    if (g.kind !== 'value') ws.getCell(top, left).value = g.text ?? null;
  }

  drawLegend(ws, GRID_ORIGIN.row + grid.rows + 1, widths);

  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    // Each table prints on one page; tables 三 and 四 are wider than high.
    orientation: grid.cols > 4 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 1,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
}

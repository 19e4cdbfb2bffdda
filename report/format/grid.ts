/**
 * The official tables as grids of anchored cells with row and column spans: the one description of how each
 * table looks, from which the workbook sheets, their cell addresses and the published HTML tables are all made.
 */
import { cellId } from './build';
import type { FormatDef, TableId } from './types';

export type GridCellKind = 'header' | 'label' | 'note' | 'value';

export interface GridCell {
  /** 0-based row and column of the cell's top-left corner. */
  readonly r: number;
  readonly c: number;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly kind: GridCellKind;
  /** The official text of a header, label or note. */
  readonly text?: string;
  /** The input cell a value slot holds. */
  readonly cellId?: string;
  /** For value cells of table 三: the level of the row label (0 一二三四, 1 （一）…, 2 1.…). */
  readonly level?: 0 | 1 | 2;
}

export interface TableGrid {
  readonly table: TableId;
  readonly rows: number;
  readonly cols: number;
  /** How many leading rows are column headers. For table 二, header rows recur per block instead (see headerRows). */
  readonly headerRows: readonly number[];
  readonly cells: readonly GridCell[];
}

function cell(r: number, c: number, kind: GridCellKind, extra: Partial<GridCell> = {}): GridCell {
  return { r, c, rowSpan: 1, colSpan: 1, kind, ...extra };
}

/** Table 二: each block is a heading row, a header row (信息内容 | columns) and its data rows; 4 columns wide. */
export function table2Grid(format: FormatDef): TableGrid {
  const cols = 1 + Math.max(...format.table2.map((b) => b.columns.length));
  const cells: GridCell[] = [];
  const headerRows: number[] = [];
  let r = 0;
  for (const block of format.table2) {
    headerRows.push(r, r + 1);
    cells.push(cell(r++, 0, 'header', { colSpan: cols, text: block.heading }));
    cells.push(cell(r, 0, 'header', { text: format.table2Heading }));
    // A block with fewer columns stretches its last column to the table's width, as published.
    const span = (i: number) => (i === block.columns.length - 1 ? cols - 1 - i : 1);
    block.columns.forEach((col, i) => cells.push(cell(r, 1 + i, 'header', { colSpan: span(i), text: col.label })));
    r++;
    for (const row of block.rows) {
      cells.push(cell(r, 0, 'label', { text: row.label }));
      block.columns.forEach((col, i) =>
        cells.push(cell(r, 1 + i, 'value', { colSpan: span(i), cellId: cellId('二', row.key, col.key) })),
      );
      r++;
    }
  }
  return { table: '二', rows: r, cols, headerRows, cells };
}

/** Table 三: three label columns (一、 | （一） | 1.), then the seven applicant columns; three header rows. */
export function table3Grid(format: FormatDef): TableGrid {
  const t = format.table3;
  const LABEL_COLS = 3;
  const cols = LABEL_COLS + t.columns.length;
  const cells: GridCell[] = [];
  // Header: the 勾稽关系 note in the corner; 申请人情况 over all; 法人或其他组织 over the five organisation columns.
  cells.push(cell(0, 0, 'note', { rowSpan: 3, colSpan: LABEL_COLS, text: t.note }));
  cells.push(cell(0, LABEL_COLS, 'header', { colSpan: t.columns.length, text: t.applicantHeading }));
  const orgCount = t.columns.length - 2;
  t.columns.forEach((col, i) => {
    if (i === 0 || i === t.columns.length - 1) {
      cells.push(cell(1, LABEL_COLS + i, 'header', { rowSpan: 2, text: col.label }));
    } else {
      if (i === 1) cells.push(cell(1, LABEL_COLS + 1, 'header', { colSpan: orgCount, text: t.organisationHeading }));
      cells.push(cell(2, LABEL_COLS + i, 'header', { text: col.label }));
    }
  });
  const HEAD = 3;
  const valued = t.rows.filter((row) => row.hasValues);
  const rowIndex = new Map(valued.map((row, i) => [row.key, HEAD + i]));
  // A group row spans the valued rows below it.
  const descendants = (key: string): number =>
    t.rows
      .filter((row) => row.parent === key)
      .reduce((n, row) => n + (row.hasValues ? 1 : 0) + descendants(row.key), 0);
  const firstValuedUnder = (key: string): number => {
    for (const row of t.rows) {
      if (!row.hasValues) continue;
      let p: string | undefined = row.parent;
      while (p && p !== key) p = t.rows.find((x) => x.key === p)?.parent;
      if (p === key) return rowIndex.get(row.key)!;
    }
    throw new Error(`group ${key} has no rows`);
  };
  for (const row of t.rows) {
    const col = row.level;
    if (row.hasValues) {
      const r = rowIndex.get(row.key)!;
      cells.push(cell(r, col, 'label', { colSpan: LABEL_COLS - col, text: row.label, level: row.level }));
      t.columns.forEach((c, i) =>
        cells.push(cell(r, LABEL_COLS + i, 'value', { cellId: cellId('三', row.key, c.key), level: row.level })),
      );
    } else {
      cells.push(
        cell(firstValuedUnder(row.key), col, 'label', {
          rowSpan: descendants(row.key),
          text: row.label,
          level: row.level,
        }),
      );
    }
  }
  return { table: '三', rows: HEAD + valued.length, cols, headerRows: [0, 1, 2], cells: sortCells(cells) };
}

/** Table 四: 行政复议 (5 columns) and 行政诉讼 (two groups of 5); three header rows and one row of values. */
export function table4Grid(format: FormatDef): TableGrid {
  const t = format.table4;
  const n = t.columns.length;
  const cells: GridCell[] = [];
  const [review, ...litigation] = t.groups;
  cells.push(cell(0, 0, 'header', { colSpan: n, text: t.reviewHeading }));
  cells.push(cell(0, n, 'header', { colSpan: n * litigation.length, text: t.litigationHeading }));
  t.columns.forEach((col, i) => cells.push(cell(1, i, 'header', { rowSpan: 2, text: col.label })));
  litigation.forEach((g, gi) => {
    cells.push(cell(1, n * (gi + 1), 'header', { colSpan: n, text: g.label }));
    t.columns.forEach((col, i) => cells.push(cell(2, n * (gi + 1) + i, 'header', { text: col.label })));
  });
  [review!, ...litigation].forEach((g, gi) =>
    t.columns.forEach((col, i) => cells.push(cell(3, n * gi + i, 'value', { cellId: cellId('四', g.key, col.key) }))),
  );
  return { table: '四', rows: 4, cols: n * t.groups.length, headerRows: [0, 1, 2], cells: sortCells(cells) };
}

function sortCells(cells: GridCell[]): GridCell[] {
  return cells.sort((a, b) => a.r - b.r || a.c - b.c);
}

const grids = new WeakMap<FormatDef, Record<TableId, TableGrid>>();

/** The three tables' grids for a format (computed once). */
export function tableGrids(format: FormatDef): Readonly<Record<TableId, TableGrid>> {
  let g = grids.get(format);
  if (!g) grids.set(format, (g = { 二: table2Grid(format), 三: table3Grid(format), 四: table4Grid(format) }));
  return g;
}

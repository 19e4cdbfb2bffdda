/** Derives the flat list of input cells from a format's tables, so cell ids are made in one place. */
import type { CellDef, FormatDef, Table2Block, Table3Row } from './types';
import { TABLE3_COLUMNS, TABLE4_COLUMNS, TABLE4_GROUPS } from './shared';

export function cellId(table: '二' | '三' | '四', rowKey: string, colKey: string): string {
  const t = table === '二' ? 't2' : table === '三' ? 't3' : 't4';
  return `${t}.${rowKey}.${colKey}`;
}

export function deriveCells(table2: readonly Table2Block[], table3Rows: readonly Table3Row[]): CellDef[] {
  const cells: CellDef[] = [];
  for (const block of table2) {
    for (const row of block.rows) {
      for (const col of block.columns) {
        cells.push({
          id: cellId('二', row.key, col.key),
          table: '二',
          rowKey: row.key,
          colKey: col.key,
          row: row.label,
          column: col.label,
          group: block.heading,
          kind: col.kind,
        });
      }
    }
  }
  const byKey = new Map(table3Rows.map((r) => [r.key, r]));
  for (const row of table3Rows) {
    if (!row.hasValues) continue;
    const group = row.parent ? byKey.get(row.parent)?.label : undefined;
    for (const col of TABLE3_COLUMNS) {
      cells.push({
        id: cellId('三', row.key, col.key),
        table: '三',
        rowKey: row.key,
        colKey: col.key,
        row: row.label,
        column: col.label,
        ...(group ? { group } : {}),
        kind: 'count',
      });
    }
  }
  for (const g of TABLE4_GROUPS) {
    for (const col of TABLE4_COLUMNS) {
      cells.push({
        id: cellId('四', g.key, col.key),
        table: '四',
        rowKey: g.key,
        colKey: col.key,
        row: g.label,
        column: col.label,
        ...(g.parentLabel ? { group: g.parentLabel } : {}),
        kind: 'count',
      });
    }
  }
  return cells;
}

export function indexCells(cells: readonly CellDef[]): ReadonlyMap<string, CellDef> {
  return new Map(cells.map((c) => [c.id, c]));
}

export type FormatParts = Omit<FormatDef, 'cells' | 'cellById'>;

export function completeFormat(parts: FormatParts): FormatDef {
  const cells = deriveCells(parts.table2, parts.table3.rows);
  return { ...parts, cells, cellById: indexCells(cells) };
}

/** Cell sets named by format keys (./phrases) → cell ids and official names, from the format itself. */
import { cellId } from '../../format/build';
import type { FormatDef, Table3Row } from '../../format/types';
import type { Bilingual, CellValue } from '../../model/types';
import { cellName } from '../cells';
import type { CellSet, Table2Column, TargetSpec } from './phrases';

export interface ResolvedCells {
  readonly ids: readonly string[];
  readonly name: Bilingual;
}

/** The rows of table 三 a row key stands for: itself when it has numbers, else its items (（三） → 1–8). */
export function table3RowsUnder(format: FormatDef, key: string): Table3Row[] {
  const row = format.table3.rows.find((r) => r.key === key);
  if (!row) return [];
  if (row.hasValues) return [row];
  return format.table3.rows.filter((r) => r.parent === key && r.hasValues);
}

function table2Column(format: FormatDef, row: string, column: Table2Column): string | undefined {
  const block = format.table2.find((b) => b.rows.some((r) => r.key === row));
  if (!block) return undefined;
  // The block's first column is this year's issued documents in both formats (本年制发件数 / 本年新制作数量).
  if (column === 'issued') return block.columns[0]?.key;
  return block.columns.find((c) => c.key === column)?.key;
}

function resolveSpec(format: FormatDef, spec: TargetSpec): ResolvedCells | null {
  if (spec.table === '三') {
    const rows = table3RowsUnder(format, spec.row);
    if (rows.length === 0) return null;
    const ids = rows.map((r) => cellId('三', r.key, 'total'));
    if (rows.length === 1) return { ids, name: cellName(format, ids[0]!) };
    const group = format.table3.rows.find((r) => r.key === spec.row)!.label;
    return {
      ids,
      name: { zh: `表三「${group}」各项「总计」之和`, en: `table 三, “${group}” (all its items), column “总计”` },
    };
  }
  if (spec.table === '四') {
    const groups =
      spec.scope === 'litigation'
        ? format.table4.groups.filter((g) => g.parentLabel === format.table4.litigationHeading)
        : format.table4.groups.filter((g) => g.key === spec.scope);
    const column = format.table4.columns.find((c) => c.key === spec.column);
    if (groups.length === 0 || !column) return null;
    const ids = groups.map((g) => cellId('四', g.key, spec.column));
    if (ids.length === 1) return { ids, name: cellName(format, ids[0]!) };
    const heading = format.table4.litigationHeading;
    return {
      ids,
      name: {
        zh: `表四「${heading}」（${groups.map((g) => g.label).join('、')}）「${column.label}」之和`,
        en: `table 四, “${heading}” (${groups.map((g) => g.label).join(' + ')}), sum of “${column.label}”`,
      },
    };
  }
  const col = table2Column(format, spec.row, spec.column);
  if (!col) return null;
  const id = cellId('二', spec.row, col);
  return format.cellById.has(id) ? { ids: [id], name: cellName(format, id) } : null;
}

const resolved = new WeakMap<FormatDef, Map<TargetSpec, ResolvedCells | null>>();

function resolveSpecCached(format: FormatDef, spec: TargetSpec): ResolvedCells | null {
  let byFormat = resolved.get(format);
  if (!byFormat) resolved.set(format, (byFormat = new Map()));
  let hit = byFormat.get(spec);
  if (hit === undefined) byFormat.set(spec, (hit = resolveSpec(format, spec)));
  return hit;
}

/** A cell set's cells and name in this format; null when the format has no such cells (（六）2 in 2019). */
export function resolveCellSet(format: FormatDef, set: CellSet): ResolvedCells | null {
  if (set.length === 1) return resolveSpecCached(format, set[0]!);
  const parts: ResolvedCells[] = [];
  for (const spec of set) {
    const r = resolveSpecCached(format, spec);
    if (!r) return null;
    parts.push(r);
  }
  return {
    ids: parts.flatMap((p) => p.ids),
    name: { zh: parts.map((p) => p.name.zh).join('＋'), en: parts.map((p) => p.name.en).join(' + ') },
  };
}

const partsCache = new WeakMap<FormatDef, Map<string, string[]>>();

/** The cells a 总计 adds up (table 三: the row's six others; table 四: the group's four outcomes); none for others. */
function partsOfTotal(format: FormatDef, id: string): readonly string[] {
  let byId = partsCache.get(format);
  if (!byId) {
    byId = new Map();
    for (const c of format.cells) {
      if (c.table === '二' || c.colKey !== 'total') continue;
      byId.set(
        c.id,
        format.cells.filter((o) => o.table === c.table && o.rowKey === c.rowKey && o.id !== c.id).map((o) => o.id),
      );
    }
    partsCache.set(format, byId);
  }
  return byId.get(id) ?? [];
}

/**
 * The sum of the cells as filled: undefined when any holds text or all are blank (the TYPE rules report those). A
 * blank 总计 stands for the sum of its parts, where they are filled (with `format`).
 */
export function sumCells(
  value: (id: string) => CellValue,
  ids: readonly string[],
  format?: FormatDef,
): number | undefined {
  let sum = 0;
  let seen = 0;
  for (const id of ids) {
    let v = value(id);
    if (v === null && format) {
      const parts = partsOfTotal(format, id);
      v = parts.length > 0 ? (sumCells(value, parts) ?? null) : null;
    }
    if (v === null) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
    sum += v;
    seen++;
  }
  return seen === 0 ? undefined : sum;
}

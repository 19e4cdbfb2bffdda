/**
 * The official tables as HTML, drawn from `tableGrids(format)`: every merged cell keeps the grid's rowspan and
 * colspan. Each value cell names all its headers (headers="…"), because scope alone cannot describe these
 * multi-level headers; header and label cells also carry scope for simple readers.
 *
 * A table's markup depends only on the format, so it is compiled once into static text with value slots; a render
 * only fills the slots.
 */
import { tableGrids, type GridCell, type TableGrid } from '../format/grid';
import type { FormatDef, TableId } from '../format/types';
import type { CellValue, Report } from '../model/types';
import { escapeHtml, plainNumber } from './escape';

const TABLE_NO: Record<TableId, number> = { 二: 2, 三: 3, 四: 4 };

/** Static markup around the value slots: `parts.length === slots.length + 1`. */
export interface CompiledTable {
  readonly parts: readonly string[];
  readonly slots: readonly string[];
}

/** A value as written: blank stays empty, a number as its plain decimal, text (kept for the rules) as is. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? plainNumber(v) : escapeHtml(v);
}

export function renderTable(format: FormatDef, table: TableId, report: Report): string {
  const { parts, slots } = compiledTable(format, table);
  let html = parts[0]!;
  for (let i = 0; i < slots.length; i++) html += cellText(report.values[slots[i]!]) + parts[i + 1]!;
  return html;
}

const cache = new WeakMap<FormatDef, Partial<Record<TableId, CompiledTable>>>();

export function compiledTable(format: FormatDef, table: TableId): CompiledTable {
  let byTable = cache.get(format);
  if (!byTable) cache.set(format, (byTable = {}));
  return (byTable[table] ??= compile(tableGrids(format)[table], captionOf(format, table)));
}

function captionOf(format: FormatDef, table: TableId): string {
  return format.sections.find((s) => s.table === table)?.heading ?? `表${table}`;
}

function compile(grid: TableGrid, caption: string): CompiledTable {
  const t = TABLE_NO[grid.table];
  const idOf = (cell: GridCell) => `t${t}-r${cell.r}c${cell.c}`;
  const headerRows = new Set(grid.headerRows);
  // Which anchored cell covers each slot of the table, to find a cell's headers by looking up and left.
  const slot: (GridCell | undefined)[][] = Array.from({ length: grid.rows }, () => new Array(grid.cols));
  for (const x of grid.cells) {
    for (let i = 0; i < x.rowSpan; i++) for (let j = 0; j < x.colSpan; j++) slot[x.r + i]![x.c + j] = x;
  }
  // The header rows form one head (tables 三, 四) unless they recur per block (table 二): then each block is a tbody.
  const singleHead = grid.headerRows.every((r, i) => r === i);
  const blockStarts = new Set(grid.headerRows.filter((r) => !headerRows.has(r - 1)));

  /** Ids of the headers of a cell: the labels to its left, then the header rows above it (up to its block). */
  function headersOf(cell: GridCell): string {
    const above: GridCell[] = [];
    // A header row's own headers stop at the first non-header row above it (its block's start).
    let seenHeader = headerRows.has(cell.r);
    for (let r = cell.r - 1; r >= 0; r--) {
      if (!headerRows.has(r)) {
        if (seenHeader) break;
        continue;
      }
      seenHeader = true;
      const h = slot[r]![cell.c];
      if (h && h.kind === 'header' && !above.includes(h)) above.unshift(h);
    }
    const left: GridCell[] = [];
    for (let c = 0; c < cell.c; c++) {
      const l = slot[cell.r]![c];
      if (l && l.kind === 'label' && l !== cell && !left.includes(l)) left.push(l);
    }
    return [...left, ...above].map(idOf).join(' ');
  }

  /** A cell's markup; a value cell gives its opening tag and its slot (the value is filled in at render time). */
  function cellHtml(cell: GridCell): string | { open: string; slot: string } {
    const span =
      (cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '') + (cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '');
    const text = escapeHtml(cell.text ?? '');
    const headers = headersOf(cell);
    const headersAttr = headers ? ` headers="${headers}"` : '';
    switch (cell.kind) {
      case 'note':
        return `<td class="note"${span}>${text}</td>`;
      case 'header': {
        // A full-width header inside the body heads its block of rows (table 二: 第二十条第（一）项).
        const blockHeading = !singleHead && cell.colSpan === grid.cols;
        // Table 二 stretches a block's last column to the table's width: still one column, not a group.
        const scope = blockHeading ? 'rowgroup' : singleHead && cell.colSpan > 1 ? 'colgroup' : 'col';
        const cls = blockHeading ? ' class="block"' : singleHead ? '' : ' class="colhead"';
        return `<th id="${idOf(cell)}" scope="${scope}"${cls}${span}${headersAttr}>${text}</th>`;
      }
      case 'label': {
        const level = cell.level === undefined ? '' : ` l${cell.level}`;
        return `<th id="${idOf(cell)}" scope="row" class="label${level}"${span}${headersAttr}>${text}</th>`;
      }
      case 'value':
        return { open: `<td data-cell="${escapeHtml(cell.cellId!)}"${span}${headersAttr}>`, slot: cell.cellId! };
    }
  }

  const parts: string[] = [];
  const slots: string[] = [];
  let buf = `<table class="t${t}" id="table-${t}">\n<caption>${escapeHtml(caption)}</caption>\n${colgroups(grid, t)}`;
  const byRow: GridCell[][] = Array.from({ length: grid.rows }, () => []);
  for (const cell of grid.cells) byRow[cell.r]!.push(cell);
  for (let r = 0; r < grid.rows; r++) {
    if (singleHead) {
      if (r === 0) buf += '<thead>\n';
      if (r === grid.headerRows.length) buf += '</thead>\n<tbody>\n';
    } else if (blockStarts.has(r)) {
      buf += (r === 0 ? '' : '</tbody>\n') + '<tbody>\n';
    }
    buf += '<tr>';
    for (const cell of byRow[r]!.sort((a, b) => a.c - b.c)) {
      const out = cellHtml(cell);
      if (typeof out === 'string') {
        buf += out;
      } else {
        parts.push(buf + out.open);
        slots.push(out.slot);
        buf = '</td>';
      }
    }
    buf += '</tr>\n';
  }
  buf += '</tbody>\n</table>';
  parts.push(buf);
  return { parts, slots };
}

/**
 * Column groups follow the top header row (so scope="colgroup" on 申请人情况, 行政复议, 行政诉讼 means what it says);
 * the label columns get classes for their widths.
 */
function colgroups(grid: TableGrid, t: number): string {
  if (t === 2) return `<colgroup><col class="t2-label"></colgroup><colgroup span="${grid.cols - 1}"></colgroup>\n`;
  const top = grid.cells.filter((x) => x.r === 0).sort((a, b) => a.c - b.c);
  return (
    top
      .map((x) => {
        if (x.kind === 'note') {
          const cols = Array.from({ length: x.colSpan }, (_, i) => `<col class="t${t}-l${i}">`).join('');
          return `<colgroup>${cols}</colgroup>`;
        }
        return `<colgroup span="${x.colSpan}"></colgroup>`;
      })
      .join('') + '\n'
  );
}

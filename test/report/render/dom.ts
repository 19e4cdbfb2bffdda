/** Test helpers: parse a page with a spec-compliant HTML parser (jsdom's DOMParser) and read tables back as grids. */
import type { GridCellKind } from '../../../report/format/grid';

export function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

export interface SlotCell {
  r: number;
  c: number;
  rowSpan: number;
  colSpan: number;
  kind: GridCellKind;
  text?: string;
  cellId?: string;
  el: HTMLTableCellElement;
}

/** The HTML table model: each cell's anchor row and column, found by filling the slots rows and spans occupy. */
export function tableCells(table: HTMLTableElement): SlotCell[] {
  const taken = new Set<string>();
  const out: SlotCell[] = [];
  Array.from(table.rows).forEach((row, r) => {
    let c = 0;
    for (const el of Array.from(row.cells)) {
      while (taken.has(`${r},${c}`)) c++;
      for (let i = 0; i < el.rowSpan; i++) for (let j = 0; j < el.colSpan; j++) taken.add(`${r + i},${c + j}`);
      const cellId = el.getAttribute('data-cell') ?? undefined;
      const kind: GridCellKind = cellId
        ? 'value'
        : el.classList.contains('note')
          ? 'note'
          : el.classList.contains('label')
            ? 'label'
            : 'header';
      out.push({
        r,
        c,
        rowSpan: el.rowSpan,
        colSpan: el.colSpan,
        kind,
        el,
        ...(cellId ? { cellId } : { text: el.textContent ?? '' }),
      });
      c += el.colSpan;
    }
  });
  return out;
}

/** The texts of the headers a cell names (headers="id id …"), in order; throws on a dangling id. */
export function headerTexts(doc: Document, el: Element): string[] {
  const ids = (el.getAttribute('headers') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => {
    const h = doc.getElementById(id);
    if (!h) throw new Error(`headers names a missing id: ${id}`);
    return h.textContent ?? '';
  });
}

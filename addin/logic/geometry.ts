/**
 * Where the inputs sit, as rectangles per sheet: the add-in reads one rectangle per sheet (all in one sync) and
 * tells from a change event's address whether an input was touched. Derived from report/workbook/layout.ts.
 */
import type { InputSlot, WorkbookLayout } from '../../report/workbook/layout';
import { a1 } from '../../report/workbook/layout';

/** 1-based, inclusive. Infinity for whole rows or columns (A:C, 3:5). */
export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface SheetBox extends Rect {
  readonly sheet: string;
  /** The A1 range of the rectangle, e.g. D4:J28. */
  readonly range: string;
  readonly slots: readonly InputSlot[];
}

const boxes = new WeakMap<WorkbookLayout, readonly SheetBox[]>();

/** One bounding rectangle per sheet that has inputs, in the layout's sheet order. */
export function sheetBoxes(layout: WorkbookLayout): readonly SheetBox[] {
  const hit = boxes.get(layout);
  if (hit) return hit;
  const bySheet = new Map<string, InputSlot[]>();
  for (const s of layout.inputs) {
    let list = bySheet.get(s.sheet);
    if (!list) bySheet.set(s.sheet, (list = []));
    list.push(s);
  }
  const out: SheetBox[] = [];
  for (const sheet of layout.sheets) {
    const slots = bySheet.get(sheet.name);
    if (!slots) continue;
    const top = Math.min(...slots.map((s) => s.row));
    const left = Math.min(...slots.map((s) => s.col));
    const bottom = Math.max(...slots.map((s) => s.row));
    const right = Math.max(...slots.map((s) => s.col));
    out.push({ sheet: sheet.name, top, left, bottom, right, range: `${a1(top, left)}:${a1(bottom, right)}`, slots });
  }
  boxes.set(layout, out);
  return out;
}

/** The value of a slot in the values matrix read for its sheet's box. */
export function valueInBox(box: SheetBox, values: readonly (readonly unknown[])[], slot: InputSlot): unknown {
  return values[slot.row - box.top]?.[slot.col - box.left];
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/**
 * Parses an address as change events give it (`D5`, `D5:J29`, `A:A`, `3:3`, `'Sheet'!B2`, several areas joined
 * by commas) into rectangles. Unparseable parts count as the whole sheet, so a change is never missed.
 */
export function parseAddress(address: string): Rect[] {
  const whole: Rect = { top: 1, left: 1, bottom: Infinity, right: Infinity };
  return address
    .split(/[,;]/)
    .map((part) => part.trim().replace(/^.*!/, ''))
    .filter((part) => part !== '')
    .map((part): Rect => {
      const [from, to = from] = part.split(':');
      const a = CELL.exec(from!);
      const b = CELL.exec(to!);
      if (!a || !b || (!a[1] && !a[2]) || (!b[1] && !b[2])) return whole;
      const left = a[1] ? columnNumber(a[1]) : 1;
      const right = b[1] ? columnNumber(b[1]) : Infinity;
      const top = a[2] ? Number(a[2]) : 1;
      const bottom = b[2] ? Number(b[2]) : Infinity;
      return {
        top: Math.min(top, bottom),
        left: Math.min(left, right),
        bottom: Math.max(top, bottom),
        right: Math.max(left, right),
      };
    });
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** Does a change at `address` on `sheet` touch an input? */
export function touchesInputs(layout: WorkbookLayout, sheet: string, address: string): boolean {
  const box = sheetBoxes(layout).find((b) => b.sheet === sheet);
  if (!box) return false;
  return parseAddress(address).some(
    (r) =>
      intersects(r, box) &&
      box.slots.some((s) => intersects(r, { top: s.row, left: s.col, bottom: s.row, right: s.col })),
  );
}

/**
 * Which change events matter: a change to an input cell by the person (or a co-author), not the add-in's own
 * writes, which it follows with a validation of its own.
 */
import type { WorkbookLayout } from '../../report/workbook/layout';
import { intersects, parseAddress, touchesInputs, type Rect } from './geometry';

/** The parts of Excel's WorksheetChangedEventArgs the add-in looks at. */
export interface ChangeNotice {
  readonly worksheetId: string;
  readonly address: string;
  /** ExcelApi 1.14+: ThisLocalAddin for our own writes. */
  readonly triggerSource?: string;
}

/** How long after its sync an own write's events may still arrive. */
export const OWN_WRITE_GRACE_MS = 2000;

interface PendingWrite {
  readonly sheet: string;
  readonly rects: readonly Rect[];
  until: number;
}

/** Remembers the cells the add-in is writing, so their change events are not taken for the person's edits. */
export class OwnWrites {
  private pending: PendingWrite[] = [];

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Call before writing; call the returned function once the write has synced (starts the grace period). */
  begin(sheet: string, addresses: readonly string[]): () => void {
    const entry: PendingWrite = { sheet, rects: addresses.flatMap(parseAddress), until: Infinity };
    this.pending.push(entry);
    return () => {
      entry.until = this.now() + OWN_WRITE_GRACE_MS;
    };
  }

  /** Is a change at this address one of ours? */
  covers(sheet: string, address: string): boolean {
    const t = this.now();
    this.pending = this.pending.filter((p) => p.until >= t);
    const rects = parseAddress(address);
    return rects.every((r) => this.pending.some((p) => p.sheet === sheet && p.rects.some((w) => contains(w, r))));
  }
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    intersects(outer, inner) &&
    outer.top <= inner.top &&
    outer.left <= inner.left &&
    outer.bottom >= inner.bottom &&
    outer.right >= inner.right
  );
}

/**
 * Decides whether a change should trigger a validation. `sheetName` maps Excel's worksheet id to its name (as last
 * read); an unknown id means a sheet outside the template.
 */
export function isRelevantChange(
  layout: WorkbookLayout,
  notice: ChangeNotice,
  sheetName: (id: string) => string | undefined,
  own: OwnWrites,
): boolean {
  if (notice.triggerSource === 'ThisLocalAddin') return false;
  const sheet = sheetName(notice.worksheetId);
  if (sheet === undefined) return false;
  if (!touchesInputs(layout, sheet, notice.address)) return false;
  return !own.covers(sheet, notice.address);
}

/**
 * What last year's report lets the add-in fill in: 二、上年结转 (t3.carried.*) is last year's 四、结转下年度继续办理
 * (t3.carryOver.*), and last year's 现行有效件数 is the baseline for this year's (the YEAR-* rules check both).
 */
import { cellId } from '../../report/format/build';
import type { FormatDef } from '../../report/format/types';
import type { Report } from '../../report/model/types';

export interface Prefill {
  /** Cell id → value to write. */
  readonly values: Readonly<Record<string, number>>;
  /** The year of the report the values come from. */
  readonly fromYear: number | null;
}

const num = (r: Report, id: string): number | undefined => {
  const v = r.values[id];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

export function prefillFromPrevious(format: FormatDef, previous: Report): Prefill {
  const values: Record<string, number> = {};
  for (const c of format.table3.columns) {
    const v = num(previous, cellId('三', 'carryOver', c.key));
    if (v !== undefined) values[cellId('三', 'carried', c.key)] = v;
  }
  // 现行有效件数 exists in the 2021 format only (the trial format counted something else).
  if (format.version === '2021' && previous.format === '2021') {
    for (const row of format.table2[0]?.rows ?? []) {
      const id = cellId('二', row.key, 'inForce');
      if (!format.cellById.has(id)) continue;
      const v = num(previous, id);
      if (v !== undefined) values[id] = v;
    }
  }
  return { values, fromYear: previous.year };
}

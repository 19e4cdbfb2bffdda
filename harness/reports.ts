/**
 * Consistent reports for tests: every sum, balance and bound holds. Built from the format data, so they cover every
 * cell of either format; `seed` varies the numbers.
 */
import { FORMATS, cellId } from '../report/format';
import type { FormatVersion } from '../report/format/types';
import { emptyReport } from '../report/model';
import type { Report } from '../report/model/types';
import { table3ResultRows } from '../report/rules/tableRules';

const PARTS = ['natural', 'business', 'research', 'nonprofit', 'legal', 'other'] as const;

/** A small deterministic generator (mulberry32), so failures can be reproduced from the seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function consistentReport(
  opts: { seed?: number; format?: FormatVersion; year?: number; agency?: string; max?: number } = {},
): Report {
  const format = FORMATS[opts.format ?? '2021'];
  const year = opts.year ?? (format.version === '2019' ? 2020 : 2025);
  const report = emptyReport({ format: format.version, year, agency: opts.agency ?? '测试市测试局' });
  const rand = rng(opts.seed ?? 1);
  const max = opts.max ?? 5;
  const int = (n = max) => Math.floor(rand() * (n + 1));
  const set = (id: string, v: number) => (report.values[id] = v);

  for (const c of format.cells.filter((c) => c.table === '二')) {
    set(
      c.id,
      c.kind === 'fee' || c.kind === 'amount'
        ? Math.round(rand() * 1000) / 100
        : c.kind === 'signedCount'
          ? int(4) - 2
          : int(),
    );
  }
  // Table 三: results per column, then totals; 一 + 二 = （七）总计 + 四 by construction.
  const results = table3ResultRows(format);
  for (const part of PARTS) {
    let handled = 0;
    for (const r of results) {
      const v = rand() < 0.4 ? int() : 0;
      set(cellId('三', r, part), v);
      handled += v;
    }
    set(cellId('三', 'total', part), handled);
    const carryOver = int(2);
    set(cellId('三', 'carryOver', part), carryOver);
    const carried = Math.min(int(2), handled + carryOver);
    set(cellId('三', 'carried', part), carried);
    set(cellId('三', 'new', part), handled + carryOver - carried);
  }
  for (const row of format.table3.rows.filter((r) => r.hasValues)) {
    set(
      cellId('三', row.key, 'total'),
      PARTS.reduce((s, p) => s + (report.values[cellId('三', row.key, p)] as number), 0),
    );
  }
  for (const g of format.table4.groups) {
    const parts = ['upheld', 'corrected', 'other', 'pending'].map((c) => {
      const v = int(1);
      set(cellId('四', g.key, c), v);
      return v;
    });
    set(
      cellId('四', g.key, 'total'),
      parts.reduce((a, b) => a + b, 0),
    );
  }
  // Prose that names no counts (so it cannot disagree with the tables) and states the 信息处理费 as TEXT-FEE asks.
  const unpaid = format.version === '2021' ? (report.values[cellId('三', 'otherUnpaid', 'total')] as number) : 0;
  report.sections = {
    overview:
      '本机关坚持以公开为常态、不公开为例外，依法做好主动公开和依申请公开工作，完善政府信息管理制度，加强公开平台建设和监督保障。',
    problems: '存在的主要问题是公开内容的深度和广度仍需拓展。下一步将加强政策解读，推进政府信息公开标准化、规范化。',
    other:
      unpaid > 0
        ? `本年度发出收费通知${unpaid}件，申请人均未按期缴费，未实际收取信息处理费。`
        : '本年度未发出收费通知，未收取信息处理费。',
  };
  return report;
}

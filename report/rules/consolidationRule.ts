/**
 * CONSOLIDATION-DIFF: a government's own 本级 report against the sum of the accepted reports of the agencies its
 * office consolidates (the repository computes the sum when a government submits).
 */
import type { Finding } from '../model/types';
import { cellName, cellRef, fmt } from './cells';
import type { CheckRule } from './types';

export const CONSOLIDATION_DIFF: CheckRule = {
  kind: 'check',
  code: 'CONSOLIDATION-DIFF',
  severity: 'warning',
  needsConsolidated: true,
  title: { zh: '本级年报与各部门已通过年报的合计一致', en: 'The 本级 report agrees with its departments’ sums' },
  description: {
    zh: '本级政府报送自己的年报时：表二、表三、表四的每个单元格与其审核的各机关已通过年报的合计相同；每个不同的单元格列出两个数字。',
    en: 'When a government submits its own report: each cell of tables 二, 三 and 四 equals the sum over the accepted reports of the agencies its office consolidates; every cell that differs is named with both figures.',
  },
  check(ctx) {
    const sums = ctx.consolidated!;
    if (sums.reports === 0) return [];
    const out: Finding[] = [];
    for (const cell of ctx.format.cells) {
      const own = ctx.num(cell.id);
      const sum = sums.values[cell.id];
      if (own === undefined || sum === undefined || Math.abs(own - sum) < 1e-9) continue;
      const name = cellName(ctx.format, cell.id);
      out.push({
        rule: 'CONSOLIDATION-DIFF',
        severity: 'warning',
        message: {
          zh: `${name.zh}为 ${fmt(own)}，而 ${sums.reports} 个机关已通过的年报合计为 ${fmt(sum)}。`,
          en: `${name.en}: ${fmt(own)}, but the ${sums.reports} accepted reports add up to ${fmt(sum)}.`,
        },
        cells: [cellRef(ctx.format, cell.id)],
      });
    }
    return out;
  },
};

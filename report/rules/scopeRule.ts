/** T4-SCOPE: review and litigation counts far above the applications handled suggest other cases were counted. */
import { cellId } from '../format/build';
import { cellRefs, fmt } from './cells';
import type { CheckRule } from './types';

/** "Far above": more than twice the applications handled, and more than this many cases beyond them. */
const SCOPE_MARGIN = 3;

export const T4_SCOPE: CheckRule = {
  kind: 'check',
  code: 'T4-SCOPE',
  severity: 'warning',
  title: { zh: '表四只统计因政府信息公开引发的复议诉讼', en: 'Table 四 counts only information-disclosure cases' },
  description: {
    zh: '行政复议或行政诉讼的总数超过本年办理的申请（一加二）的两倍且多出 3 件以上：可能计入了不是因政府信息公开引发的案件。',
    en: '行政复议 or 行政诉讼 totals more than twice the applications handled (一 + 二), and more than 3 beyond them: cases not arising from information disclosure were probably counted.',
  },
  check(ctx) {
    const applications =
      (ctx.num(cellId('三', 'new', 'total')) ?? 0) + (ctx.num(cellId('三', 'carried', 'total')) ?? 0);
    const groups: { ids: string[]; zh: string; en: string }[] = [
      { ids: [cellId('四', 'review', 'total')], zh: '行政复议', en: '行政复议 (administrative review)' },
      {
        ids: [cellId('四', 'litigationDirect', 'total'), cellId('四', 'litigationAfterReview', 'total')],
        zh: '行政诉讼',
        en: '行政诉讼 (litigation)',
      },
    ];
    return groups.flatMap((g) => {
      const cases = g.ids.reduce((s, id) => s + (ctx.num(id) ?? 0), 0);
      if (cases <= 2 * applications || cases - applications <= SCOPE_MARGIN) return [];
      return [
        {
          rule: 'T4-SCOPE',
          severity: 'warning' as const,
          message: {
            zh: `表四${g.zh}共 ${fmt(cases)} 件，远多于本年办理的政府信息公开申请（一加二共 ${fmt(applications)} 件）：请确认只统计了因政府信息公开引发的案件。`,
            en: `Table 四: ${fmt(cases)} ${g.en} cases, far more than the applications handled (一 + 二 = ${fmt(applications)}): count only cases arising from information disclosure.`,
          },
          cells: cellRefs(ctx.format, g.ids),
        },
      ];
    });
  },
};

/** TEXT-COUNT (a stated count against its cells) and TEXT-UNIT (applications counted in another unit than 件). */
import type { FormatDef } from '../../format/types';
import type { Finding } from '../../model/types';
import { cellRefs, fmt } from '../cells';
import type { CheckRule } from '../types';
import { analyseProse, type Claim } from './extract';
import { sectionHeading, textFinding } from './findings';
import { APPLICATION_UNIT } from './phrases';
import { resolveCellSet, sumCells, type ResolvedCells } from './targets';

export const TEXT_COUNT: CheckRule = {
  kind: 'check',
  code: 'TEXT-COUNT',
  severity: 'warning',
  title: { zh: '正文所述件数应与表格一致', en: 'Counts stated in the prose match the tables' },
  description: {
    zh: '正文中写明的件数（收到、上年结转、办结、结转下年、予以公开、不予公开、无法提供、行政复议、行政诉讼、制发规范性文件等）与对应单元格或其合计一致。',
    en: 'A count stated in the prose (received, carried over, answered, carried forward, 予以公开, 不予公开, 无法提供, reviews, lawsuits, documents issued …) equals its cell or the sum of its cells.',
  },
  check(ctx) {
    const out: Finding[] = [];
    const value = (id: string) => ctx.value(id);
    for (const claim of analyseProse(ctx.report).claims) {
      if (claim.approximate || claim.targets.length === 0) continue;
      let mismatch: { cells: ResolvedCells; sum: number } | undefined;
      let agrees = false;
      for (const set of claim.targets) {
        const cells = resolveCellSet(ctx.format, set);
        const sum = cells ? sumCells(value, cells.ids, ctx.format) : undefined;
        if (!cells || sum === undefined) continue;
        if (sum === claim.value) {
          agrees = true;
          break;
        }
        mismatch ??= { cells, sum };
      }
      if (agrees || !mismatch) continue;
      const heading = sectionHeading(ctx.format, claim.section);
      const { cells, sum } = mismatch;
      const blank = cells.ids.some((id) => value(id) === null)
        ? { zh: '（总计空白，按各项之和计）', en: ' (总计 blank: the sum of its parts)' }
        : { zh: '', en: '' };
      out.push(
        textFinding(
          'TEXT-COUNT',
          'warning',
          claim.section,
          claim.excerpt,
          {
            zh: `「${heading}」写明「${claim.excerpt}」（${fmt(claim.value)}${claim.unit}），而${cells.name.zh}为 ${fmt(sum)}${blank.zh}：请核对正文或表格。`,
            en: `“${heading}” states “${claim.excerpt}” (${fmt(claim.value)}), but ${cells.name.en} is ${fmt(sum)}${blank.en}: check the text or the table.`,
          },
          cellRefs(ctx.format, cells.ids),
        ),
      );
    }
    return out;
  },
};

/** Does the claim count applications (table 三, or a reply category)? */
function countsApplications(claim: Claim): boolean {
  return claim.category !== undefined || claim.targets.some((set) => set.some((t) => t.table === '三'));
}

function firstCells(format: FormatDef, claim: Claim): readonly string[] {
  const set = claim.targets[0];
  return (set && resolveCellSet(format, set)?.ids) ?? [];
}

export const TEXT_UNIT: CheckRule = {
  kind: 'check',
  code: 'TEXT-UNIT',
  severity: 'info',
  title: { zh: '申请以“件”计', en: 'Applications are counted in 件' },
  description: {
    zh: '正文中的政府信息公开申请以「件」计，与表三一致，而不是次、条、例、份。',
    en: 'Applications in the prose are counted in 件, as in table 三, not in 次, 条, 例 or 份.',
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const claim of analyseProse(ctx.report).claims) {
      if (claim.unit === APPLICATION_UNIT || !countsApplications(claim)) continue;
      const heading = sectionHeading(ctx.format, claim.section);
      out.push(
        textFinding(
          'TEXT-UNIT',
          'info',
          claim.section,
          claim.excerpt,
          {
            zh: `「${heading}」中「${claim.excerpt}」以“${claim.unit}”计：政府信息公开申请以“${APPLICATION_UNIT}”计，与表三一致。`,
            en: `“${heading}”: “${claim.excerpt}” counts in “${claim.unit}”; applications are counted in “${APPLICATION_UNIT}”, as in table 三.`,
          },
          cellRefs(ctx.format, firstCells(ctx.format, claim)),
        ),
      );
    }
    return out;
  },
};

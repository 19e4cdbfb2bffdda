/**
 * TEXT-FEE: section 六 states how 信息处理费 was handled (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号).
 * An error when （六）2 counts applications dropped for unpaid fees but 六 reports fewer 收费通知 than that.
 */
import type { Finding } from '../../model/types';
import { cellRefs, fmt } from '../cells';
import type { CheckRule } from '../types';
import { analyseProse } from './extract';
import { sectionHeading } from './findings';
import type { CellSet } from './phrases';
import { FEE_MENTION } from './statements';
import { resolveCellSet } from './targets';

const OTHER_SECTION = 'other';
/** The first report year under 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号, in force 1 Jan 2021). */
export const FEE_RULES_FROM = 2021;
const FEE_NOTICE_KEY = 'feeNotice';
/** （六）2 逾期未缴费 (2021 format; the trial format has no such row). */
const UNPAID: CellSet = [{ table: '三', row: 'otherUnpaid' }];

export const TEXT_FEE: CheckRule = {
  kind: 'check',
  code: 'TEXT-FEE',
  severity: 'warning',
  title: {
    zh: '“其他需要报告的事项”应说明信息处理费收取情况',
    en: 'Section 六 states the information-processing fees',
  },
  description: {
    zh: '自 2021 年度报告起，「六、其他需要报告的事项」说明信息处理费的收取情况（国办函〔2020〕109号）；表三（六）2 逾期未缴费的件数多于第六部分报告的收费通知份数时为错误。',
    en: 'From the 2021 report on, section 六 states how information-processing fees (信息处理费) were handled (国办函〔2020〕109号); an error when table 三 （六）2 (fees not paid) counts more than the fee notices section 六 reports.',
  },
  check(ctx) {
    // The fee rules of 国办函〔2020〕109号 apply from the 2021 report on.
    if (ctx.report.year !== null && ctx.report.year < FEE_RULES_FROM) return [];
    const analysis = analyseProse(ctx.report);
    const sec = analysis.sections.find((s) => s.id === OTHER_SECTION);
    // Prose not written at all is one fault for whoever reports missing sections (FORMAT-SECTIONS), as a blank
    // table is for TYPE-BLANK: the TEXT rules judge only what was written.
    if (!sec || sec.text.trim() === '') return [];
    const heading = sectionHeading(ctx.format, OTHER_SECTION);
    const mentioned = FEE_MENTION.test(sec.norm);
    const notices = analysis.claims
      .filter((c) => c.section === OTHER_SECTION && !c.approximate && c.phrases.some((p) => p.key === FEE_NOTICE_KEY))
      .reduce((sum, c) => sum + c.value, 0);
    const unpaidCells = resolveCellSet(ctx.format, UNPAID);
    const unpaid = unpaidCells ? (ctx.num(unpaidCells.ids[0]!) ?? 0) : 0;
    const out: Finding[] = [];
    if (unpaidCells && unpaid > notices) {
      const row = ctx.format.cellById.get(unpaidCells.ids[0]!)!.row;
      out.push({
        rule: 'TEXT-FEE',
        severity: 'error',
        section: OTHER_SECTION,
        message: {
          zh: `表三「${row}」为 ${fmt(unpaid)} 件，但「${heading}」${notices > 0 ? `只报告了 ${fmt(notices)} 份收费通知` : '未报告发出收费通知'}：请说明发出收费通知的件数和金额及实际收取的信息处理费。`,
          en: `Table 三 “${row}” counts ${fmt(unpaid)}, but “${heading}” ${notices > 0 ? `reports only ${fmt(notices)} fee notice(s) (收费通知)` : 'reports no fee notice (收费通知)'}: state the notices issued, their amount and the fees collected.`,
        },
        cells: cellRefs(ctx.format, unpaidCells.ids),
      });
    } else if (!mentioned) {
      out.push({
        rule: 'TEXT-FEE',
        severity: 'warning',
        section: OTHER_SECTION,
        message: {
          zh: `「${heading}」未说明信息处理费收取情况：请写明发出收费通知的件数和总金额、实际收取的金额，或未收取信息处理费。`,
          en: `“${heading}” says nothing about information-processing fees (信息处理费): state the fee notices issued and their amount, the amount collected, or that none was charged.`,
        },
        cells: [],
      });
    }
    return out;
  },
};

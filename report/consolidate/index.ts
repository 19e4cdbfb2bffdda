/**
 * The consolidated 本级政府 report (汇总): tables 二, 三 and 四 as the sums of the accepted reports of the agencies an
 * office covers, in the year's format, with a draft of the figures' sentences for the writer to complete. Pure: the
 * repository chooses the reports, this adds them up.
 */
import { cellId } from '../format/build';
import { formatForYear } from '../format';
import { emptyReport } from '../model';
import type { Report } from '../model/types';

/** Decimals kept in sums of fees (万元, TYPE-FEE allows four): no float noise such as 0.30000000000000004. */
const FEE_DECIMALS = 4;

/** Cell id → the sum over the reports of its numbers (text and blanks add nothing). */
export function sumReports(reports: readonly Report[], year: number): Record<string, number> {
  const format = formatForYear(year);
  const out: Record<string, number> = {};
  for (const cell of format.cells) {
    let sum = 0;
    for (const r of reports) {
      const v = r.values[cell.id];
      if (typeof v === 'number' && Number.isFinite(v)) sum += v;
    }
    const f = 10 ** FEE_DECIMALS;
    out[cell.id] = cell.kind === 'count' || cell.kind === 'signedCount' ? sum : Math.round(sum * f) / f;
  }
  return out;
}

/** The figures' sentences (收到…件, 办结…件, 结转…件, 复议…件, 诉讼…件), written so that the TEXT rules agree. */
export function draftOverview(values: Readonly<Record<string, number>>, year: number, reports: number): string {
  const t3 = (row: string) => values[cellId('三', row, 'total')] ?? 0;
  const t4 = (group: string) => values[cellId('四', group, 'total')] ?? 0;
  const litigation = t4('litigationDirect') + t4('litigationAfterReview');
  return (
    `${year}年，本级共收到政府信息公开申请${t3('new')}件，上年结转${t3('carried')}件，办结${t3('total')}件，` +
    `结转下年度继续办理${t3('carryOver')}件。因政府信息公开工作引起行政复议${t4('review')}件、行政诉讼${litigation}件。` +
    `（以上数字由${reports}个机关已通过审核的年报汇总生成；请补充本级主动公开、依申请公开、政府信息管理、平台建设和监督保障等工作情况。）`
  );
}

export const DRAFT_PROBLEMS = '（请填写存在的主要问题及改进情况。）';
export const DRAFT_OTHER =
  '（请根据各机关年报填写信息处理费的收取情况：发出收费通知的件数和总金额，实际收取的信息处理费。）';

/** The consolidated report of a government for a year from its agencies' accepted reports. */
export function consolidate(name: string, year: number, reports: readonly Report[]): Report {
  const format = formatForYear(year);
  const report = emptyReport({ format: format.version, agency: name, year });
  const values = sumReports(reports, year);
  Object.assign(report.values, values);
  report.sections = {
    overview: draftOverview(values, year, reports.length),
    problems: DRAFT_PROBLEMS,
    other: DRAFT_OTHER,
  };
  return report;
}

/** AGENCY-NAME: the report's own 行政机关名称 against the name the registry holds for the account's agency. */
import { META_AGENCY, META_LABELS, META_SHEET } from '../workbook/layout';
import type { CellRef, Finding } from '../model/types';
import type { CheckRule } from './types';

/** Names compared as written, but without spaces, invisible characters or full-width/half-width differences. */
export function sameAgencyName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/[\s\p{Cf}]/gu, '');
  return norm(a) === norm(b);
}

/** The 基本信息 cell that holds the agency's name. */
export const AGENCY_CELL: CellRef = { id: META_AGENCY, table: META_SHEET, row: META_LABELS.agency, column: '' };

export const AGENCY_NAME: CheckRule = {
  kind: 'check',
  code: 'AGENCY-NAME',
  severity: 'warning',
  needsRegistry: true,
  title: { zh: '机关名称与登记的名称一致', en: 'The agency name is the registered one' },
  description: {
    zh: '报送时：基本信息中的「行政机关名称」与中心库为该账号机关登记的正式名称一致。不一致时，公开页面、年度目录和开放数据一律使用登记的名称。',
    en: 'On submission: the 行政机关名称 in 基本信息 is the official name registered for the account’s agency. Where it differs, the published page, the index and open data use the registered name.',
  },
  check(ctx) {
    const own = ctx.report.agency?.trim();
    const registered = ctx.registeredName!;
    if (!own || sameAgencyName(own, registered)) return [];
    const finding: Finding = {
      rule: 'AGENCY-NAME',
      severity: 'warning',
      message: {
        zh: `基本信息中的机关名称「${own}」与登记的名称「${registered}」不一致：公开页面、目录和开放数据将使用登记的名称「${registered}」。`,
        en: `The agency name in 基本信息, “${own}”, is not the registered name “${registered}”: the published page, the index and open data use “${registered}”.`,
      },
      cells: [AGENCY_CELL],
    };
    return [finding];
  },
};

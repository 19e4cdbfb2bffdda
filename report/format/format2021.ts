/** 《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）, reporting year 2021 onward. */
import { completeFormat } from './build';
import {
  SECTIONS,
  TABLE2_HEADING,
  TABLE3_APPLICANT_HEADING,
  TABLE3_COLUMNS,
  TABLE3_NOTE,
  TABLE3_ORGANISATION_HEADING,
  TABLE3_OTHER_LABEL,
  TABLE3_ROWS_HEAD,
  TABLE3_ROWS_TAIL,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  TABLE4_LITIGATION_HEADING,
  TABLE4_REVIEW_HEADING,
} from './shared';

const DECISIONS = [{ key: 'decisions', label: '本年处理决定数量', kind: 'count' as const }];

export const FORMAT_2021 = completeFormat({
  version: '2021',
  source: '国办公开办函〔2021〕30号',
  sections: SECTIONS,
  table2Heading: TABLE2_HEADING,
  table2: [
    {
      key: 'art20_1',
      heading: '第二十条第（一）项',
      rows: [
        { key: 'rules', label: '规章' },
        { key: 'normative', label: '行政规范性文件' },
      ],
      columns: [
        { key: 'issued', label: '本年制发件数', kind: 'count' },
        { key: 'repealed', label: '本年废止件数', kind: 'count' },
        { key: 'inForce', label: '现行有效件数', kind: 'count' },
      ],
    },
    {
      key: 'art20_5',
      heading: '第二十条第（五）项',
      rows: [{ key: 'license', label: '行政许可' }],
      columns: DECISIONS,
    },
    {
      key: 'art20_6',
      heading: '第二十条第（六）项',
      rows: [
        { key: 'penalty', label: '行政处罚' },
        { key: 'coercion', label: '行政强制' },
      ],
      columns: DECISIONS,
    },
    {
      key: 'art20_8',
      heading: '第二十条第（八）项',
      rows: [{ key: 'fees', label: '行政事业性收费' }],
      columns: [{ key: 'amount', label: '本年收费金额（单位：万元）', kind: 'fee' }],
    },
  ],
  table3: {
    note: TABLE3_NOTE,
    applicantHeading: TABLE3_APPLICANT_HEADING,
    organisationHeading: TABLE3_ORGANISATION_HEADING,
    columns: TABLE3_COLUMNS,
    rows: [
      ...TABLE3_ROWS_HEAD,
      { key: 'other', label: TABLE3_OTHER_LABEL, level: 1, hasValues: false, parent: 'results' },
      {
        key: 'otherNoCorrection',
        label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
        level: 2,
        hasValues: true,
        parent: 'other',
      },
      {
        key: 'otherUnpaid',
        label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
        level: 2,
        hasValues: true,
        parent: 'other',
      },
      { key: 'otherMisc', label: '3.其他', level: 2, hasValues: true, parent: 'other' },
      ...TABLE3_ROWS_TAIL,
    ],
  },
  table4: {
    reviewHeading: TABLE4_REVIEW_HEADING,
    litigationHeading: TABLE4_LITIGATION_HEADING,
    groups: TABLE4_GROUPS,
    columns: TABLE4_COLUMNS,
  },
});

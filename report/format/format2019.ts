/**
 * The trial format of 国办公开办函〔2019〕60号 (reporting years 2019–2020). Still needed: cross-year checks of a
 * 2021 report need its 2020 predecessor, and the repository is seeded from agencies' past reports.
 */
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

const PROJECT_COLUMNS = [
  { key: 'previous', label: '上一年项目数量', kind: 'count' as const },
  { key: 'change', label: '本年增/减', kind: 'signedCount' as const },
  { key: 'decisions', label: '处理决定数量', kind: 'count' as const },
];

export const FORMAT_2019 = completeFormat({
  version: '2019',
  source: '国办公开办函〔2019〕60号',
  sections: SECTIONS,
  table2Heading: TABLE2_HEADING,
  table2: [
    {
      key: 'art20_1',
      heading: '第二十条第（一）项',
      rows: [
        { key: 'rules', label: '规章' },
        { key: 'normative', label: '规范性文件' },
      ],
      columns: [
        { key: 'made', label: '本年新制作数量', kind: 'count' },
        { key: 'published', label: '本年新公开数量', kind: 'count' },
        { key: 'total', label: '对外公开总数量', kind: 'count' },
      ],
    },
    {
      key: 'art20_5',
      heading: '第二十条第（五）项',
      rows: [
        { key: 'license', label: '行政许可' },
        { key: 'otherServices', label: '其他对外管理服务事项' },
      ],
      columns: PROJECT_COLUMNS,
    },
    {
      key: 'art20_6',
      heading: '第二十条第（六）项',
      rows: [
        { key: 'penalty', label: '行政处罚' },
        { key: 'coercion', label: '行政强制' },
      ],
      columns: PROJECT_COLUMNS,
    },
    {
      key: 'art20_8',
      heading: '第二十条第（八）项',
      rows: [{ key: 'fees', label: '行政事业性收费' }],
      columns: PROJECT_COLUMNS.slice(0, 2),
    },
    {
      key: 'art20_9',
      heading: '第二十条第（九）项',
      rows: [{ key: 'procurement', label: '政府集中采购' }],
      columns: [
        { key: 'count', label: '采购项目数量', kind: 'count' },
        { key: 'amount', label: '采购总金额', kind: 'amount' },
      ],
    },
  ],
  table3: {
    note: TABLE3_NOTE,
    applicantHeading: TABLE3_APPLICANT_HEADING,
    organisationHeading: TABLE3_ORGANISATION_HEADING,
    columns: TABLE3_COLUMNS,
    rows: [
      ...TABLE3_ROWS_HEAD,
      // The trial format's （六） is a single row with numbers of its own.
      { key: 'other', label: TABLE3_OTHER_LABEL, level: 1, hasValues: true, parent: 'results' },
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

/** The parts that the 2021 format and the 2019 trial format share, verbatim from the official formats. */
import type { LabeledKey, SectionDef, Table3Row, Table4Group, TableId } from './types';

/**
 * The six sections in their official order under their official headings: the one place they are declared. A
 * section without a table is prose (PROSE_SECTIONS); SectionId and ProseSectionId are derived from this list.
 */
const SECTION_LIST = [
  { id: 'overview', heading: '一、总体情况' },
  { id: 'active', heading: '二、主动公开政府信息情况', table: '二' },
  { id: 'applications', heading: '三、收到和处理政府信息公开申请情况', table: '三' },
  { id: 'review', heading: '四、政府信息公开行政复议、行政诉讼情况', table: '四' },
  { id: 'problems', heading: '五、存在的主要问题及改进情况' },
  { id: 'other', heading: '六、其他需要报告的事项' },
] as const satisfies readonly { id: string; heading: string; table?: TableId }[];

type Section = (typeof SECTION_LIST)[number];
export type SectionId = Section['id'];
export type ProseSectionId = Exclude<Section, { table: TableId }>['id'];
/** The table sections (二、三、四), whose prose beside the table is kept as notes. */
export type TableSectionId = Extract<Section, { table: TableId }>['id'];

export const SECTIONS: readonly SectionDef[] = SECTION_LIST;

/** The prose sections (一、五、六), in order. */
export const PROSE_SECTIONS: readonly ProseSectionId[] = SECTION_LIST.flatMap((s) => ('table' in s ? [] : [s.id]));
/** The table sections (二、三、四), in order. */
export const TABLE_SECTIONS: readonly TableSectionId[] = SECTION_LIST.flatMap((s) => ('table' in s ? [s.id] : []));

export const TABLE2_HEADING = '信息内容';

export const TABLE3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const TABLE3_APPLICANT_HEADING = '申请人情况';
export const TABLE3_ORGANISATION_HEADING = '法人或其他组织';

export const TABLE3_COLUMNS: readonly LabeledKey[] = [
  { key: 'natural', label: '自然人' },
  { key: 'business', label: '商业企业' },
  { key: 'research', label: '科研机构' },
  { key: 'nonprofit', label: '社会公益组织' },
  { key: 'legal', label: '法律服务机构' },
  { key: 'other', label: '其他' },
  { key: 'total', label: '总计' },
];

/** Rows before （六）其他处理. */
export const TABLE3_ROWS_HEAD: readonly Table3Row[] = [
  { key: 'new', label: '一、本年新收政府信息公开申请数量', level: 0, hasValues: true },
  { key: 'carried', label: '二、上年结转政府信息公开申请数量', level: 0, hasValues: true },
  { key: 'results', label: '三、本年度办理结果', level: 0, hasValues: false },
  { key: 'granted', label: '（一）予以公开', level: 1, hasValues: true, parent: 'results' },
  {
    key: 'partial',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    level: 1,
    hasValues: true,
    parent: 'results',
  },
  { key: 'denied', label: '（三）不予公开', level: 1, hasValues: false, parent: 'results' },
  { key: 'deniedSecret', label: '1.属于国家秘密', level: 2, hasValues: true, parent: 'denied' },
  { key: 'deniedLaw', label: '2.其他法律行政法规禁止公开', level: 2, hasValues: true, parent: 'denied' },
  { key: 'deniedSafety', label: '3.危及“三安全一稳定”', level: 2, hasValues: true, parent: 'denied' },
  { key: 'deniedThirdParty', label: '4.保护第三方合法权益', level: 2, hasValues: true, parent: 'denied' },
  { key: 'deniedInternal', label: '5.属于三类内部事务信息', level: 2, hasValues: true, parent: 'denied' },
  { key: 'deniedProcess', label: '6.属于四类过程性信息', level: 2, hasValues: true, parent: 'denied' },
  { key: 'deniedEnforcement', label: '7.属于行政执法案卷', level: 2, hasValues: true, parent: 'denied' },
  { key: 'deniedInquiry', label: '8.属于行政查询事项', level: 2, hasValues: true, parent: 'denied' },
  { key: 'unable', label: '（四）无法提供', level: 1, hasValues: false, parent: 'results' },
  { key: 'unableNotHeld', label: '1.本机关不掌握相关政府信息', level: 2, hasValues: true, parent: 'unable' },
  { key: 'unableNeedCreate', label: '2.没有现成信息需要另行制作', level: 2, hasValues: true, parent: 'unable' },
  { key: 'unableUnclear', label: '3.补正后申请内容仍不明确', level: 2, hasValues: true, parent: 'unable' },
  { key: 'unprocessed', label: '（五）不予处理', level: 1, hasValues: false, parent: 'results' },
  { key: 'unprocessedPetition', label: '1.信访举报投诉类申请', level: 2, hasValues: true, parent: 'unprocessed' },
  { key: 'unprocessedRepeat', label: '2.重复申请', level: 2, hasValues: true, parent: 'unprocessed' },
  { key: 'unprocessedPublication', label: '3.要求提供公开出版物', level: 2, hasValues: true, parent: 'unprocessed' },
  { key: 'unprocessedMassive', label: '4.无正当理由大量反复申请', level: 2, hasValues: true, parent: 'unprocessed' },
  {
    key: 'unprocessedConfirm',
    label: '5.要求行政机关确认或重新出具已获取信息',
    level: 2,
    hasValues: true,
    parent: 'unprocessed',
  },
];

export const TABLE3_OTHER_LABEL = '（六）其他处理';

/** Rows after （六）其他处理. */
export const TABLE3_ROWS_TAIL: readonly Table3Row[] = [
  { key: 'total', label: '（七）总计', level: 1, hasValues: true, parent: 'results' },
  { key: 'carryOver', label: '四、结转下年度继续办理', level: 0, hasValues: true },
];

export const TABLE4_REVIEW_HEADING = '行政复议';
export const TABLE4_LITIGATION_HEADING = '行政诉讼';

export const TABLE4_GROUPS: readonly Table4Group[] = [
  { key: 'review', label: '行政复议' },
  { key: 'litigationDirect', label: '未经复议直接起诉', parentLabel: '行政诉讼' },
  { key: 'litigationAfterReview', label: '复议后起诉', parentLabel: '行政诉讼' },
];

export const TABLE4_COLUMNS: readonly LabeledKey[] = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
];

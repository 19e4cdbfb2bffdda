/**
 * Statements the prose makes that are not counts, as data: claims about outcomes (均获维持, 零败诉, 未发生复议诉讼,
 * 未收到依申请公开), replies filed in the wrong row, non-format reply categories and the fee statement of 六.
 * Patterns run on the read text (./prose: ASCII digits, punctuation of either width).
 */
import type { Bilingual } from '../../model/types';

/**
 * The statement patterns are global: each is run once over a section and its matches placed in their sentences.
 * Within a clause: no sentence or clause break.
 */
const IN_CLAUSE = '[^。；，！？;,!?\\n\\r]';

/** 均获维持: every case upheld. Only in a sentence about cases (REVIEW_WORD). */
export const ALL_UPHELD = /均(?:获|予|被)?(?:得到)?维持|全部(?:获|予|被)?(?:得到)?维持|均为(?:结果)?维持/g;
/** 零败诉: no case lost. */
export const NO_LOSS = /零败诉|无败诉|未(?:发生|出现|有)败诉|没有败诉|败诉率?为?(?:零|0)(?![\d.])/g;
export const REVIEW_WORD = /复议|诉讼|起诉|案件/;
export const REVIEW_KIND = /行政复议|复议(?!后)/;
export const LITIGATION_KIND = /诉讼|起诉/;

/**
 * 未发生（因政府信息公开引起的）行政复议、行政诉讼 and paraphrases (没有…, 无…, 未被申请行政复议). The words between
 * the negation and 复议/诉讼 are spelled out so that 尚未审结的行政诉讼 or 未及时答复被提起诉讼 do not match.
 */
export const NONE_OCCURRED = new RegExp(
  '(?:未|没有|无|尚无|均未|未曾)(?:发生|出现|产生|收到|接到|有|涉及)?(?:过)?(?:任何)?(?:因|由|涉及)?(?:政府)?' +
    '(?:信息公开|依申请公开)?(?:工作|事项|申请|答复)?(?:而)?(?:引起|引发|产生|提起)?(?:的)?(?:被)?(?:申请|提起)?(?:的)?' +
    '(?:行政复议|复议|行政诉讼|诉讼|起诉)',
  'g',
);

const NOT_ABOUT_REVIEWS = `(?!${IN_CLAUSE}{0,8}?(?:复议|诉讼|起诉))`;
/** 未收到依申请公开（申请）, 无依申请公开事项, 依申请公开数量为0. */
export const NO_APPLICATIONS = new RegExp(
  '(?:未|没有|无|未曾)(?:收到|受理|接到|接收到?|发生|产生|有)(?:过)?(?:任何)?(?:政府信息)?(?:公开)?' +
    `(?:依申请公开|公开申请|申请公开|(?:信息公开)?申请(?!人))${NOT_ABOUT_REVIEWS}` +
    `|(?:无|没有)(?:政府信息)?依申请公开${NOT_ABOUT_REVIEWS}` +
    '|(?:依申请公开|公开申请)(?:申请)?(?:数量|事项|件数)?(?:为|是)(?:0|零)(?![\\d.])',
  'g',
);

/** Section 六 speaks of 信息处理费 (charged or not). */
export const FEE_MENTION = new RegExp(`信息处理费|处理费|收费通知|(?:收取|收缴|收)${IN_CLAUSE}{0,6}费用`);

/** The reply that is wrong for information that does not exist. */
export const DENIED_REPLY = /不予(?:以)?公开/g;

export interface MisfiledReply {
  readonly pattern: RegExp;
  /** The row of table 三 such a reply belongs in. */
  readonly row: string;
  readonly reason: Bilingual;
  /** The article of 《条例》 that puts it there. */
  readonly basis: string;
}

/** Reasons that make a reply 无法提供, not 不予公开 (docs/domain/FORMAT.md: which reply goes in which row). */
export const MISFILED_REPLIES: readonly MisfiledReply[] = [
  {
    pattern: /需(?:要)?另行制作|需(?:要)?(?:另行)?(?:加工|汇总|统计分析)/,
    row: 'unableNeedCreate',
    reason: { zh: '所需信息需要另行制作或加工', en: 'the information would have to be created or compiled' },
    basis: '《条例》第三十八条',
  },
  {
    pattern:
      /不存在|不掌握|未制作|未制发|未形成|未保存|查无|没有(?:该|相关|此|所申请的?)?(?:政府)?信息|无(?:该|相关|此)(?:政府)?信息/,
    row: 'unableNotHeld',
    reason: { zh: '信息不存在或本机关不掌握', en: 'the information does not exist or is not held' },
    basis: '《条例》第三十六条第（四）、（五）项',
  },
];

export interface NonFormatCategory {
  /** Rows of table 三 (keys) such replies belong in. */
  readonly rows: readonly string[];
  readonly hint: Bilingual;
}

/** Reply categories some reports use that the format does not have (keys: CountPhrase.category). */
export const NON_FORMAT_CATEGORIES: Readonly<Record<string, NonFormatCategory>> = {
  agreed: {
    rows: ['granted', 'partial'],
    hint: {
      zh: '全部公开的计入（一）予以公开，只公开一部分的计入（二）部分公开',
      en: 'disclosed in full: （一）; in part: （二）',
    },
  },
  notAgreed: {
    rows: ['denied', 'unable', 'unprocessed'],
    hint: {
      zh: '按理由计入（三）不予公开的第1–8项；信息不存在、需另行制作或内容不明确的计入（四）无法提供；信访举报投诉、重复申请等计入（五）不予处理',
      en: 'by reason: （三） items 1–8; information not held, to be created or unclear: （四）; petitions, repeats etc.: （五）',
    },
  },
  exempt: {
    rows: ['denied'],
    hint: { zh: '按理由计入（三）不予公开的第1–8项', en: 'by reason, under （三） items 1–8' },
  },
  notAccepted: {
    rows: ['unprocessed', 'other'],
    hint: {
      zh: '按理由计入（五）不予处理的第1–5项或（六）其他处理（如逾期不补正）',
      en: 'by reason, under （五） items 1–5 or （六） (e.g. not completed in time)',
    },
  },
};

/** Tolerance for a stated share: ±0.05 points, or half the last digit stated (50% means 49.5–50.5). */
export function percentTolerance(decimals: number): number {
  return Math.max(0.05, 0.5 * 10 ** -decimals) + 1e-9;
}

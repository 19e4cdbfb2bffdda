/**
 * What the prose says, as data: phrases that state a count and the table cells the count is held against, the
 * words that mark a clause as being about information-disclosure applications, and the non-format categories.
 * Cell sets are named by format keys (row keys of table 三, group keys of table 四); ./targets.ts turns them into
 * cell ids from the format, so both format versions are served (2019: （六）其他处理 is one row).
 */

/** Table 四 groups a phrase can name: one group, or 行政诉讼 (both litigation groups). */
export type Table4Scope = 'review' | 'litigation' | 'litigationDirect' | 'litigationAfterReview';
/** Table 二 columns of the 第二十条第（一）项 block, by meaning (2019: 本年新制作数量 is this year's "issued"). */
export type Table2Column = 'issued' | 'repealed' | 'inForce';

export type TargetSpec =
  /** A row of table 三 (a group row: the sum of its items), column 总计. */
  | { readonly table: '三'; readonly row: string }
  /** A table 四 group (or 行政诉讼: both), one column (default 总计). */
  | { readonly table: '四'; readonly scope: Table4Scope; readonly column: string }
  /** A row of table 二's 第二十条第（一）项 block. */
  | { readonly table: '二'; readonly row: string; readonly column: Table2Column };

/** Cells whose sum a count is held against. */
export type CellSet = readonly TargetSpec[];

/**
 * Where a phrase's clause must show that it is about disclosure:
 * - applicationVerb: generic verbs (收到, 受理, 答复): the sentence names 申请, and it or the one before names
 *   依申请/公开申请; the clause names no other business (来信, 热线 …).
 * - application: result words (予以公开 …): the sentence or the one before names 依申请/公开申请.
 * - review: 复议/诉讼: one of the last three sentences names 信息公开/依申请/政府信息.
 * - none: the phrase is specific enough (规范性文件 with its verb, 收费通知).
 */
export type ContextKind = 'applicationVerb' | 'application' | 'review' | 'none';

/** A phrase whose cells depend on the verb before it (出台 / 废止 … 规范性文件). */
export interface VerbTargets {
  readonly verb: RegExp;
  readonly targets: readonly CellSet[];
}

export interface CountPhrase {
  readonly key: string;
  /** Regex source, no capturing groups. */
  readonly pattern: string;
  /** Alternative cell sets: the stated count agrees when it equals the sum of any one (the first is reported). */
  readonly targets: readonly CellSet[];
  readonly context: ContextKind;
  /** A total: after 其中 in its clause it is a breakdown (其中网上收到5件), not the total. */
  readonly total?: boolean;
  readonly verbs?: readonly VerbTargets[];
  /** The phrase names a table 四 group: later outcome phrases in the sentence belong to it. */
  readonly scope?: Table4Scope;
  /** A table 四 outcome column (结果维持 …): the group comes from the nearest group phrase before it. */
  readonly outcome?: string;
  /** A reply category that is not a row of the format (./phrases NON_FORMAT_CATEGORIES). */
  readonly category?: string;
}

const t3 = (...rows: string[]): CellSet => rows.map((row) => ({ table: '三' as const, row }));
const t4 = (scope: Table4Scope, column = 'total'): CellSet => [{ table: '四', scope, column }];
const t2 = (row: string, column: Table2Column): CellSet => [{ table: '二', row, column }];

const ISSUE_VERB = /出台|制发|印发|制定|发布|颁布/g;
const REPEAL_VERB = /废止|废除|宣布失效/g;
const IN_FORCE_VERB = /现行有效/g;

const documentVerbs = (row: string): readonly VerbTargets[] => [
  { verb: ISSUE_VERB, targets: [t2(row, 'issued')] },
  { verb: REPEAL_VERB, targets: [t2(row, 'repealed')] },
  { verb: IN_FORCE_VERB, targets: [t2(row, 'inForce')] },
];

/**
 * The count phrases. Order matters where two match at the same place: the more specific first (不同意公开 before
 * 同意公开, 复议后起诉 before 复议, 办理完毕 before 办理). A number belongs to the nearest phrase before it in its
 * clause (收到诉讼为3件 → 诉讼), else to a phrase right after it (另2件结转下一年处理).
 */
export const COUNT_PHRASES: readonly CountPhrase[] = [
  // Reply categories the format does not have: they hold their numbers so that no other phrase takes them.
  { key: 'notAgreed', pattern: '不同意(?:予以)?公开', targets: [], context: 'application', category: 'notAgreed' },
  { key: 'agreed', pattern: '同意(?:予以)?公开', targets: [], context: 'application', category: 'agreed' },
  { key: 'exempt', pattern: '免[予于](?:以)?公开', targets: [], context: 'application', category: 'exempt' },
  { key: 'notAccepted', pattern: '不予受理|不受理', targets: [], context: 'application', category: 'notAccepted' },
  // Table 四.
  {
    key: 'litigationDirect',
    pattern: '(?:未经复议)?直接(?:起诉|提起(?:行政)?诉讼)',
    targets: [t4('litigationDirect')],
    context: 'review',
    scope: 'litigationDirect',
  },
  {
    key: 'litigationAfterReview',
    pattern: '(?:经)?复议后(?:再)?(?:起诉|提起(?:行政)?诉讼)',
    targets: [t4('litigationAfterReview')],
    context: 'review',
    scope: 'litigationAfterReview',
  },
  { key: 'review', pattern: '行政复议|复议', targets: [t4('review')], context: 'review', scope: 'review' },
  {
    key: 'litigation',
    pattern: '行政诉讼|诉讼|起诉|应诉',
    targets: [t4('litigation')],
    context: 'review',
    scope: 'litigation',
  },
  { key: 'upheld', pattern: '结果维持|予以维持|被维持', targets: [], context: 'review', outcome: 'upheld' },
  {
    key: 'corrected',
    pattern: '结果纠正|予以纠正|被纠正|被纠错',
    targets: [],
    context: 'review',
    outcome: 'corrected',
  },
  { key: 'otherResult', pattern: '其他结果', targets: [], context: 'review', outcome: 'other' },
  { key: 'pending', pattern: '尚未审结|未审结', targets: [], context: 'review', outcome: 'pending' },
  // Table 三.
  {
    key: 'carried',
    pattern: '上(?:一)?年度?结转|结转自上(?:一)?年度?|上年度?遗留',
    targets: [t3('carried')],
    context: 'application',
  },
  {
    key: 'carryOver',
    pattern: '结转(?:至|到|入)?下(?:一)?年度?|转入下(?:一)?年度?|留待下(?:一)?年度?',
    targets: [t3('carryOver')],
    context: 'application',
  },
  { key: 'new', pattern: '新收(?:到)?', targets: [t3('new')], context: 'applicationVerb' },
  { key: 'received', pattern: '收到|接到', targets: [t3('new')], context: 'applicationVerb', total: true },
  // 受理 and 办理 are used for the new applications and for all in hand (一 + 二): either agrees.
  {
    key: 'accepted',
    pattern: '受理',
    targets: [t3('new'), t3('new', 'carried')],
    context: 'applicationVerb',
    total: true,
  },
  // 同意公开答复 / 已主动公开答复: a kind of reply (its count is of that kind), not all replies.
  {
    key: 'answered',
    pattern: '办结|(?<!公开|提供|处理)答复|办理完毕|处理完毕',
    targets: [t3('total')],
    context: 'applicationVerb',
  },
  // 继续办理 / 正在办理: those carried on, not those handled.
  {
    key: 'handled',
    pattern: '(?<!继续|正在|仍在|尚在)办理',
    targets: [t3('total'), t3('new', 'carried'), t3('new')],
    context: 'applicationVerb',
    total: true,
  },
  { key: 'granted', pattern: '予以公开|全部公开', targets: [t3('granted')], context: 'application' },
  { key: 'partial', pattern: '部分公开|区分处理', targets: [t3('partial')], context: 'application' },
  { key: 'denied', pattern: '不予(?:以)?公开', targets: [t3('denied')], context: 'application' },
  { key: 'unable', pattern: '无法提供', targets: [t3('unable')], context: 'application' },
  { key: 'unprocessed', pattern: '不予处理', targets: [t3('unprocessed')], context: 'application' },
  { key: 'otherHandling', pattern: '其他处理|其它处理', targets: [t3('other')], context: 'application' },
  // Table 二 (the verb decides the column; 规章制度 are internal rules, not 规章).
  { key: 'normative', pattern: '(?:行政)?规范性文件', targets: [], context: 'none', verbs: documentVerbs('normative') },
  { key: 'rules', pattern: '规章(?!制度)', targets: [], context: 'none', verbs: documentVerbs('rules') },
  // Section 六: fee notices issued (TEXT-FEE).
  { key: 'feeNotice', pattern: '收费通知(?:书|单)?', targets: [], context: 'none' },
];

/** Keys of phrases that state how many applications there were (bases for percentages). */
export const TOTAL_KEYS: ReadonlySet<string> = new Set(['new', 'received', 'accepted', 'answered', 'handled']);

/** Context words (see ContextKind). */
export const APPLICATION_WORD = /申请/;
export const APPLICATION_CONTEXT = /依申请|公开申请|申请公开/;
export const DISCLOSURE_CONTEXT = /信息公开|依申请|公开申请|政府信息/;
/**
 * A sentence counting documents (制发政府信息313条, 主动公开政府信息128条, 公文类政府信息共432条): its 依申请公开 and
 * 不予公开 are how documents are disclosed, not applications and replies.
 */
export const DOCUMENT_COUNT =
  /(?:主动公开|制发|印发|制作|获取|产生)[^，,。；;]{0,10}?(?:政府信息|信息|公文|文件)[^，,。；;]{0,6}?\d+\s*条/;
/** Marks between items of a list: a count before one closes the item before it. */
export const ENUMERATION_MARK = /[、，,；;]/;
/** A clause about other business: letters, hotlines, consultations, proposals. */
export const OTHER_SUBJECT = /来信|热线|信箱|咨询|留言|诉求|舆情|提案|建议|政务服务|办件/;
/** Before a total: what follows is a breakdown. */
export const BREAKDOWN = /其中/;
/** Between a group of phrases and one number: the number applies to each (行政复议、行政诉讼各1件). */
export const EACH = /各|均|都/;
/** Between a group of phrases and several numbers: in order (分别为3件、2件). */
export const RESPECTIVELY = /分别/;
/** Phrases joined into one group: the count is of them together (予以公开及部分公开共50件). */
export const CONNECTOR = /^(?:及|和|与|、|或|以及|或者)$/;

/** How far a number may be from its phrase (characters between). */
export const NUMBER_AFTER_PHRASE = 14;
export const NUMBER_BEFORE_PHRASE = 3;

/** Counted units. */
export const COUNT_UNITS = '件条次例份宗项';
/** The unit applications are counted in (table 三 is in 件). */
export const APPLICATION_UNIT = '件';

/**
 * A counted number (./numbers): Arabic or Chinese numeral with a unit. Not a count: years (2021年), dates,
 * percentages, document numbers (〔2021〕30号) — none has a unit — nor a number after these characters (第一次,
 * 每一件, 单次) or before these (一次性, 一件事, 一条龙).
 */
export const NOT_AFTER = '第每逐单';
export const NOT_BEFORE = '性事龙';
/** Words before a number that make it approximate (约100件); 余/多 after it do too (100余件). */
export const APPROXIMATE_BEFORE: readonly string[] = ['约', '近', '逾', '超过', '将近', '大约', '不足', '不到'];
export const APPROXIMATE_AFTER = '余多';

/** A share stated right after a count: 占50%, 占比33.3%, 占总数的百分之五十. Groups: 1 Arabic, 2 in words. */
export const PERCENT_AFTER_SOURCE =
  '[，、,]?\\s*(?:约)?占[^。；，;,%％\\d]{0,8}?(?:(\\d+(?:\\.\\d+)?)\\s*[%％]|百分之([零〇一二两三四五六七八九十百点]+))';

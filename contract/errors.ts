/**
 * The API's error codes: stable, each with its HTTP status and a message in Chinese and English. Clients (the
 * add-in, the web pages, the CLI) switch on the code; people read the message. Every error answer has the shape
 * ErrorBody.
 */
import type { Bilingual } from './bilingual';

export const ERRORS = {
  'E-AUTH-MISSING': {
    status: 401,
    zh: '需要登录：请求未携带有效的令牌',
    en: 'Sign-in required: the request has no valid token',
  },
  'E-AUTH-SCOPE': { status: 403, zh: '无权访问其他机关的年报', en: "No access to another agency's reports" },
  'E-AUTH-ADMIN': { status: 403, zh: '此操作仅限管理员', en: 'Only administrators may do this' },
  'E-AUTH-AGENCY': {
    status: 403,
    zh: '令牌未注明所属机关（custom:agency）',
    en: 'The token names no agency (custom:agency)',
  },
  'E-AUTH-REVIEWER': {
    status: 403,
    zh: '此操作仅限审核机关（政府信息公开工作主管部门）或管理员',
    en: 'Only a reviewing office (or an administrator) may do this',
  },
  'E-OFFICE-MISSING': {
    status: 400,
    zh: '请用 office 参数指定审核机关',
    en: 'Name the reviewing office with the office parameter',
  },
  'E-BODY-TOO-LARGE': { status: 413, zh: '提交的内容过大', en: 'The request body is too large' },
  'E-BODY-MALFORMED': { status: 400, zh: '提交的内容无法读取', en: 'The request body cannot be read' },
  'E-BODY-EMPTY': {
    status: 400,
    zh: '提交的内容为空：请在请求正文中附上年报文件',
    en: 'The request body is empty: send the report file as the body',
  },
  'E-CONTENT-TYPE': {
    status: 415,
    zh: '不支持的内容类型：请提交 JSON、xlsx 工作簿、Word 文档（.docx）、文本或 HTML',
    en: 'Unsupported content type: send JSON, an xlsx workbook, a Word document (.docx), text or HTML',
  },
  'E-REPORT-SCHEMA': {
    status: 400,
    zh: '年报 JSON 的结构不符合规范',
    en: 'The report JSON does not match the interchange schema',
  },
  'E-NOT-A-REPORT': {
    status: 422,
    zh: '未能找到年报的表格：这不像一份政府信息公开工作年度报告',
    en: "Could not find the report's tables: this does not look like an annual disclosure report",
  },
  'E-BODY-TOO-DEEP': {
    status: 400,
    zh: '提交的 JSON 嵌套过深',
    en: 'The JSON of the request is nested too deeply',
  },
  'E-PATH-MALFORMED': {
    status: 400,
    zh: '请求路径的百分号编码无效',
    en: 'The request path has malformed percent-encoding',
  },
  // The workbook reader's refusals (report/workbook/errors.ts): a budget exceeded is 413 (too big) or 422 (too
  // complex or too slow to read); a file that is not the report template is 400.
  'E-WORKBOOK-TOO-LARGE': { status: 413, zh: '工作簿文件过大', en: 'The workbook file is too large' },
  'E-WORKBOOK-TOO-MANY-PARTS': { status: 413, zh: '工作簿的部件过多', en: 'The workbook has too many parts' },
  'E-WORKBOOK-UNZIPPED-TOO-LARGE': {
    status: 413,
    zh: '工作簿解压后过大',
    en: 'The workbook expands to too much data',
  },
  'E-WORKBOOK-TOO-DEEP': { status: 422, zh: '工作簿的 XML 嵌套过深', en: "The workbook's XML is nested too deeply" },
  'E-WORKBOOK-TOO-MANY-CELLS': {
    status: 422,
    zh: '工作簿的单元格过多',
    en: 'The workbook has too many cells',
  },
  'E-WORKBOOK-TIMEOUT': { status: 422, zh: '读取工作簿超时', en: 'Reading the workbook took too long' },
  'E-WORKBOOK-ZIP-INVALID': {
    status: 400,
    zh: '工作簿的压缩结构异常',
    en: "The workbook's zip structure is inconsistent",
  },
  'E-WORKBOOK-NOT-XLSX': { status: 400, zh: '不是有效的 xlsx 工作簿', en: 'Not a valid xlsx workbook' },
  'E-WORKBOOK-NOT-TEMPLATE': { status: 400, zh: '不是年报模板', en: 'Not the report template' },
  'E-WORKBOOK-LAYOUT-CHANGED': { status: 400, zh: '模板的表格结构被改动', en: "The template's tables were changed" },
  'E-IDEMPOTENCY-KEY': {
    status: 400,
    zh: '缺少或无效的 Idempotency-Key 请求头（1–128 个字母、数字或 -_.: 字符）',
    en: 'Missing or invalid Idempotency-Key header (1–128 letters, digits or -_.: characters)',
  },
  'E-IDEMPOTENCY-MISMATCH': {
    status: 422,
    zh: '此 Idempotency-Key 已用于另一份不同的提交',
    en: 'This Idempotency-Key was already used for a different submission',
  },
  'E-IDEMPOTENCY-IN-PROGRESS': {
    status: 409,
    zh: '使用此 Idempotency-Key 的提交仍在处理中，请稍后重试',
    en: 'A submission with this Idempotency-Key is still being processed; retry shortly',
  },
  'E-RATE-LIMIT': {
    status: 429,
    zh: '此年度报告短时间内报送的新版本过多',
    en: 'Too many new versions of this report in a short time',
  },
  /** Answered by the edge (the AWS WAF web ACL, infra/edge.ts), never by a function. */
  'E-TOO-MANY-REQUESTS': {
    status: 429,
    zh: '此网络地址的请求过多，请稍后再试',
    en: 'Too many requests from this network address; try again later',
  },
  'E-YEAR-MISSING': {
    status: 422,
    zh: '无法确定报告年度：请在报告中注明，或用 X-Report-Year 请求头指定',
    en: 'The reporting year is unknown: state it in the report or send the X-Report-Year header',
  },
  'E-YEAR-MISMATCH': {
    status: 422,
    zh: '请求指定的年度与报告中的年度不一致',
    en: 'The year given with the request differs from the year in the report',
  },
  'E-YEAR-INVALID': { status: 400, zh: '年度无效', en: 'Invalid year' },
  'E-YEAR-NOT-OVER': {
    status: 422,
    zh: '报告年度尚未结束（按北京时间），年度报告应在年度结束后报送',
    en: 'The reporting year is not over yet (China time); a report is submitted after its year',
  },
  'E-YEAR-NOT-BEGUN': {
    status: 422,
    zh: '报告年度尚未开始',
    en: 'The reporting year has not even begun',
  },
  'E-AGENCY-INVALID': {
    status: 400,
    zh: '机关标识无效（应为小写字母、数字和连字符）',
    en: 'Invalid agency id (lower-case letters, digits and hyphens)',
  },
  'E-VERSION-INVALID': { status: 400, zh: '版本号无效', en: 'Invalid version number' },
  'E-REPORT-ERRORS': { status: 422, zh: '年报有错误，未予接收', en: 'The report has errors and was not accepted' },
  'E-CONFIRM-WARNINGS': {
    status: 422,
    zh: '年报有待确认的警告，未予接收',
    en: 'The report has warnings that must be confirmed; it was not accepted',
  },
  'E-PARAM-INVALID': { status: 400, zh: '参数无效', en: 'Invalid parameter' },
  'E-REGISTRY-CSV': {
    status: 422,
    zh: '机关名录有错误，未导入任何内容',
    en: 'The agency list has errors; nothing was imported',
  },
  'E-REVIEW-STATE': {
    status: 409,
    zh: '年报当前的审核状态不允许此操作',
    en: 'The report’s review state does not allow this',
  },
  'E-REVIEW-STALE': {
    status: 409,
    zh: '审核时所看的版本已不是最新版本，请刷新后再审核',
    en: 'A newer version arrived since the one reviewed; reload and review again',
  },
  'E-REASON-REQUIRED': { status: 400, zh: '退回须写明理由', en: 'A return needs a reason' },
  'E-NOT-FOUND': { status: 404, zh: '未找到', en: 'Not found' },
  'E-WITHDRAWN': { status: 410, zh: '该年报已撤回公开', en: 'This report has been withdrawn from publication' },
  'E-METHOD': { status: 405, zh: '不支持的请求方法', en: 'Method not allowed' },
  'E-BUSY': { status: 503, zh: '服务繁忙，请稍后重试', en: 'The service is busy; retry shortly' },
  'E-INTERNAL': { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { readonly status: number } & Bilingual>;

export type ErrorCode = keyof typeof ERRORS;

/** The body of every error answer: { code, message: {zh, en}, …details of that error }. */
export interface ErrorBody {
  readonly code: string;
  readonly message: Bilingual;
  readonly [detail: string]: unknown;
}

/**
 * Specifics that are a whole sentence of their own and already say what the code's message says — a reader's
 * refusal (the workbook reader's 读取工作簿…, the importer's 未能找到年报的表格…, a PDF's advice): the answer's
 * message is they alone, not the code's message followed by the same words again.
 */
export interface OwnSentence extends Bilingual {
  readonly ownSentence: true;
}

/** The code's message, with specifics appended after a colon (or specifics that are their own sentence, alone). */
export function errorMessage(code: ErrorCode, detail?: Bilingual | OwnSentence): Bilingual {
  const e = ERRORS[code];
  if (detail && 'ownSentence' in detail) return { zh: detail.zh, en: detail.en };
  return detail ? { zh: `${e.zh}：${detail.zh}`, en: `${e.en}: ${detail.en}` } : { zh: e.zh, en: e.en };
}

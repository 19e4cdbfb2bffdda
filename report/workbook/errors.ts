/**
 * Why a workbook cannot be read, and the budgets that bound reading one: every refusal has a stable code and a
 * message in Chinese and English. docs/limits.md lists each budget with the error its breach gets.
 */
import type { Bilingual } from '../model/types';
import { groupThousands } from '../model/value';

/** The largest workbook accepted (the official template filled in is well under 100 KB). */
export const MAX_WORKBOOK_BYTES = 5 * 1024 * 1024;
/**
 * The most zip entries a workbook may have. The template has 22 (16 parts and 6 folders); Excel, WPS and LibreOffice
 * add a few (printer settings, calculation chain, custom properties, a pasted picture): far fewer than this.
 */
export const MAX_ZIP_ENTRIES = 64;
/** The most bytes inflated from the parts actually read (counted while inflating, whatever the headers declare). */
export const MAX_INFLATED_BYTES = 16 * 1024 * 1024;
/** The deepest XML nesting read (SpreadsheetML nests about 8 deep). */
export const MAX_XML_DEPTH = 64;
/** The most XML elements (cells, rows, strings, runs …) tokenized; the template's parts read hold about 3,000. */
export const MAX_XML_ELEMENTS = 200_000;
/** The longest a workbook may take to read (the template takes about 10 ms). */
export const MAX_READ_MS = 1000;

export type WorkbookErrorCode =
  | 'E-WORKBOOK-TOO-LARGE'
  | 'E-WORKBOOK-TOO-MANY-PARTS'
  | 'E-WORKBOOK-UNZIPPED-TOO-LARGE'
  | 'E-WORKBOOK-TOO-DEEP'
  | 'E-WORKBOOK-TOO-MANY-CELLS'
  | 'E-WORKBOOK-TIMEOUT'
  | 'E-WORKBOOK-ZIP-INVALID'
  | 'E-WORKBOOK-NOT-XLSX'
  | 'E-WORKBOOK-NOT-TEMPLATE'
  | 'E-WORKBOOK-LAYOUT-CHANGED';

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

const MESSAGES: Record<WorkbookErrorCode, Bilingual> = {
  'E-WORKBOOK-TOO-LARGE': {
    zh: `文件过大（超过 ${MB(MAX_WORKBOOK_BYTES)}），不是年报模板。`,
    en: `The file is too large (over ${MB(MAX_WORKBOOK_BYTES)}) to be the report template.`,
  },
  'E-WORKBOOK-TOO-MANY-PARTS': {
    zh: `工作簿包含的部件过多（超过 ${MAX_ZIP_ENTRIES} 个），不是年报模板。`,
    en: `The workbook has too many parts (over ${MAX_ZIP_ENTRIES}) to be the report template.`,
  },
  'E-WORKBOOK-UNZIPPED-TOO-LARGE': {
    zh: `文件解压后过大（超过 ${MB(MAX_INFLATED_BYTES)}）或压缩数据与声明不符，已拒绝读取。`,
    en: `The file expands to too much data when unzipped (over ${MB(MAX_INFLATED_BYTES)}) or its compressed data does not match its headers; refused.`,
  },
  'E-WORKBOOK-TOO-DEEP': {
    zh: `工作簿的 XML 嵌套过深（超过 ${MAX_XML_DEPTH} 层），已拒绝读取。`,
    en: `The workbook's XML is nested too deeply (over ${MAX_XML_DEPTH} levels); refused.`,
  },
  'E-WORKBOOK-TOO-MANY-CELLS': {
    zh: `工作簿的单元格或 XML 元素过多（超过 ${groupThousands(MAX_XML_ELEMENTS)} 个），不是年报模板。`,
    en: `The workbook has too many cells or XML elements (over ${groupThousands(MAX_XML_ELEMENTS)}) to be the report template.`,
  },
  'E-WORKBOOK-TIMEOUT': {
    zh: `工作簿内容过多，${MAX_READ_MS / 1000} 秒内未能读完，已停止读取：请在年报通生成的模板中填写后再上传。`,
    en: `The workbook holds too much to be read within ${MAX_READ_MS / 1000} s, so reading stopped: fill in the template made by 年报通 and upload that.`,
  },
  'E-WORKBOOK-ZIP-INVALID': {
    zh: '工作簿的压缩结构异常（有目录未列出的部件、重名部件或不一致的文件头），已拒绝读取。请用 Excel、WPS 或 LibreOffice 重新保存后再上传。',
    en: 'The workbook’s zip structure is inconsistent (parts its directory does not list, duplicate names or mismatched headers); refused. Save it again in Excel, WPS or LibreOffice.',
  },
  'E-WORKBOOK-NOT-XLSX': {
    zh: '文件不是有效的 Excel 工作簿（.xlsx）。旧版 .xls 或加密的工作簿请另存为 .xlsx 后再上传。',
    en: 'The file is not a valid Excel workbook (.xlsx). Save an old .xls or an encrypted workbook as .xlsx first.',
  },
  'E-WORKBOOK-NOT-TEMPLATE': {
    zh: '该工作簿不是年报通的年报模板：缺少模板的工作表。请使用年报通生成的模板填写。',
    en: 'This workbook is not the 年报通 report template: sheets of the template are missing. Fill in the template made by 年报通.',
  },
  'E-WORKBOOK-LAYOUT-CHANGED': {
    zh: '模板中表格的结构被改动（行列被插入、删除或标签被修改），无法定位各单元格。请在新模板中重新填写。',
    en: 'The layout of a table in the template was changed (rows or columns inserted or deleted, or labels edited), so its cells cannot be located. Fill in a fresh template.',
  },
};

/** A budget was exceeded (the file is too big or too complex), as opposed to a file that is not a report workbook. */
export const BUDGET_CODES: ReadonlySet<WorkbookErrorCode> = new Set([
  'E-WORKBOOK-TOO-LARGE',
  'E-WORKBOOK-TOO-MANY-PARTS',
  'E-WORKBOOK-UNZIPPED-TOO-LARGE',
  'E-WORKBOOK-TOO-DEEP',
  'E-WORKBOOK-TOO-MANY-CELLS',
  'E-WORKBOOK-TIMEOUT',
]);

export class WorkbookError extends Error {
  readonly code: WorkbookErrorCode;
  readonly bilingual: Bilingual;

  /** `detail` adds specifics (which sheets are missing, which label moved) to both languages. */
  constructor(code: WorkbookErrorCode, detail?: Bilingual) {
    const base = MESSAGES[code];
    const bilingual = detail ? { zh: `${base.zh}${detail.zh}`, en: `${base.en} ${detail.en}` } : base;
    super(`${code}: ${bilingual.en}`);
    this.name = 'WorkbookError';
    this.code = code;
    this.bilingual = bilingual;
  }
}

/** Why a workbook cannot be read at all: every refusal has a stable code and a message in Chinese and English. */
import type { Bilingual } from '../model/types';

/** The largest workbook accepted (the official template filled in is well under 100 KB). */
export const MAX_WORKBOOK_BYTES = 5 * 1024 * 1024;
/** The most its parts may expand to when unzipped: guards against zip bombs before exceljs sees the file. */
export const MAX_UNZIPPED_BYTES = 30 * 1024 * 1024;
/** The most parts (zip entries) a workbook may have. */
export const MAX_ZIP_ENTRIES = 1000;

export type WorkbookErrorCode =
  | 'WORKBOOK_TOO_LARGE'
  | 'WORKBOOK_UNZIPPED_TOO_LARGE'
  | 'WORKBOOK_NOT_XLSX'
  | 'WORKBOOK_NOT_TEMPLATE'
  | 'WORKBOOK_LAYOUT_CHANGED';

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

const MESSAGES: Record<WorkbookErrorCode, Bilingual> = {
  WORKBOOK_TOO_LARGE: {
    zh: `文件过大（超过 ${MB(MAX_WORKBOOK_BYTES)}），不是年报模板。`,
    en: `The file is too large (over ${MB(MAX_WORKBOOK_BYTES)}) to be the report template.`,
  },
  WORKBOOK_UNZIPPED_TOO_LARGE: {
    zh: `文件解压后过大（超过 ${MB(MAX_UNZIPPED_BYTES)}）或压缩数据异常，已拒绝读取。`,
    en: `The file expands to too much data when unzipped (over ${MB(MAX_UNZIPPED_BYTES)}) or its compressed data is inconsistent; refused.`,
  },
  WORKBOOK_NOT_XLSX: {
    zh: '文件不是有效的 Excel 工作簿（.xlsx）。旧版 .xls 或加密的工作簿请另存为 .xlsx 后再上传。',
    en: 'The file is not a valid Excel workbook (.xlsx). Save an old .xls or an encrypted workbook as .xlsx first.',
  },
  WORKBOOK_NOT_TEMPLATE: {
    zh: '该工作簿不是年报通的年报模板：缺少模板的工作表。请使用年报通生成的模板填写。',
    en: 'This workbook is not the 年报通 report template: sheets of the template are missing. Fill in the template made by 年报通.',
  },
  WORKBOOK_LAYOUT_CHANGED: {
    zh: '模板中表格的结构被改动（行列被插入、删除或标签被修改），无法定位各单元格。请在新模板中重新填写。',
    en: 'The layout of a table in the template was changed (rows or columns inserted or deleted, or labels edited), so its cells cannot be located. Fill in a fresh template.',
  },
};

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

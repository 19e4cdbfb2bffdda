/**
 * What the commands say when the file argument is not what they read: none or several given, a kind they do not
 * read (with what to do for the kinds people actually have: old Word and Excel files, WPS and OpenDocument files),
 * an empty file. One place, so that validate, import, render and submit say the same.
 */
import { statSync } from 'node:fs';
import type { Bilingual } from '../report/model/types';
import { UsageError } from './io';
import { shellLine } from './shell';

const READ = { zh: '.xlsx、.json、.txt、.html、.docx', en: '.xlsx, .json, .txt, .html or .docx' };

/** Kinds people have at hand, and how to turn each into one the CLI reads. */
const SAVE_AS: Record<string, Bilingual> = {
  xls: {
    zh: '旧版 Excel 工作簿（.xls）：请在 Excel 或 WPS 中另存为 .xlsx',
    en: 'an old Excel workbook (.xls): save it as .xlsx in Excel or WPS',
  },
  et: { zh: 'WPS 表格文件（.et）：请在 WPS 中另存为 .xlsx', en: 'a WPS spreadsheet (.et): save it as .xlsx in WPS' },
  ods: { zh: 'OpenDocument 表格（.ods）：请另存为 .xlsx', en: 'an OpenDocument spreadsheet (.ods): save it as .xlsx' },
  csv: { zh: 'CSV 表格：请改用年报模板（.xlsx）填写', en: 'a CSV table: fill in the report template (.xlsx) instead' },
  doc: {
    zh: '旧版 Word 文档（.doc）：请在 Word 或 WPS 中另存为 .docx',
    en: 'an old Word document (.doc): save it as .docx in Word or WPS',
  },
  wps: { zh: 'WPS 文字文件（.wps）：请在 WPS 中另存为 .docx', en: 'a WPS document (.wps): save it as .docx in WPS' },
  odt: { zh: 'OpenDocument 文档（.odt）：请另存为 .docx', en: 'an OpenDocument text (.odt): save it as .docx' },
  rtf: { zh: 'RTF 文档：请在 Word 或 WPS 中另存为 .docx', en: 'an RTF document: save it as .docx in Word or WPS' },
  md: { zh: 'Markdown 文本：请把扩展名改为 .txt', en: 'Markdown text: rename it to .txt' },
};

/** No file, or more than one: `what` is the command's object (要校验的 / to validate). */
export function oneFile(given: readonly string[], what: Bilingual, command: string): UsageError {
  const help = shellLine(['npx', 'nianbao', command, '--help']);
  if (given.length === 0)
    return new UsageError({
      zh: `请指定一个${what.zh}文件（${READ.zh}），例如 npx nianbao ${command} 年报.xlsx（${help}）`,
      en: `Name one file ${what.en} (${READ.en}), e.g. npx nianbao ${command} report.xlsx (${help})`,
    });
  return new UsageError({
    zh: `一次只能指定一个${what.zh}文件，收到 ${given.length} 个：${given.map((f) => shellLine([f])).join(' ')}（文件名含空格时请加引号）`,
    en: `Name one file ${what.en} at a time; got ${given.length}: ${given.map((f) => shellLine([f])).join(' ')} (quote a name with spaces)`,
  });
}

/** A file whose name says a kind the CLI does not read. */
export function unknownKind(path: string): UsageError {
  if (isFolder(path))
    return new UsageError({
      zh: `${path} 是文件夹，不是文件：请指定其中的年报文件（${READ.zh}）`,
      en: `${path} is a folder, not a file: name the report file in it (${READ.en})`,
    });
  const ext = /\.([a-z0-9]{1,5})$/i.exec(path)?.[1]?.toLowerCase();
  const hint = ext ? SAVE_AS[ext] : undefined;
  if (hint)
    return new UsageError({
      zh: `${path} 是${hint.zh}。可读取的文件：${READ.zh}`,
      en: `${path} is ${hint.en}. Files read: ${READ.en}`,
    });
  return new UsageError({
    zh: `无法识别的文件类型：${path}（可读取 ${READ.zh}；按扩展名识别）`,
    en: `Unknown file type: ${path} (files read: ${READ.en}, by their extension)`,
  });
}

/** A file of zero bytes (saved before anything was written, or a copy that failed). */
export function emptyFile(path: string): UsageError {
  return new UsageError({
    zh: `${path} 是空文件（0 字节）：请指定填好的年报；空白模板可用 npx nianbao template -o 年报.xlsx 生成`,
    en: `${path} is empty (0 bytes): name a filled-in report; a blank template comes from npx nianbao template -o report.xlsx`,
  });
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * PDF files are not read (a PDF's text layer loses the table grid: columns come out as runs of spaces, labels
 * wrapped, digits of adjacent cells run together). The message says what to do instead, and whether the file seems
 * to have a text layer at all: a scan has none, and only the template can be filled from it.
 */
import type { Bilingual } from '../model/types';

const PDF = '%PDF-';

export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && [...PDF].every((c, i) => bytes[i] === c.charCodeAt(0));
}

/**
 * Whether a PDF seems to hold text: its pages name fonts. Object streams (PDF 1.5) may hide the dictionaries that
 * would say so: then it is unknown.
 */
function textLayer(bytes: Uint8Array): 'yes' | 'no' | 'unknown' {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 8 * 1024 * 1024)));
  if (/\/Font\b|\/ToUnicode\b/.test(head)) return 'yes';
  return /\/ObjStm\b/.test(head) ? 'unknown' : 'no';
}

/**
 * Where the advice is shown, so that it names what the person there can do: `cli` — the commands (nianbao template,
 * pdftotext then import); `upload` — the API's answer, read on the web upload page or by a script (the files to
 * upload); `taskPane` — last year's report picked from a file in the Excel task pane (the files to pick instead).
 */
export type PdfAdviceFor = 'cli' | 'upload' | 'taskPane';

const NO_TEXT = {
  zh: '这个 PDF 没有文字层（是扫描件或图片），无法读取其中的文字和数字',
  en: 'This PDF has no text layer (it is a scan or an image): its words and figures cannot be read',
};
const NOT_DIRECTLY = { zh: 'PDF 文件不能直接读取', en: 'PDF files are not read directly' };

const INSTEAD: Readonly<Record<PdfAdviceFor, { scan: Bilingual; text: Bilingual }>> = {
  cli: {
    scan: {
      zh: '请按年报模板填写（npx nianbao template -o 年报.xlsx 生成模板）。',
      en: 'Fill in the report template instead (npx nianbao template -o report.xlsx writes one).',
    },
    text: {
      zh: '请改用年报的网页、Word 文档（.docx）或文字（.txt）；有文字层的 PDF 可先用 pdftotext -layout 导出文字，再用 nianbao import 导入。',
      en: 'use the report’s web page, its Word document (.docx) or its text (.txt); a PDF with a text layer can be exported with pdftotext -layout and the text imported with nianbao import.',
    },
  },
  upload: {
    scan: {
      zh: '请上传填好的年报模板（.xlsx）。',
      en: 'Upload the filled report template (.xlsx) instead.',
    },
    text: {
      zh: '请上传填好的年报模板（.xlsx），或该年报的 Word 文档（.docx）、网页（.html）或文字（.txt）。',
      en: 'upload the filled report template (.xlsx), or the report’s Word document (.docx), web page (.html) or text (.txt).',
    },
  },
  taskPane: {
    scan: {
      zh: '请改选上年年报的网页文字（.txt）、网页（.html）或 Word 文档（.docx）。',
      en: 'Choose last year’s report as page text (.txt), a web page (.html) or a Word document (.docx) instead.',
    },
    text: {
      zh: '请改选上年年报的网页文字（.txt）、网页（.html）或 Word 文档（.docx）：可在公开年报的网页上全选复制，粘贴为 .txt 文件。',
      en: 'choose last year’s report as page text (.txt), a web page (.html) or a Word document (.docx) instead: select all on its published page, copy, and save it as a .txt file.',
    },
  },
};

/** Why a PDF is not read, and what to do instead where the person is (`for`). */
export function pdfMessage(bytes: Uint8Array, advice: PdfAdviceFor): Bilingual {
  const layer = isPdf(bytes) ? textLayer(bytes) : 'unknown';
  const instead = INSTEAD[advice];
  if (layer === 'no') return { zh: `${NO_TEXT.zh}：${instead.scan.zh}`, en: `${NO_TEXT.en}. ${instead.scan.en}` };
  return { zh: `${NOT_DIRECTLY.zh}：${instead.text.zh}`, en: `${NOT_DIRECTLY.en}: ${instead.text.en}` };
}

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

export function pdfMessage(bytes: Uint8Array): Bilingual {
  const layer = isPdf(bytes) ? textLayer(bytes) : 'unknown';
  if (layer === 'no')
    return {
      zh: '这个 PDF 没有文字层（是扫描件或图片），无法读取其中的文字和数字：请按年报模板（nianbao template）填写。',
      en: 'This PDF has no text layer (it is a scan or an image): its words and figures cannot be read. Fill in the report template (nianbao template) instead.',
    };
  return {
    zh: 'PDF 文件不能直接导入：请改用年报的网页、Word 文档（.docx）或文字（.txt）；有文字层的 PDF 可先用 pdftotext -layout 导出文字再导入。',
    en: 'PDF files are not imported directly: use the report’s web page, its Word document (.docx) or its text (.txt); a PDF with a text layer can be exported with pdftotext -layout and the text imported.',
  };
}

/**
 * A published report's text, HTML or Word document as the CLI and the server read it: its encoding decided
 * (./encoding), its size and nesting within the import budgets, its tables found. A file in which not one figure
 * of tables 二, 三 and 四 can be read is no report to check: it is refused ("could not find the report's tables")
 * rather than answered with a list of blanks.
 */
import type { SectionId } from '../format/types';
import type { Bilingual, Finding, Report } from '../model/types';
import { decodeReportText, EncodingError } from './encoding';
import { isPdf, pdfMessage, type PdfAdviceFor } from './pdf';
import { readingOf, type Reading } from './reading';

export type PublishedKind = 'text' | 'html' | 'docx';

export interface PublishedOptions {
  year?: number;
  agency?: string;
  /** The charset the sender declared (an HTTP Content-Type's), if any. */
  charset?: string;
  /** Where a PDF's advice is shown (./pdf.ts); an upload's by default. */
  pdfAdvice?: PdfAdviceFor;
}

export interface PublishedReport {
  report: Report;
  findings: Finding[];
  reading: Reading;
}

/** Why a file is no report to check; the input layer turns it into its InputError. */
export class NotReadable extends Error {
  constructor(
    readonly code: string,
    readonly bilingual: Bilingual,
  ) {
    super(`${code}: ${bilingual.zh} / ${bilingual.en}`);
  }
}

const NO_TABLES: Bilingual = {
  zh: '未能找到年报的表格：文件中读不出表二、表三、表四的任何数字。请确认这是政府信息公开工作年度报告，或改用年报模板填写。',
  en: "Could not find the report's tables: not one figure of tables 二, 三 or 四 could be read. Check that this is an annual report on government information disclosure, or fill in the template instead.",
};

/** Reads a published report. Throws NotReadable (encoding, budgets, no tables found). */
export async function loadPublished(
  bytes: Uint8Array,
  kind: PublishedKind,
  opts: PublishedOptions = {},
): Promise<PublishedReport> {
  const { importText, importHtml, importDocument, ImportRefused } = await import('../import');
  const options = { ...(opts.year ? { year: opts.year } : {}), ...(opts.agency ? { agency: opts.agency } : {}) };
  let result: { report: Report; findings: Finding[]; sections: SectionId[] };
  if (isPdf(bytes)) throw new NotReadable('E-PDF', pdfMessage(bytes, opts.pdfAdvice ?? 'upload'));
  try {
    if (kind === 'docx') {
      const { docxItems, DocxError } = await import('../import/docx');
      let items;
      try {
        items = await docxItems(bytes);
      } catch (e) {
        if (e instanceof DocxError) throw new NotReadable(e.code, e.bilingual);
        throw e;
      }
      result = importDocument(items, options);
    } else {
      const { text } = decodeReportText(bytes, opts.charset);
      result = kind === 'html' ? importHtml(text, options) : importText(text, options);
    }
  } catch (e) {
    if (e instanceof EncodingError) throw new NotReadable('E-TEXT-ENCODING', e.bilingual);
    if (e instanceof ImportRefused || e instanceof NotReadable) throw new NotReadable(e.code, e.bilingual);
    throw e;
  }
  const reading = readingOf(result.report, result.sections);
  if (reading.cellsRead === 0) throw new NotReadable('E-NO-TABLES', NO_TABLES);
  return { report: result.report, findings: result.findings, reading };
}

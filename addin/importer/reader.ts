/**
 * Last year's report from a file, in the task pane: the page text, HTML or Word document read by the same importer
 * as the CLI and the server (report/input), and the repairs it offers applied by the same pure function
 * (report/import/applyRepairs). Bundled on its own (build/addin.ts: the importer entry) and loaded by the pane only
 * when a person picks a file, so the importer's weight stays out of the pane's first load.
 */
import { applyRepairs } from '../../report/import/applyRepairs';
import { InputError, inputKind, loadReport } from '../../report/input';
import type { Bilingual, Finding, Report } from '../../report/model/types';

/** The kinds of file the pane reads last year's report from (a workbook of last year is read by the same way). */
const PREVIOUS_KINDS = new Set(['text', 'html', 'docx', 'json', 'xlsx']);

export type PreviousRead =
  | { readonly ok: true; readonly report: Report; readonly findings: Finding[] }
  | { readonly ok: false; readonly code: string; readonly message: Bilingual };

const UNKNOWN_KIND: Bilingual = {
  zh: '请选择网页文本（.txt）、网页（.html）、Word 文档（.docx）、年报工作簿（.xlsx）或 JSON 文件。',
  en: 'Choose a page’s text (.txt), a web page (.html), a Word document (.docx), a report workbook (.xlsx) or a JSON file.',
};

/** Reads a file picked in the pane; `year` is the year wanted, for a file that does not say its own. */
export async function readPreviousFile(name: string, bytes: Uint8Array, year: number): Promise<PreviousRead> {
  const kind = /\.pdf$/i.test(name) ? 'text' : inputKind(name);
  if (!kind || !PREVIOUS_KINDS.has(kind)) return { ok: false, code: 'E-FILE-KIND', message: UNKNOWN_KIND };
  try {
    // The year the file states wins (a year passed in would override its title): a file that states none is taken
    // to be the one asked for.
    const { report, findings } = await loadReport(bytes, kind, { pdfAdvice: 'taskPane' });
    return { ok: true, report: report.year === null ? { ...report, year } : report, findings };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, code: e.code, message: e.bilingual };
    throw e;
  }
}

export const previousImporter = { readPreviousFile, applyRepairs };
export type PreviousImporter = typeof previousImporter;

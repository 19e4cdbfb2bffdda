/**
 * Importing published reports — the flattened text of a web page, or the page's HTML — into the Report model,
 * with the findings of reading them (SHAPE-ROW, FORMAT-SECTIONS, FORMAT-LABEL, FORMAT-VERSION for a mix). Pass
 * the findings to `validate(report, { inputFindings })`. Never throws, but for an input beyond the budgets of
 * ./limits (ImportRefused). Not for the task pane bundle (htmlparser2).
 */
import { emptyReport } from '../model/report';
import { unreadableFinding } from './findings';
import { looksLikeHtml } from './html';
import type { Item } from './document';
import { importHtmlStrict, importItems, importTextStrict, type ImportOptions, type ImportResult } from './importer';
import { ImportRefused } from './limits';

export type { ImportOptions, ImportResult } from './importer';
export { ImportRefused, MAX_HTML_DEPTH, MAX_IMPORT_CHARS } from './limits';

function asText(input: unknown): string {
  return typeof input === 'string' ? input : input == null ? '' : String(input);
}

/**
 * A fault of the importer becomes a finding, never an exception: what a person imports must not crash the caller.
 * Only an input beyond the budgets of ./limits is refused (ImportRefused): that is no report to report on.
 */
function guarded(read: () => ImportResult, opts: ImportOptions | undefined): ImportResult {
  try {
    return read();
  } catch (e) {
    if (e instanceof ImportRefused) throw e;
    const report = emptyReport({ year: opts?.year ?? null, agency: opts?.agency ?? null });
    return {
      report: { ...report, preamble: null },
      findings: [unreadableFinding(e instanceof Error ? e.message : String(e))],
      sections: [],
    };
  }
}

/** The flattened text form (one cell a line, `|` separators, `||` for merged cells). */
export function importText(text: string, opts?: ImportOptions): ImportResult {
  return guarded(() => importTextStrict(asText(text), opts ?? {}), opts);
}

/** The HTML of a published page (tables with rowspan/colspan, prose in <p>/<div>). */
export function importHtml(html: string, opts?: ImportOptions): ImportResult {
  return guarded(() => importHtmlStrict(asText(html), opts ?? {}), opts);
}

/** Lines and tables already read from a document (a Word file's paragraphs and tables: ./docx). */
export function importDocument(items: readonly Item[], opts?: ImportOptions): ImportResult {
  return guarded(() => importItems(items, opts ?? {}), opts);
}

/** Either form: HTML when the input has HTML tags, else the flattened text. */
export function importReport(input: string, opts?: ImportOptions): ImportResult {
  const text = asText(input);
  return looksLikeHtml(text) ? importHtml(text, opts) : importText(text, opts);
}

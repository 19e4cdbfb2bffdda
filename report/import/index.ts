/**
 * Importing published reports — the flattened text of a web page, or the page's HTML — into the Report model,
 * with the findings of reading them (SHAPE-ROW, FORMAT-SECTIONS, FORMAT-LABEL, FORMAT-VERSION for a mix). Pass
 * the findings to `validate(report, { inputFindings })`. Never throws. Not for the task pane bundle (htmlparser2).
 */
import { emptyReport } from '../model/report';
import { unreadableFinding } from './findings';
import { looksLikeHtml } from './html';
import { importHtmlStrict, importTextStrict, type ImportOptions, type ImportResult } from './importer';

export type { ImportOptions, ImportResult } from './importer';

function asText(input: unknown): string {
  return typeof input === 'string' ? input : input == null ? '' : String(input);
}

/** A fault of the importer becomes a finding, never an exception: what a person imports must not crash the caller. */
function guarded(read: () => ImportResult, opts: ImportOptions | undefined): ImportResult {
  try {
    return read();
  } catch (e) {
    const report = emptyReport({ year: opts?.year ?? null, agency: opts?.agency ?? null });
    return {
      report: { ...report, preamble: null },
      findings: [unreadableFinding(e instanceof Error ? e.message : String(e))],
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

/** Either form: HTML when the input has HTML tags, else the flattened text. */
export function importReport(input: string, opts?: ImportOptions): ImportResult {
  const text = asText(input);
  return looksLikeHtml(text) ? importHtml(text, opts) : importText(text, opts);
}

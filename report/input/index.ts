/**
 * One way in for every kind of report input — JSON, a workbook, the text or HTML of a published report — so the
 * CLI and the server read submissions identically. The readers are loaded on first use (htmlparser2, fflate): not for the task pane.
 */
import type { Bilingual, Finding, Report } from '../model/types';
import { findInvisible, withoutInvisible } from '../rules/invisibleRule';
import { parseReport } from '../schema';
import { MAX_JSON_DEPTH, parseJsonBounded } from './json';
import type { WorkbookLayout } from '../workbook/layout';
import { jsonSyntaxMessage } from './jsonSyntax';
import type { PdfAdviceFor } from './pdf';
import { readingOf, type Reading } from './reading';

export type { Reading } from './reading';

export type InputKind = 'json' | 'xlsx' | 'text' | 'html' | 'docx';

export interface InputOptions {
  /** The reporting year, where the input does not say it (published text often has no title line). */
  year?: number;
  agency?: string;
  /** For text and HTML: the charset the sender declared; else it is detected (./encoding). */
  charset?: string;
  /** Where a PDF's advice is shown (./pdf.ts: the CLI, an upload, the task pane); an upload's by default. */
  pdfAdvice?: PdfAdviceFor;
}

export interface LoadedReport {
  report: Report;
  /** Findings made while reading (SHAPE-ROW, FORMAT-*): pass them to validate() as inputFindings. */
  findings: Finding[];
  /** For workbooks: where each input sits, to name cells by address. */
  layout?: WorkbookLayout;
  /** How much could be read (tables, cells, sections). */
  reading: Reading;
}

/** The input cannot be read as a report at all (not a rule finding): a stable code and a message in both languages. */
export class InputError extends Error {
  constructor(
    readonly code: string,
    readonly bilingual: Bilingual,
  ) {
    super(`${code}: ${bilingual.zh} / ${bilingual.en}`);
  }
}

/** Decides the kind of an input from a file name or a content type. */
export function inputKind(nameOrType: string): InputKind | undefined {
  const s = nameOrType.toLowerCase();
  if (s.endsWith('.json') || s.includes('application/json')) return 'json';
  if (s.endsWith('.xlsx') || s.includes('spreadsheetml')) return 'xlsx';
  if (s.endsWith('.html') || s.endsWith('.htm') || s.includes('text/html')) return 'html';
  if (s.endsWith('.txt') || s.includes('text/plain')) return 'text';
  if (s.endsWith('.docx') || s.includes('wordprocessingml')) return 'docx';
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function fromJson(bytes: Uint8Array, opts: InputOptions): LoadedReport {
  const text = utf8.decode(bytes);
  const parsed = parseJsonBounded(text);
  if (parsed.ok) return reportFromJson(parsed.value, opts);
  if (parsed.tooDeep) {
    throw new InputError('E-JSON-DEPTH', {
      zh: `JSON 嵌套过深（超过 ${MAX_JSON_DEPTH} 层），不是年报`,
      en: `The JSON is nested too deeply (over ${MAX_JSON_DEPTH} levels) to be a report`,
    });
  }
  throw new InputError('E-JSON-SYNTAX', jsonSyntaxMessage(text));
}

/** Reads a report from JSON already parsed (the interchange form, checked by its schema). */
export function reportFromJson(data: unknown, opts: InputOptions = {}): LoadedReport {
  const parsed = parseReport(data);
  if (!parsed.ok) {
    const list = parsed.issues
      .slice(0, 5)
      .map((i) => `${i.path || '(根)'}: ${i.message}`)
      .join('; ');
    throw new InputError('E-JSON-SCHEMA', {
      zh: `JSON 不符合年报数据格式：${list}`,
      en: `The JSON is not a report in the interchange form: ${list}`,
    });
  }
  const report = parsed.report;
  if (report.year === null && opts.year) report.year = opts.year;
  if (report.agency === null && opts.agency) report.agency = opts.agency;
  return clean({ report, findings: [], reading: readingOf(report) });
}

/**
 * The report without invisible and direction-control characters (every way in ends here, so nothing stored or
 * published carries them), and a TEXT-INVISIBLE finding for each place that held some.
 */
function clean(loaded: LoadedReport): LoadedReport {
  const found = findInvisible(loaded.report);
  if (found.length === 0) return loaded;
  return { ...loaded, report: withoutInvisible(loaded.report), findings: [...loaded.findings, ...found] };
}

/** Reads an input of a known kind. Throws InputError when it cannot be read as a report. */
export async function loadReport(bytes: Uint8Array, kind: InputKind, opts: InputOptions = {}): Promise<LoadedReport> {
  switch (kind) {
    case 'json':
      return fromJson(bytes, opts);
    case 'xlsx': {
      const { readWorkbook, WorkbookError } = await import('../workbook/read');
      try {
        const r = await readWorkbook(bytes);
        if (r.report.year === null && opts.year) r.report.year = opts.year;
        if (r.report.agency === null && opts.agency) r.report.agency = opts.agency;
        return clean({ report: r.report, findings: r.findings, layout: r.layout, reading: readingOf(r.report) });
      } catch (e) {
        if (e instanceof WorkbookError) throw new InputError(e.code, e.bilingual);
        throw e;
      }
    }
    case 'text':
    case 'html':
    case 'docx': {
      const { loadPublished, NotReadable } = await import('./published');
      try {
        return clean(await loadPublished(bytes, kind, opts));
      } catch (e) {
        if (e instanceof NotReadable) throw new InputError(e.code, e.bilingual);
        throw e;
      }
    }
  }
}

/**
 * A submission's body as the report core reads it: the content type decides the kind (JSON, xlsx workbook, the
 * text, HTML or Word document of a published report). JSON may be the bare report or an envelope { report,
 * confirmWarnings }. Text and HTML go to the report core as sent, with the declared charset if any: it decides
 * the encoding (UTF-8, GB18030, UTF-16) the same way as the CLI.
 */
import { CLIENT_KINDS, type ClientKind, type SubmittingClient } from '../../contract/answers';
import { SUBMISSION_KIND_OF_TYPE } from '../../contract/media';
import type { Finding } from '../../report/model/types';
import { type InputKind, InputError, loadReport, type LoadedReport, reportFromJson } from '../../report/input';
import { pdfMessage } from '../../report/input/pdf';
import { withAddresses } from '../../report/workbook/layout';
import type { ApiEvent } from '../http/api';
import { HttpError } from '../http/errors';
import { decodeText, header, mediaType, parseJsonBody } from '../http/request';
import { ERRORS, type ErrorCode } from '../../contract/errors';
import { CLIENT_HEADER, CONFIRM_HEADER } from '../../contract/headers';

/** Which warnings the submitter confirmed: all of them, or those with the listed rule codes. */
export type Confirmation = 'all' | ReadonlySet<string>;

export function parseConfirmation(value: unknown): Confirmation {
  if (value === undefined || value === null) return new Set();
  if (value === 'all' || value === true) return 'all';
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (!list) {
    throw new HttpError('E-BODY-MALFORMED', {
      zh: 'confirmWarnings 应为 "all" 或规则代码列表',
      en: 'confirmWarnings must be "all" or a list of rule codes',
    });
  }
  const codes = list.map((c) => String(c).trim().toUpperCase()).filter(Boolean);
  return codes.includes('ALL') ? 'all' : new Set(codes);
}

function merge(a: Confirmation, b: Confirmation): Confirmation {
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...a, ...b]);
}

/** The warning codes in `findings` that the confirmation does not cover. */
export function unconfirmedWarnings(findings: readonly Finding[], confirmation: Confirmation): string[] {
  const codes = [...new Set(findings.filter((f) => f.severity === 'warning').map((f) => f.rule))];
  return confirmation === 'all' ? [] : codes.filter((c) => !confirmation.has(c));
}

export function confirmedWarnings(findings: readonly Finding[], confirmation: Confirmation): string[] {
  const codes = [...new Set(findings.filter((f) => f.severity === 'warning').map((f) => f.rule))];
  return confirmation === 'all' ? codes : codes.filter((c) => confirmation.has(c));
}

export interface SubmissionInput {
  readonly kind: InputKind;
  readonly contentType: string;
  readonly confirmation: Confirmation;
  /**
   * What the report core reads: for JSON the parsed report (for an envelope the report inside it), parsed once;
   * else the bytes as sent (and for text, the charset declared).
   */
  readonly content: { readonly json: unknown } | { readonly bytes: Uint8Array; readonly charset?: string };
}

export function submissionInput(event: ApiEvent, body: Buffer): SubmissionInput {
  const mt = mediaType(event);
  const kind: InputKind | undefined = SUBMISSION_KIND_OF_TYPE[mt.type];
  if (mt.type === 'application/pdf')
    throw new HttpError('E-CONTENT-TYPE', { ...pdfMessage(body, 'upload'), ownSentence: true });
  if (!kind) throw new HttpError('E-CONTENT-TYPE', { zh: mt.type || '（未注明）', en: mt.type || '(none)' });
  const contentType = mt.charset ? `${mt.type}; charset=${mt.charset}` : mt.type;
  let confirmation = parseConfirmation(header(event, CONFIRM_HEADER));
  if (kind !== 'json')
    return {
      kind,
      contentType,
      confirmation,
      content: { bytes: body, ...(mt.charset ? { charset: mt.charset } : {}) },
    };
  const text = decodeText(body, mt.charset);
  const data = parseJsonBody(text);
  if (data && typeof data === 'object' && !Array.isArray(data) && 'report' in data) {
    const envelope = data as { report: unknown; confirmWarnings?: unknown };
    confirmation = merge(confirmation, parseConfirmation(envelope.confirmWarnings));
    return { kind, contentType, confirmation, content: { json: envelope.report } };
  }
  return { kind, contentType, confirmation, content: { json: data } };
}

/**
 * The API's code for a reader's refusal: the workbook reader's codes are the API's own (400 not a template, 413 too
 * large, 422 too complex); so may an importer's be, once listed in contract/errors.ts; any other is a malformed body.
 */
function httpCodeOf(code: string): ErrorCode {
  if (code === 'E-JSON-SCHEMA') return 'E-REPORT-SCHEMA';
  if (code === 'E-JSON-DEPTH') return 'E-BODY-TOO-DEEP';
  if (code === 'E-IMPORT-TOO-LARGE' || code === 'E-DOCX-TOO-LARGE') return 'E-BODY-TOO-LARGE';
  if (code === 'E-NO-TABLES' || code === 'E-IMPORT-TOO-DEEP' || code === 'E-PDF') return 'E-NOT-A-REPORT';
  return Object.hasOwn(ERRORS, code) ? (code as ErrorCode) : 'E-BODY-MALFORMED';
}

/** Reads the report; an input that is no report at all becomes a 4xx with the reader's own code and message. */
export async function readSubmission(
  input: SubmissionInput,
  opts: { year?: number; agency?: string },
): Promise<LoadedReport> {
  try {
    if ('json' in input.content) return reportFromJson(input.content.json, opts);
    const { bytes, charset } = input.content;
    return await loadReport(bytes, input.kind, { ...opts, ...(charset ? { charset } : {}) });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // The reader's message is a whole sentence saying what the code says, and more (读取工作簿…, 未能找到年报的
    // 表格…, JSON 格式错误：第 2 行…): said once, not after the code's title.
    throw new HttpError(httpCodeOf(e.code), { ...e.bilingual, ownSentence: true }, { reason: e.code });
  }
}

/** Findings of a workbook name their cells by sheet and address too. */
export function locate(findings: Finding[], loaded: LoadedReport): Finding[] {
  return loaded.layout ? withAddresses(findings, loaded.layout) : findings;
}

/** JSON with object keys in sorted order: the same value always gives the same text (and hash). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

const CLIENT_VALUE = /^([a-z]+)(?:\/([0-9A-Za-z.+-]{1,32}))?$/;

/** The client a request says it comes from (CLIENT_HEADER): add-in, CLI or web page, else `other`. */
export function clientOf(event: ApiEvent): SubmittingClient {
  const m = CLIENT_VALUE.exec(header(event, CLIENT_HEADER)?.trim() ?? '');
  const kind = m?.[1] as ClientKind | undefined;
  if (!m || !kind || kind === 'other' || !CLIENT_KINDS.includes(kind)) return { kind: 'other' };
  return { kind, ...(m[2] ? { version: m[2] } : {}) };
}

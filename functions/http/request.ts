/** Reading a request: headers, parameters, the body (base64 or not) within the size limit, its media type. */
import { AGENCY_ID, MAX_BODY_BYTES, MAX_YEAR, MIN_YEAR, yearInChina, yearState } from '../../contract/limits';
import { MAX_JSON_DEPTH, parseJsonBounded } from '../../report/input/json';
import { jsonSyntaxMessage } from '../../report/input/jsonSyntax';
import type { Bilingual } from '../../contract/bilingual';
import type { ApiEvent } from './api';
import { HttpError } from './errors';

export function header(event: ApiEvent, name: string): string | undefined {
  const lower = name.toLowerCase();
  const headers = event.headers ?? {};
  const v = headers[lower] ?? Object.entries(headers).find(([k]) => k.toLowerCase() === lower)?.[1];
  return v === undefined || v === '' ? undefined : v;
}

export function query(event: ApiEvent, name: string): string | undefined {
  const v = event.queryStringParameters?.[name];
  return v === undefined || v === '' ? undefined : v;
}

export function parseAgency(value: string | undefined): string {
  if (!value || !AGENCY_ID.test(value)) {
    throw new HttpError('E-AGENCY-INVALID', { zh: String(value ?? '（空）'), en: String(value ?? '(empty)') });
  }
  return value;
}

export function parseYear(value: string | undefined): number {
  const n = value !== undefined && /^\d{4}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!(n >= MIN_YEAR && n <= MAX_YEAR)) {
    throw new HttpError('E-YEAR-INVALID', {
      zh: `${value ?? '（空）'}，应为 ${MIN_YEAR}–${MAX_YEAR} 之间的四位年份`,
      en: `${value ?? '(empty)'}; expected a four-digit year ${MIN_YEAR}–${MAX_YEAR}`,
    });
  }
  return n;
}

export function parseVersion(value: string | undefined): number {
  const n = value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1)) throw new HttpError('E-VERSION-INVALID', { zh: String(value), en: String(value) });
  return n;
}

/** The agency and year of a /reports/{agency}/{year}… route. */
export function reportParams(event: ApiEvent): { agency: string; year: number } {
  return { agency: parseAgency(event.pathParameters?.agency), year: parseYear(event.pathParameters?.year) };
}

function tooLarge(size: number): HttpError {
  return new HttpError(
    'E-BODY-TOO-LARGE',
    { zh: `${size} 字节，上限 ${MAX_BODY_BYTES} 字节`, en: `${size} bytes; the limit is ${MAX_BODY_BYTES} bytes` },
    { limitBytes: MAX_BODY_BYTES },
  );
}

/** The body as bytes. Empty → 400; over the limit → 413 (checked before decoding when the length is declared). */
export function readBody(event: ApiEvent, max = MAX_BODY_BYTES): Buffer {
  const declared = Number(header(event, 'content-length'));
  if (declared > max) throw tooLarge(declared);
  const raw = event.body ?? '';
  if (raw.length === 0) throw new HttpError('E-BODY-EMPTY');
  // A base64 string of n characters holds about 3n/4 bytes: refuse before allocating.
  const estimate = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw, 'utf8');
  if (estimate > max + 3) throw tooLarge(estimate);
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > max) throw tooLarge(bytes.length);
  if (bytes.length === 0) throw new HttpError('E-BODY-EMPTY');
  return bytes;
}

export interface MediaType {
  /** Lower-case type/subtype, without parameters. */
  readonly type: string;
  readonly charset?: string;
}

export function mediaType(event: ApiEvent): MediaType {
  const raw = header(event, 'content-type') ?? '';
  const [type = '', ...params] = raw.split(';').map((s) => s.trim());
  const charset = params.map((p) => /^charset\s*=\s*"?([^";]+)"?$/i.exec(p)?.[1]).find(Boolean);
  return { type: type.toLowerCase(), ...(charset ? { charset: charset.toLowerCase() } : {}) };
}

/** Text in the declared charset (UTF-8 by default; GB18030/GBK pages are common). Invalid bytes → 400. */
export function decodeText(bytes: Uint8Array, charset = 'utf-8'): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new HttpError('E-BODY-MALFORMED', { zh: `不支持的字符集 ${charset}`, en: `unsupported charset ${charset}` });
  }
  try {
    return decoder.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new HttpError('E-BODY-MALFORMED', {
      zh: `内容不是有效的 ${charset} 文本（如为 GBK/GB18030 编码，请在 Content-Type 中注明 charset）`,
      en: `the body is not valid ${charset} text (for GBK/GB18030, say so in the Content-Type charset)`,
    });
  }
}

/** JSON of a request body, nested at most MAX_JSON_DEPTH deep (400 E-BODY-TOO-DEEP), else 400 E-BODY-MALFORMED. */
export function parseJsonBody(text: string, expected?: Bilingual): unknown {
  const parsed = parseJsonBounded(text);
  if (parsed.ok) return parsed.value;
  if (parsed.tooDeep) {
    throw new HttpError('E-BODY-TOO-DEEP', {
      zh: `超过 ${MAX_JSON_DEPTH} 层`,
      en: `more than ${MAX_JSON_DEPTH} levels`,
    });
  }
  throw new HttpError('E-BODY-MALFORMED', expected ?? jsonSyntaxMessage(text));
}

/** A report may be submitted or reviewed once its year is over in China (UTC+8): 422 for the current or a later year. */
export function requireYearOver(year: number, now = Date.now()): void {
  const state = yearState(year, now);
  if (state === 'current') {
    throw new HttpError('E-YEAR-NOT-OVER', {
      zh: `${year} 年到北京时间 ${year + 1} 年 1 月 1 日零时才结束`,
      en: `${year} ends at midnight on 1 January ${year + 1}, China time`,
    });
  }
  if (state === 'future') {
    throw new HttpError('E-YEAR-NOT-BEGUN', {
      zh: `${year} 年尚未开始（北京时间现为 ${yearInChina(now)} 年）`,
      en: `${year} has not begun (it is ${yearInChina(now)} in China)`,
    });
  }
}

/** A page size (&limit=): the default when absent, else a whole number within 1…max (400 otherwise). */
export function parseLimit(text: string | undefined, page: { readonly default: number; readonly max: number }): number {
  if (text === undefined) return page.default;
  const n = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= page.max))
    throw new HttpError('E-PARAM-INVALID', { zh: `limit 应为 1–${page.max}`, en: `limit must be 1–${page.max}` });
  return n;
}

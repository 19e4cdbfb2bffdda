/** Building answers: JSON for the API, HTML and CSV for the public, errors in one bilingual shape. */
import type { Bilingual } from '../../report/model/types';
import type { OwnSentence } from '../../contract/errors';
import { pageCsp } from '../../report/render/styles';
import type { ApiResult } from './api';
import { ERRORS, errorMessage, type ErrorCode } from './errors';

const NO_SNIFF = { 'x-content-type-options': 'nosniff' };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResult {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...NO_SNIFF,
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

/**
 * Published pages run no script at all (defence in depth behind the renderer's escaping): the renderer's policy
 * (its own stylesheet, nothing else), sent as a header too, where frame-ancestors also takes effect.
 */
export function htmlCsp(): string {
  return `${pageCsp()}; frame-ancestors 'none'`;
}

export function html(statusCode: number, body: string, headers: Record<string, string> = {}): ApiResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': htmlCsp(),
      'referrer-policy': 'no-referrer',
      'cache-control': statusCode === 200 ? 'public, max-age=60' : 'no-store',
      ...NO_SNIFF,
      ...headers,
    },
    body,
  };
}

export function csv(body: string, filename: string): ApiResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'public, max-age=60',
      ...NO_SNIFF,
    },
    body,
  };
}

export function bytes(body: Uint8Array, contentType: string, filename: string): ApiResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
      ...NO_SNIFF,
    },
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
  };
}

/** The error body every client reads: { code, message: {zh, en}, …extra }. */
export function errorBody(code: ErrorCode, detail?: Bilingual | OwnSentence, extra?: Record<string, unknown>) {
  return { code, message: errorMessage(code, detail), ...extra };
}

export function errorResult(
  code: ErrorCode,
  detail?: Bilingual | OwnSentence,
  extra?: Record<string, unknown>,
  headers?: Record<string, string>,
): ApiResult {
  return json(ERRORS[code].status, errorBody(code, detail, extra), headers);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small bilingual error page for the public HTML routes. */
export function errorPage(code: ErrorCode, detail?: Bilingual | OwnSentence): ApiResult {
  const m = errorMessage(code, detail);
  const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(m.zh)}</title></head><body><h1>${escapeHtml(m.zh)}</h1><p lang="en">${escapeHtml(m.en)}</p><p><code>${code}</code></p></body></html>`;
  return html(ERRORS[code].status, body);
}

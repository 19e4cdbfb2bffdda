/**
 * How every client (the add-in, the web pages, the CLI) retries an answer that asks it to: one policy. A retry
 * resends the same bytes under the same Idempotency-Key, so it never stores a second version.
 * - Retry-After (delta-seconds or an HTTP date; our rate limit and the WAF send it): wait as told when that is at most
 *   MAX_WAIT_SECONDS; longer, stop and tell the person when to try again (请在 N 秒后重试).
 * - No Retry-After (API Gateway's own throttle answers 429 without one, a lost answer, a busy server): wait a
 *   jittered, doubling backoff — 1–2 s, then 2–4 s — so clients throttled together do not come back together.
 */
import type { Bilingual } from './bilingual';

/** Tries in all, the first included. */
export const RETRY_ATTEMPTS = 3;
/** The longest a client waits on its own before a retry; a longer Retry-After is told to the person instead. */
export const MAX_WAIT_SECONDS = 30;
/** The first backoff without Retry-After; each retry doubles it, plus up to as much again of jitter. */
export const BACKOFF_BASE_MS = 1000;

/** Answers worth resending as they are: no answer (0), the key still in progress, throttled, the server failing. */
export function retryableStatus(status: number): boolean {
  return status === 0 || status === 409 || status === 429 || status >= 500;
}

/** Seconds from a Retry-After value: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text || text.length > 64) return undefined;
  if (/^\d{1,9}$/.test(text)) return Number(text);
  // An HTTP date starts with the day's name (Fri, 30 Jan 2026 08:00:45 GMT; the obsolete forms too).
  if (!/^[A-Z][a-z]{2,8},? /.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The backoff before retry n (1-based) when the answer named no time: base·2^(n−1), plus up to as much jitter. */
export function backoffMs(n: number, random: () => number = Math.random): number {
  const base = BACKOFF_BASE_MS * 2 ** (n - 1);
  return Math.round(base * (1 + random()));
}

/**
 * What to do after try n (1-based) got a retryable answer: wait this many ms and resend, or stop — the tries are
 * used up, or the server asks for a wait longer than a client makes on its own (then `laterSeconds` says how long).
 */
export function nextRetry(
  n: number,
  retryAfter: number | undefined,
  opts: { attempts?: number; backoff?: (n: number) => number } = {},
): { readonly waitMs: number } | { readonly stop: true; readonly laterSeconds?: number } {
  if (retryAfter !== undefined && retryAfter > MAX_WAIT_SECONDS) return { stop: true, laterSeconds: retryAfter };
  if (n >= (opts.attempts ?? RETRY_ATTEMPTS)) return { stop: true };
  return { waitMs: retryAfter !== undefined ? retryAfter * 1000 : (opts.backoff ?? backoffMs)(n) };
}

/** 请在 N 秒后重试 (or about N minutes, from 90 s on). */
export function tryAgainIn(seconds: number): Bilingual {
  if (seconds < 90) return { zh: `请在 ${seconds} 秒后重试`, en: `Try again in ${seconds} s` };
  const minutes = Math.ceil(seconds / 60);
  return { zh: `请在约 ${minutes} 分钟后重试`, en: `Try again in about ${minutes} minutes` };
}

/** A 429 that is not the API's own answer (API Gateway's throttle: {"message":"Too Many Requests"}), after retrying. */
export const THROTTLED: Bilingual = {
  zh: '服务器当前请求过多，自动重试后仍未成功，请稍等片刻再试。',
  en: 'The server has too many requests right now and the automatic retries did not get through; wait a moment and try again.',
};

/**
 * A server's message with the time to try again: its own "try again later" ending (请稍后再试) replaced by the time,
 * or the time added after it.
 */
export function withTryAgainIn(message: Bilingual, seconds: number): Bilingual {
  const later = tryAgainIn(seconds);
  const zh = message.zh.replace(/[，,；;]?\s*请稍后(?:再试|重试)[。.]?\s*$/, '').replace(/[。.]\s*$/, '');
  const en = message.en.replace(/[;,]?\s*(?:try again later|retry shortly)\.?\s*$/i, '').replace(/\.\s*$/, '');
  return { zh: `${zh}，${later.zh}。`, en: `${en}. ${later.en}.` };
}

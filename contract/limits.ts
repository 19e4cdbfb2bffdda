/**
 * The API's limits and identifiers, as both sides see them: the server enforces them, clients check them before
 * sending (the task pane refuses an oversized workbook without uploading it).
 */

/** The largest request body accepted (a report workbook is ~50–300 KB; Lambda's 6 MB payload includes base64). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Reporting years the API knows: the 条例 took its current form in 2008. */
export const MIN_YEAR = 2008;
export const MAX_YEAR = 2100;

/** China Standard Time is UTC+8 all year: a reporting year ends at midnight in Beijing. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** The calendar year now in China. */
export function yearInChina(now = Date.now()): number {
  return new Date(now + CHINA_OFFSET_MS).getUTCFullYear();
}

/**
 * The clock time (HH:MM:SS) in China at an instant. Plain arithmetic, not Intl: a time-zone formatter loads ICU's
 * zone data, 50–120 ms of a function's cold start here, for a message that is rarely sent.
 */
export function clockInChina(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(11, 19);
}

/** Whether a reporting year is over in China (a report may be submitted), still running, or yet to come. */
export function yearState(year: number, now = Date.now()): 'over' | 'current' | 'future' {
  const current = yearInChina(now);
  return year < current ? 'over' : year === current ? 'current' : 'future';
}

/** An agency id is an ASCII slug (the Cognito attribute custom:agency), e.g. yiyang-hrss. */
export const AGENCY_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/**
 * An Idempotency-Key: 1–128 letters, digits and `-_.:` (a UUID is the usual choice). The server keeps keys only in
 * prototype-free places (item keys, Map), so `__proto__` or `constructor` is just another key.
 */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/** The longest reason an administrator or reviewer may give for a decision. */
export const MAX_REASON_CHARS = 1000;

/**
 * How many new versions of one report (one agency, one year) the API stores within a sliding window: far above what
 * honest use can reach (each version is a changed report, checked and sent; the same report sent again is answered
 * with the version it stored and counts nothing), low enough that a runaway script cannot fill the store. Beyond
 * it the answer is 429 E-RATE-LIMIT with Retry-After and the time to try again; nothing is stored, nothing locked.
 */
export const SUBMISSION_RATE = { versions: 30, windowSeconds: 600 } as const;

export interface SubmissionRate {
  readonly versions: number;
  readonly windowSeconds: number;
}

/** The most versions a rate may allow per window (the store keeps the times of this many). */
export const MAX_RATE_VERSIONS = 64;

/** A rate written `versions/seconds`, e.g. `30/600` (the SUBMISSION_RATE variable); throws on anything else. */
export function parseRate(text: string): SubmissionRate {
  const m = /^\s*(\d{1,3})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  const versions = Number(m?.[1]);
  const windowSeconds = Number(m?.[2]);
  if (!m || versions < 1 || versions > MAX_RATE_VERSIONS || windowSeconds < 1)
    throw new Error(`SUBMISSION_RATE must be versions/seconds (1–${MAX_RATE_VERSIONS} versions), not "${text}"`);
  return { versions, windowSeconds };
}

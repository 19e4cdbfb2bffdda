/**
 * The API's limits and identifiers, as both sides see them: the server enforces them, clients check them before
 * sending (the task pane refuses an oversized workbook without uploading it).
 */

/** The largest request body accepted (a report workbook is ~50–300 KB; Lambda's 6 MB payload includes base64). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Reporting years the API knows: the 条例 took its current form in 2008. */
export const MIN_YEAR = 2008;
export const MAX_YEAR = 2100;

/** An agency id is an ASCII slug (the Cognito attribute custom:agency), e.g. yiyang-hrss. */
export const AGENCY_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** An Idempotency-Key: 1–128 visible ASCII characters (a UUID is the usual choice). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

/** The longest reason an administrator or reviewer may give for a decision. */
export const MAX_REASON_CHARS = 1000;

/** The request headers of the submission contract (light: the add-in's build reads these names). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** `all`, or rule codes separated by commas: the warnings the submitter checked and confirms. */
export const CONFIRM_HEADER = 'x-confirm-warnings';
/** The reporting year, where the body does not say it (published text often has no title line). */
export const YEAR_HEADER = 'x-report-year';
/** On a 201: `true` when the answer repeats an earlier submission with the same Idempotency-Key. */
export const REPLAYED_HEADER = 'idempotent-replayed';
/**
 * Which client sent a submission, recorded with the version (its history says add-in, CLI or web page):
 * `addin`, `cli` or `web`, optionally with a version after a slash (`cli/1.2.0`). Anything else is recorded as `other`.
 */
export const CLIENT_HEADER = 'x-nianbao-client';

/** Thrown inside a handler to answer with one of the contract's errors (contract/errors.ts). */
import type { Bilingual } from '../../contract/bilingual';
import type { ErrorCode, OwnSentence } from '../../contract/errors';

export { ERRORS, errorMessage, type ErrorCode } from '../../contract/errors';

/** `detail` adds specifics to the message (or is the whole message: OwnSentence), `extra` fields to the body, `headers` to the answer (Retry-After). */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: Bilingual | OwnSentence,
    readonly extra?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(code);
  }
}

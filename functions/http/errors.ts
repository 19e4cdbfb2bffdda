/** Thrown inside a handler to answer with one of the contract's errors (contract/errors.ts). */
import type { Bilingual } from '../../contract/bilingual';
import type { ErrorCode } from '../../contract/errors';

export { ERRORS, errorMessage, type ErrorCode } from '../../contract/errors';

/** `detail` adds specifics to the message, `extra` fields to the body, `headers` to the answer (Retry-After). */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: Bilingual,
    readonly extra?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(code);
  }
}

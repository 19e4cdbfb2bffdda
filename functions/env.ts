/**
 * The environment the functions read — the one contract between the handlers, the local stack and the CDK stack.
 *   TABLE_NAME         (required) the DynamoDB table (functions/store/table.ts describes its keys and index)
 *   DYNAMODB_ENDPOINT  (optional) a DynamoDB-compatible endpoint: the local stack and the tests point it at dynalite
 *   AWS_REGION         (set by Lambda; locally defaults to `local`)
 *   PUBLIC_BASE_URL    (optional) the site's public origin, e.g. https://nianbao.example.gov.cn (the API is under
 *                      /api, published pages and open data under /published and /open-data); the addresses the
 *                      API hands out and the published files' links are built from it (default: the request's host)
 *   PUBLISHED_BUCKET   (the publishing builder) the S3 bucket of the published objects (functions/published/)
 *   SUBMISSION_RATE    (optional) `versions/seconds`: new versions of one report allowed per window (default
 *                      contract/limits.ts SUBMISSION_RATE); the tests lower it to meet the limit
 *   REMINDER_FROM      (optional) the address deadline reminders are e-mailed from through Amazon SES (the stage's
 *                      context flag reminderFrom); without it reminders are written to the log
 *   POWERTOOLS_SERVICE_NAME, POWERTOOLS_LOG_LEVEL  (optional) the logger's service name (default nianbao) and level
 */
import { parseRate, SUBMISSION_RATE, type SubmissionRate } from '../contract/limits';

export { MAX_RATE_VERSIONS, parseRate } from '../contract/limits';

/** How long a function may run (the CDK stack sets it on every function); nothing of one invocation outlives it. */
export const FUNCTION_TIMEOUT_SECONDS = 15;

export interface FunctionsEnv {
  readonly tableName: string;
  readonly endpoint?: string;
  readonly region: string;
  readonly publicBaseUrl?: string;
  /** The submission rate limit (default SUBMISSION_RATE). */
  readonly submissionRate?: SubmissionRate;
  /** Reminders are e-mailed from this address through Amazon SES; absent: written to the log. */
  readonly reminderFrom?: string;
}

/** The rate limit in force. */
export function submissionRate(): SubmissionRate {
  return readEnv().submissionRate ?? SUBMISSION_RATE;
}

let configured: FunctionsEnv | undefined;

/**
 * Sets the functions' configuration as values (the dev stack and the tests, which run the handlers in their own
 * process); undefined returns to reading the environment, as Lambda does.
 */
export function configureFunctions(env: FunctionsEnv | undefined): void {
  configured = env;
}

/** The configuration: as configured, else from the environment (Lambda). */
export function readEnv(env: NodeJS.ProcessEnv = process.env): FunctionsEnv {
  if (configured) return configured;
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  return {
    tableName,
    ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'local',
    ...(env.PUBLIC_BASE_URL ? { publicBaseUrl: env.PUBLIC_BASE_URL.replace(/\/+$/, '') } : {}),
    ...(env.SUBMISSION_RATE ? { submissionRate: parseRate(env.SUBMISSION_RATE) } : {}),
    ...(env.REMINDER_FROM ? { reminderFrom: env.REMINDER_FROM } : {}),
  };
}

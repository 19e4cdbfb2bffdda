import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * What differs between stages. The stage comes from context (`-c stage=dev`); `prod` gets the production profile
 * (data retained and protected, longer log retention), every other name the development profile, so a developer can
 * deploy a personal stage (`-c stage=alice`) next to the shared ones without touching them.
 */
/** API Gateway throttling: steady requests per second, and how many at once above it (a token bucket per route). */
export interface Throttle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface StageConfig {
  readonly stage: string;
  readonly production: boolean;
  /** Days CloudWatch keeps function and access logs. */
  readonly logRetention: RetentionDays;
  /** Stage-wide default route throttling of the HTTP API: what every route gets unless `routeThrottles` says more. */
  readonly throttle: Throttle;
  /**
   * Per-route throttling (api.ts routeThrottleOf): routes that write (POST) and public reads (GET without an
   * account), which are tighter than writes: CloudFront caches them, so their origin should see little.
   */
  readonly routeThrottles: { readonly write: Throttle; readonly publicRead: Throttle };
  /**
   * Reserved concurrency of the submit function (`-c submitConcurrency=N`, or `none`): capacity no other function
   * can take in the January peak, and a ceiling on what it asks of the table. The submit route is throttled below it
   * (API Gateway answers 429 first; a function throttled by Lambda would reach the caller as a 500). Default 100 in
   * prod; none elsewhere (a new account's concurrency quota can be 10, and Lambda keeps 100 unreserved).
   */
  readonly submitConcurrency?: number;
  /**
   * An AWS WAF web ACL with rate-based rules in front of the distribution (`-c waf=true|false`; default on in prod).
   * CloudFront's web ACLs live in us-east-1: infra/edge.ts puts it in a stack of its own there. Ignored when
   * `webAclArn` names an existing one.
   */
  readonly waf: boolean;
  /** How long CloudFront may serve a published page or open data before asking the API again. */
  readonly publishedTtl: Duration;
  /** Alarm notifications go to this address when given (`-c alarmEmail=ops@example.gov.cn`). */
  readonly alarmEmail?: string;
  /** Prefix of the Cognito hosted-UI domain; default `nianbao-<stage>-<account id>` (unique per account and region). */
  readonly authDomainPrefix?: string;
  /** ARN of an existing AWS WAF web ACL (scope CLOUDFRONT) to attach to the distribution. */
  readonly webAclArn?: string;
  /**
   * Deadline reminders are e-mailed through Amazon SES from this address (`-c reminderFrom=gkb@example.gov.cn`; SES
   * sends it a verification link at deploy). Without it, reminders are written to the review desk function's log.
   */
  readonly reminderFrom?: string;
}

const STAGE_NAME = /^[a-z][a-z0-9-]{0,19}$/;

/** Context values as the CDK hands them over: strings from `-c`, anything from cdk.json. */
export type ContextReader = (key: string) => unknown;

function optionalString(read: ContextReader, key: string): string | undefined {
  const value = read(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`context ${key} must be a string`);
  return value;
}

function booleanOf(read: ContextReader, key: string, fallback: boolean): boolean {
  const value = read(key);
  if (value === undefined || value === null || value === '') return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`context ${key} must be true or false, not "${String(value)}"`);
}

/** A count of concurrent executions: a whole number 1–1000, or `none` (0 too) for no reservation. */
function concurrencyOf(read: ContextReader, key: string, fallback: number | undefined): number | undefined {
  const value = read(key);
  if (value === undefined || value === null || value === '') return fallback;
  if (value === 'none' || value === 0 || value === '0') return undefined;
  const n = typeof value === 'number' ? value : /^\d{1,4}$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new Error(`context ${key} must be a whole number from 1 to 1000, or none, not "${String(value)}"`);
  return n;
}

function emailOf(read: ContextReader, key: string): string | undefined {
  const value = optionalString(read, key);
  if (value !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
    throw new Error(`context ${key} must be an e-mail address, not "${value}"`);
  return value;
}

export function stageConfig(read: ContextReader): StageConfig {
  const stage = optionalString(read, 'stage') ?? 'dev';
  if (!STAGE_NAME.test(stage)) {
    throw new Error(
      `阶段名无效 / invalid stage name "${stage}": lowercase letters, digits and hyphens, starting with a letter, at most 20`,
    );
  }
  const production = stage === 'prod';
  return {
    stage,
    production,
    logRetention: production ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
    throttle: production ? { rateLimit: 100, burstLimit: 200 } : { rateLimit: 10, burstLimit: 20 },
    routeThrottles: production
      ? { write: { rateLimit: 50, burstLimit: 100 }, publicRead: { rateLimit: 20, burstLimit: 40 } }
      : { write: { rateLimit: 5, burstLimit: 10 }, publicRead: { rateLimit: 2, burstLimit: 5 } },
    submitConcurrency: concurrencyOf(read, 'submitConcurrency', production ? 100 : undefined),
    waf: booleanOf(read, 'waf', production),
    publishedTtl: Duration.minutes(1),
    alarmEmail: optionalString(read, 'alarmEmail'),
    authDomainPrefix: optionalString(read, 'authDomainPrefix'),
    webAclArn: optionalString(read, 'webAclArn'),
    reminderFrom: emailOf(read, 'reminderFrom'),
  };
}

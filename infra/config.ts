import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * What differs between stages. The stage comes from context (`-c stage=dev`); `prod` gets the production profile
 * (data retained and protected, longer log retention), every other name the development profile, so a developer can
 * deploy a personal stage (`-c stage=alice`) next to the shared ones without touching them.
 */
export interface StageConfig {
  readonly stage: string;
  readonly production: boolean;
  /** Days CloudWatch keeps function and access logs. */
  readonly logRetention: RetentionDays;
  /** Stage-wide default route throttling of the HTTP API (requests per second, burst). */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
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
    throttle: production ? { rateLimit: 50, burstLimit: 100 } : { rateLimit: 10, burstLimit: 20 },
    publishedTtl: Duration.minutes(1),
    alarmEmail: optionalString(read, 'alarmEmail'),
    authDomainPrefix: optionalString(read, 'authDomainPrefix'),
    webAclArn: optionalString(read, 'webAclArn'),
    reminderFrom: emailOf(read, 'reminderFrom'),
  };
}

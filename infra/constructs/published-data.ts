import { join } from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLevel,
  AllowedMethods,
  CachePolicy,
  CachedMethods,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type Distribution,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PUBLISHED_PREFIXES } from '../../contract/published';
import { htmlCsp } from '../../functions/http/response';
import { TRIGGERS } from '../../functions/published/changes';
import { STATUS_METADATA } from '../../functions/published/s3';
import { PROJECT_ROOT } from '../names';
import { HandlerFunction } from './handler-function';
import { privateBucket } from './private-bucket';

/** What the builder does with the table: reads reports and the registry (GetItem, BatchGetItem, Query), writes its own items (PutItem). */
export const BUILDER_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
] as const;

/** What the builder does with the objects of its bucket. */
export const BUILDER_OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] as const;

/** The builder's module (functions/published/handler.ts). */
export const BUILDER_ENTRY = join(PROJECT_ROOT, 'functions', 'published', 'handler.ts');

/**
 * Turns a withdrawn page's status (kept by S3 as x-amz-meta-status) into the response status, on every response,
 * cached or not. CloudFront Functions run a restricted JavaScript: this stays plain.
 */
export const STATUS_FUNCTION_CODE = `function handler(event) {
  var response = event.response;
  var header = response.headers['x-amz-meta-${STATUS_METADATA}'];
  if (header && response.statusCode === 200) {
    var status = parseInt(header.value, 10);
    if (status >= 400 && status < 600) {
      response.statusCode = status;
      response.statusDescription = status === 410 ? 'Gone' : 'Error';
    }
  }
  delete response.headers['x-amz-meta-${STATUS_METADATA}'];
  return response;
}`;

/** The stream filter: the builder is invoked only for the writes of TRIGGERS (one pattern each). */
export function triggerFilters(): Record<string, unknown>[] {
  return TRIGGERS.map((t) =>
    FilterCriteria.filter({
      eventName: FilterRule.or('INSERT', 'MODIFY'),
      dynamodb: {
        Keys: {
          pk: { S: [{ prefix: t.pk }] },
          sk: { S: t.sk.map((prefix) => ({ prefix })) },
        },
      },
    }),
  );
}

export interface PublishedDataProps {
  readonly table: TableV2;
  /** The year index the builder queries (the rebuild lists a year's reports from it). */
  readonly indexNames: readonly string[];
  /** The site's origin: the published files' absolute links (canonical pages, open data). */
  readonly baseUrl: string;
  readonly metricsNamespace: string;
  readonly logRetention: RetentionDays;
  readonly production: boolean;
}

/**
 * Published pages and open data, built once per change and read many times: the table's stream invokes the
 * builder (functions/published/), which writes the objects into their own bucket; CloudFront serves them at
 * /published/* and /open-data/* (origin access control, cached by path only). A request never reaches a function
 * or the table. Batches that keep failing go to a queue an alarm watches; `npm run admin -- rebuild-published`
 * recreates everything from the table.
 */
export class PublishedData extends Construct {
  readonly bucket: Bucket;
  readonly builder: HandlerFunction;
  readonly deadLetters: Queue;
  readonly statusFunction: EdgeFunction;
  readonly headers: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: PublishedDataProps) {
    super(scope, id);
    // Derived data (the rebuild recreates it), kept in production so that published addresses never go dark.
    this.bucket = privateBucket(this, 'Bucket', props.production);

    this.builder = new HandlerFunction(this, 'Builder', {
      handler: 'publishedBuilder',
      entry: BUILDER_ENTRY,
      table: props.table,
      indexNames: props.indexNames,
      access: 'write',
      tableActions: BUILDER_TABLE_ACTIONS,
      environment: {
        TABLE_NAME: props.table.tableName,
        PUBLISHED_BUCKET: this.bucket.bucketName,
        PUBLIC_BASE_URL: props.baseUrl,
      },
      metricsNamespace: props.metricsNamespace,
      logRetention: props.logRetention,
      production: props.production,
    });
    // Exactly what the builder does with its objects (no wildcard actions), and listing for the rebuild's sweep.
    this.builder.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...BUILDER_OBJECT_ACTIONS], resources: [this.bucket.arnForObjects('*')] }),
    );
    this.builder.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }),
    );

    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.builder.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(1),
        // One batch per shard at a time: a partition's changes (a report's, a node's) are applied in order.
        parallelizationFactor: 1,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        maxRecordAge: Duration.days(1),
        onFailure: new SqsDlq(this.deadLetters),
        filters: triggerFilters(),
      }),
    );

    this.statusFunction = new EdgeFunction(this, 'Status', {
      comment: 'nianbao: the status of a withdrawn report page (410)',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(STATUS_FUNCTION_CODE),
    });
    this.headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'nianbao published: HSTS, nosniff, referrer, the pages CSP (no script, no framing)',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: htmlCsp(), override: true },
      },
    });
  }

  /** Serves the bucket at /published/* and /open-data/* of the distribution. */
  serveThrough(distribution: Distribution): void {
    // LIST as well as READ: a missing object is then a 404, not a 403.
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
    });
    for (const prefix of PUBLISHED_PREFIXES) {
      distribution.addBehavior(`${prefix}*`, origin, {
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachedMethods: CachedMethods.CACHE_GET_HEAD,
        // The path is the whole cache key (no query string, cookie or header): what the objects' max-age says.
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        functionAssociations: [{ function: this.statusFunction, eventType: FunctionEventType.VIEWER_RESPONSE }],
      });
    }
  }

  /** Alarms when a batch could not be built after its retries (its records wait in the queue). */
  addAlarms(topic: ITopic): Alarm {
    const alarm = new Alarm(this, 'DeadLettersAlarm', {
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription:
        '公开数据构建失败，需重建 / published data builds failed: see the queue, then rebuild-published',
    });
    alarm.addAlarmAction(new SnsAction(topic));
    return alarm;
  }
}

/** The cdk-nag findings the published data keeps, each with its reason (called from infra/nag.ts). */
export function acknowledgePublishedFindings(p: PublishedData): void {
  const ack = (scope: Construct, id: string, reason: string) =>
    Validations.of(scope).acknowledge({ id: `AwsSolutions-${id}`, reason });
  ack(
    p.bucket,
    'S1',
    'The bucket holds only derived public data (published pages, open data) that the builder writes and CloudFront serves; the table keeps who changed what, and the objects can be recreated from it.',
  );
  const bucketId = Stack.of(p).getLogicalId(p.bucket.node.defaultChild as CfnBucket);
  const policy = p.builder.role.node.tryFindChild('DefaultPolicy');
  if (policy)
    ack(
      policy,
      `IAM5[Resource::<${bucketId}.Arn>/*]`,
      'The builder writes any object of its own bucket (one per report page, index page and open-data file), with exactly GetObject, PutObject and DeleteObject.',
    );
  ack(
    p.deadLetters,
    'SQS3',
    "It is itself the dead-letter destination of the builder's stream (records of batches that failed every retry), a role cdk-nag recognises only for queues named in a redrive policy.",
  );
  ack(
    p.builder.fn,
    'L1',
    'Node.js 22 is the runtime this project deploys to by decision (issue 5); a newer one is adopted deliberately after testing, not by drift.',
  );
}

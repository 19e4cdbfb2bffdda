import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { FUNCTION_TIMEOUT_SECONDS } from '../../functions/env';
import { PROJECT_ROOT } from '../names';

/** Handlers live in functions/handlers/<name>.ts. */
export const HANDLERS_DIR = join(PROJECT_ROOT, 'functions', 'handlers');

/** The Lambda runtime and architecture every handler runs on. */
export const HANDLER_RUNTIME = Runtime.NODEJS_22_X;
export const HANDLER_ARCHITECTURE = Architecture.ARM_64;

/** What a handler may do with the table; reading handlers cannot write; only bulk loaders write in batches or delete. */
export type TableAccess = 'read' | 'write' | 'bulk';
export const TABLE_ACTIONS: Record<TableAccess, readonly string[]> = {
  read: ['dynamodb:GetItem', 'dynamodb:Query'],
  write: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  bulk: [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:BatchGetItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:DeleteItem',
  ],
};

/** The package the Lambda bundles take from a file of ours instead (infra/bundling/htmlparser2.ts says why). */
export const HTMLPARSER2_ALIAS = './infra/bundling/htmlparser2.ts';

/**
 * How every handler is bundled (local esbuild, no Docker): the AWS SDK inside, minified CommonJS for Node 22 with
 * source maps, htmlparser2 without its index (the alias is resolved from the project root, where the CDK runs
 * esbuild). Exported so the cold-start benchmark (bench/coldstart.ts) bundles exactly as deployed.
 */
export const HANDLER_BUNDLING = {
  forceDockerBundling: false,
  bundleAwsSDK: true,
  externalModules: [],
  format: OutputFormat.CJS,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  tsconfig: join(PROJECT_ROOT, 'tsconfig.json'),
  logLevel: LogLevel.WARNING,
  esbuildArgs: { '--alias': `htmlparser2=${HTMLPARSER2_ALIAS}` },
} as const satisfies BundlingOptions;

export interface HandlerFunctionProps {
  /** The module name under functions/handlers/ (the route table's `handler`), or the function's name with `entry`. */
  readonly handler: string;
  /** The module to bundle when it is not functions/handlers/<handler>.ts (e.g. the publishing builder). */
  readonly entry?: string;
  readonly table: ITableV2;
  /** The table's indexes the handler may query, by name (granted on their exact ARNs). */
  readonly indexNames: readonly string[];
  readonly access: TableAccess;
  /** The table actions granted, when not those of `access`. */
  readonly tableActions?: readonly string[];
  readonly environment: Record<string, string>;
  /** Powertools metrics namespace: one per stage, so stages in one account do not mix their numbers. */
  readonly metricsNamespace: string;
  readonly logRetention: RetentionDays;
  readonly production: boolean;
  /** Concurrent executions reserved for this function (and its ceiling); none when undefined. */
  readonly reservedConcurrency?: number;
}

/**
 * One API handler with the defaults they all share: bundled here by the local esbuild (no Docker) with the AWS SDK
 * inside and source maps on, Node.js 22 on arm64, JSON logs in its own log group with a retention, Powertools
 * settings, and a role that may write its logs and touch the table only as `access` says.
 */
export class HandlerFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // An own role instead of the default one, which carries the AWSLambdaBasicExecutionRole managed policy
    // (logs on every log group in the account).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `nianbao ${props.handler}`,
    });
    this.logGroup.grantWrite(this.role);
    const table = props.table;
    // Index ARNs by name rather than `<table>/index/*`: the role names exactly what it queries.
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...(props.tableActions ?? TABLE_ACTIONS[props.access])],
        resources: [table.tableArn, ...props.indexNames.map((name) => `${table.tableArn}/index/${name}`)],
      }),
    );

    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry ?? join(HANDLERS_DIR, `${props.handler}.ts`),
      handler: 'handler',
      runtime: HANDLER_RUNTIME,
      architecture: HANDLER_ARCHITECTURE,
      memorySize: 1024,
      timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS),
      ...(props.reservedConcurrency ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      description: `年报通 nianbao: ${props.handler}`,
      environment: {
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'nianbao',
        POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      bundling: HANDLER_BUNDLING,
    });
  }
}

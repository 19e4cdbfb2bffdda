import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { joinUrl } from '../contract/addin';
import { API_BASE, ROUTES, type RouteDef } from '../contract/routes';
import type { StageConfig } from './config';
import { AddinDeployment } from './constructs/addin-deployment';
import { Alarms } from './constructs/alarms';
import { ReportApi, SUBMIT_HANDLER } from './constructs/api';
import { ReportTable } from './constructs/data';
import { HandlerFunction, type TableAccess } from './constructs/handler-function';
import { Hosting } from './constructs/hosting';
import { Identity, SIGN_IN_SCOPES } from './constructs/identity';
import { Reminders } from './constructs/reminders';
import { PublishedData } from './constructs/published-data';
import { OUTPUTS, type OutputKey } from './outputs';

export interface NianbaoStackProps extends StackProps {
  readonly config: StageConfig;
  /** The built add-in (dist/addin/). */
  readonly addinDir: string;
  /** The routes to serve; the route table unless a test narrows it. */
  readonly routes?: readonly RouteDef[];
  /** The web ACL made for this stage (infra/edge.ts), when `config.waf` and no `config.webAclArn`. */
  readonly webAclArn?: string;
}

/** Handlers that load many items at once (the registry import: batches, and deletes of moved memberships). */
export const BULK_HANDLERS: ReadonlySet<string> = new Set(['agencyImport']);

/** A handler only reads when all its routes are GETs; a handler behind any POST may write. */
export function tableAccessOf(handler: string, routes: readonly RouteDef[]): TableAccess {
  if (BULK_HANDLERS.has(handler)) return 'bulk';
  return routes.some((r) => r.handler === handler && r.method !== 'GET') ? 'write' : 'read';
}

/**
 * One stage of 年报通: the table, one function per handler, the HTTP API, the user pool, the add-in behind
 * CloudFront, alarms. Resource names are left to CloudFormation, so stages and accounts never collide.
 */
export class NianbaoStack extends Stack {
  readonly table: ReportTable;
  readonly api: ReportApi;
  readonly hosting: Hosting;
  readonly identity: Identity;
  readonly functions = new Map<string, HandlerFunction>();
  readonly alarms: Alarms;
  readonly addin: AddinDeployment;
  readonly reminders?: Reminders;
  readonly published: PublishedData;

  constructor(scope: Construct, id: string, props: NianbaoStackProps) {
    super(scope, id, props);
    const { config } = props;
    const routes = props.routes ?? ROUTES;
    const webAclArn = config.webAclArn ?? props.webAclArn;
    Tags.of(this).add('project', 'nianbao');
    Tags.of(this).add('stage', config.stage);

    this.table = new ReportTable(this, 'Data', { production: config.production });

    // Order matters: CloudFront needs the API's host name; the app client and the functions need CloudFront's;
    // the routes need the functions and the app client.
    this.api = new ReportApi(this, 'Api', {
      throttle: config.throttle,
      routeThrottles: {
        ...config.routeThrottles,
        ...(config.submitConcurrency ? { submitConcurrency: config.submitConcurrency } : {}),
      },
      logRetention: config.logRetention,
      production: config.production,
    });
    this.hosting = new Hosting(this, 'Hosting', {
      routes,
      apiDomainName: this.api.domainName,
      publishedTtl: config.publishedTtl,
      production: config.production,
      ...(webAclArn ? { webAclArn } : {}),
    });
    const baseUrl = this.hosting.baseUrl;
    this.identity = new Identity(this, 'Identity', {
      stage: config.stage,
      production: config.production,
      addinBaseUrl: baseUrl,
      ...(config.authDomainPrefix ? { domainPrefix: config.authDomainPrefix } : {}),
    });

    for (const handler of new Set(routes.map((r) => r.handler))) {
      this.functions.set(
        handler,
        new HandlerFunction(this, `Handler-${handler}`, {
          handler,
          table: this.table.table,
          indexNames: [this.table.yearIndexName],
          access: tableAccessOf(handler, routes),
          environment: {
            TABLE_NAME: this.table.table.tableName,
            PUBLIC_BASE_URL: baseUrl,
          },
          metricsNamespace: `Nianbao/${config.stage}`,
          logRetention: config.logRetention,
          production: config.production,
          ...(handler === SUBMIT_HANDLER && config.submitConcurrency
            ? { reservedConcurrency: config.submitConcurrency }
            : {}),
        }),
      );
    }
    // Reminders by e-mail where the stage enables them; the desk function writes them to its log otherwise.
    const desk = this.functions.get('reviewDesk');
    if (config.reminderFrom && desk)
      this.reminders = new Reminders(this, 'Reminders', { from: config.reminderFrom, sender: desk.fn });
    this.api.addRouteTable({
      routes,
      functionFor: (handler) => this.functions.get(handler)!.fn,
      userPool: this.identity.userPool,
      client: this.identity.client,
    });
    this.api.allowOrigins([baseUrl]);

    this.published = new PublishedData(this, 'Published', {
      table: this.table.table,
      indexNames: [this.table.yearIndexName],
      baseUrl,
      metricsNamespace: `Nianbao/${config.stage}`,
      logRetention: config.logRetention,
      production: config.production,
    });
    this.published.serveThrough(this.hosting.distribution);

    this.addin = new AddinDeployment(this, 'Addin', {
      addinDir: props.addinDir,
      bucket: this.hosting.bucket,
      distribution: this.hosting.distribution,
      baseUrl,
      logRetention: config.logRetention,
      signIn: {
        domain: this.identity.signInOrigin,
        clientId: this.identity.client.userPoolClientId,
        redirectUri: this.identity.callbackUrl,
        scopes: SIGN_IN_SCOPES.map((s) => s.scopeName),
      },
    });

    this.alarms = new Alarms(this, 'Alarms', {
      functions: new Map([
        ...[...this.functions].map(([name, f]) => [name, f.fn] as const),
        ['publishedBuilder', this.published.builder.fn] as const,
      ]),
      stage: this.api.stage,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });

    const outputs: Record<OutputKey, { value: string; description: string }> = {
      addinUrl: { value: baseUrl, description: '加载项地址 / the add-in base URL (manifest --base-url)' },
      apiUrl: { value: joinUrl(baseUrl, API_BASE), description: '接口地址 / the API through CloudFront' },
      signInDomain: { value: this.identity.signInOrigin, description: '登录页域名 / hosted sign-in origin' },
      userPoolId: { value: this.identity.userPool.userPoolId, description: '用户池 / Cognito user pool id' },
      userPoolClientId: {
        value: this.identity.client.userPoolClientId,
        description: '加载项应用客户端 / add-in app client id',
      },
      tableName: { value: this.table.table.tableName, description: 'DynamoDB table' },
      distributionId: { value: this.hosting.distribution.distributionId, description: 'CloudFront distribution id' },
      alarmTopicArn: { value: this.alarms.topic.topicArn, description: '告警主题 / SNS topic of the alarms' },
      publishedBucket: {
        value: this.published.bucket.bucketName,
        description: '公开页面与开放数据的桶 / the bucket of the published pages and open data (rebuild-published)',
      },
    };
    this.published.addAlarms(this.alarms.topic);
    for (const [key, o] of Object.entries(outputs) as [OutputKey, { value: string; description: string }][]) {
      new CfnOutput(this, OUTPUTS[key], o);
    }
  }
}

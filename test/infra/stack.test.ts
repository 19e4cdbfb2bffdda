/**
 * The synthesized CloudFormation of a dev stage (every route) and a prod stage (one route: the stage profile is
 * what differs), from the real app: add-in build, handler bundles, cdk-nag. One synth for the whole file.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { ADDIN_FILES, parseConfig } from '../../contract/addin';
import { WEB_FILES } from '../../contract/web';
import { ADMIN_GROUP, CLAIMS } from '../../contract/auth';
import { API_BASE, ROUTES } from '../../contract/routes';
import { AGENCY_PROFILE_ATTRIBUTES, KEY, VERSION_META_ATTRIBUTES, YEAR_INDEX } from '../../functions/store/table';
import { CONFIRM_HEADER, IDEMPOTENCY_HEADER } from '../../contract/headers';
import { PUBLISHED_PREFIXES } from '../../contract/published';
import { htmlCsp } from '../../functions/http/response';
import { TRIGGERS } from '../../functions/published/changes';
import {
  BUILDER_OBJECT_ACTIONS,
  BUILDER_TABLE_ACTIONS,
  STATUS_FUNCTION_CODE,
} from '../../infra/constructs/published-data';
import { OUTPUTS } from '../../infra/outputs';
import { BULK_HANDLERS, type NianbaoStack } from '../../infra/stack';
import { flatten, synthesize, type Synthesized } from './synth';

jest.setTimeout(600_000);

type Resources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string; Metadata?: Record<string, unknown> }
>;

let synth: Synthesized;
let dev: Template;
let prod: Template;
let devResources: Resources;
let stack: NianbaoStack;

const HANDLERS = [...new Set(ROUTES.map((r) => r.handler))];
const REMINDER_FROM = 'gkb@example.gov.cn';
/** The functions the stack deploys: one per handler of the route table, and the publishing builder. */
const FUNCTIONS = [...HANDLERS, 'publishedBuilder'];
const ONE_ROUTE = ROUTES[0]!;

beforeAll(async () => {
  synth = await synthesize([
    { context: { stage: 'dev', reminderFrom: REMINDER_FROM } },
    // Its web ACL (on by default in prod) needs a known account and region: test/infra/edge.test.ts.
    { context: { stage: 'prod', waf: 'false' }, routes: [ONE_ROUTE] },
  ]);
  [dev, prod] = synth.templates as [Template, Template];
  devResources = dev.toJSON().Resources as Resources;
  stack = synth.stacks[0]!;
});

afterAll(() => {
  synth?.cleanup();
  if (synth) expect(existsSync(synth.dir)).toBe(false);
});

const ofType = (type: string, resources = devResources) => Object.entries(resources).filter(([, r]) => r.Type === type);
/** The logical id of a construct's CloudFormation resource in its stack. */
const idOf = (construct: IConstruct) => Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

describe('API', () => {
  test('every route of the route table, under /api, and nothing else', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route')
      .map(([, r]) => r.Properties!.RouteKey)
      .sort();
    expect(keys).toEqual(ROUTES.map((r) => `${r.method} ${API_BASE}${r.path}`).sort());
  });

  test('the JWT authorizer on every private route; public routes have none', () => {
    const authorizers = ofType('AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [authorizerId, authorizer] = authorizers[0]!;
    const pool = idOf(stack.identity.userPool);
    const client = idOf(stack.identity.client);
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: client }] },
    });
    expect(flatten((authorizer.Properties!.JwtConfiguration as { Issuer: unknown }).Issuer)).toMatch(
      new RegExp(`^https://cognito-idp\\..+\\.amazonaws\\.com/<${pool}>$`),
    );
    for (const route of ROUTES) {
      const [, r] = ofType('AWS::ApiGatewayV2::Route').find(
        ([, x]) => x.Properties!.RouteKey === `${route.method} ${API_BASE}${route.path}`,
      )!;
      if (route.auth === 'public') {
        expect(r.Properties!.AuthorizationType ?? 'NONE').toBe('NONE');
        expect(r.Properties!.AuthorizerId).toBeUndefined();
      } else {
        expect(r.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      }
    }
  });

  test('the $default stage throttles every route and writes access logs with a retention', () => {
    const stages = ofType('AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    const p = stages[0]![1].Properties!;
    expect(p.StageName).toBe('$default');
    expect(p.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: expect.any(Number),
      ThrottlingBurstLimit: expect.any(Number),
    });
    const destination = flatten((p.AccessLogSettings as { DestinationArn: unknown }).DestinationArn);
    const logGroup = /^<(.+)\.Arn>$/.exec(destination)?.[1];
    expect(devResources[logGroup!]).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { RetentionInDays: expect.any(Number) },
    });
    expect(String((p.AccessLogSettings as { Format: string }).Format)).toContain('$context.requestId');
  });

  test('CORS allows exactly the add-in origin and the headers the add-in sends', () => {
    const api = ofType('AWS::ApiGatewayV2::Api');
    expect(api).toHaveLength(1);
    expect(api[0]![1].Properties!.CorsConfiguration).toBeUndefined();
    const cors = ofType('Custom::AWS');
    expect(cors).toHaveLength(1);
    const call = JSON.parse(flatten(cors[0]![1].Properties!.Create)) as {
      service: string;
      action: string;
      parameters: {
        ApiId: string;
        CorsConfiguration: { AllowOrigins: string[]; AllowHeaders: string[]; AllowMethods: string[] };
      };
    };
    const distribution = idOf(stack.hosting.distribution);
    expect(call).toMatchObject({
      service: 'ApiGatewayV2',
      action: 'UpdateApi',
      parameters: { ApiId: `<${api[0]![0]}>` },
    });
    expect(call.parameters.CorsConfiguration.AllowOrigins).toEqual([`https://<${distribution}.DomainName>`]);
    expect(call.parameters.CorsConfiguration.AllowHeaders).toEqual(
      expect.arrayContaining(['authorization', 'content-type', IDEMPOTENCY_HEADER, CONFIRM_HEADER]),
    );
    expect(call.parameters.CorsConfiguration.AllowMethods.sort()).toEqual(
      [...new Set(ROUTES.map((r) => r.method))].sort(),
    );
  });
});

describe('data', () => {
  test("the store's keys and index, on demand, TTL on the idempotency expiry, point-in-time recovery", () => {
    dev.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    dev.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: KEY.partition, KeyType: 'HASH' },
        { AttributeName: KEY.sort, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: YEAR_INDEX.name,
          KeySchema: [
            { AttributeName: YEAR_INDEX.partition, KeyType: 'HASH' },
            { AttributeName: YEAR_INDEX.sort, KeyType: 'RANGE' },
          ],
          Projection: {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: [...VERSION_META_ATTRIBUTES, ...AGENCY_PROFILE_ATTRIBUTES],
          },
        },
      ],
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  test('prod retains and protects the table and the user pool; dev can be torn down', () => {
    prod.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
    prod.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
    dev.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
    dev.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Delete' });
  });
});

describe('functions', () => {
  const functions = () =>
    ofType('AWS::Lambda::Function').filter(([, f]) =>
      String(f.Properties!.Description ?? '').startsWith('年报通 nianbao: '),
    );

  test('one per handler and the builder: Node.js 22 on arm64, JSON logs into a log group with a retention, Powertools settings', () => {
    const fns = functions();
    expect(fns.map(([, f]) => String(f.Properties!.Description).slice('年报通 nianbao: '.length)).sort()).toEqual(
      [...FUNCTIONS].sort(),
    );
    const table = idOf(stack.table.table);
    for (const [, f] of fns) {
      const p = f.Properties!;
      expect(p.Runtime).toBe('nodejs22.x');
      expect(p.Architectures).toEqual(['arm64']);
      const logging = p.LoggingConfig as { LogFormat: string; LogGroup: { Ref: string } };
      expect(logging.LogFormat).toBe('JSON');
      expect(devResources[logging.LogGroup.Ref]).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: 30 },
      });
      const env = (p.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env).toMatchObject({
        TABLE_NAME: { Ref: table },
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'nianbao',
        POWERTOOLS_METRICS_NAMESPACE: 'Nianbao/dev',
      });
      expect(flatten(env.PUBLIC_BASE_URL)).toMatch(/^https:\/\/<.+\.DomainName>$/);
    }
    prod.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
  });

  test('every log group the stack creates has a retention', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    // One per function, the API's access log, and the two deploy-time functions (CORS, add-in files).
    expect(groups).toHaveLength(FUNCTIONS.length + 3);
    for (const [, g] of groups) expect(g.Properties!.RetentionInDays).toEqual(expect.any(Number));
  });

  test('bundled here with the AWS SDK inside and a source map', () => {
    const [, f] = functions().find(([, x]) => String(x.Properties!.Description).endsWith('submitReport'))!;
    const key = flatten((f.Properties!.Code as { S3Key: unknown }).S3Key);
    const assetDir = join(synth.outdir, `asset.${key.replace(/\.zip$/, '')}`);
    expect(readdirSync(assetDir).sort()).toEqual(['index.js', 'index.js.map']);
    const code = readFileSync(join(assetDir, 'index.js'), 'utf8');
    expect(code).toContain('DynamoDBClient');
    expect(code).not.toMatch(/require\("@aws-sdk\/(client-dynamodb|lib-dynamodb)"\)/);
    expect(code).toMatch(/sourceMappingURL=index\.js\.map/);
  });

  test('roles: own log group and the table only; reading handlers cannot write', () => {
    const table = idOf(stack.table.table);
    for (const handler of HANDLERS) {
      const policyId = idOf(stack.functions.get(handler)!.role.node.findChild('DefaultPolicy'));
      const statements = (
        devResources[policyId]!.Properties!.PolicyDocument as {
          Statement: { Action: string | string[]; Resource: unknown }[];
        }
      ).Statement.filter((s) => s.Action !== 'ses:SendEmail'); // the desk's reminders: tested below
      const actions = statements.flatMap((s) => [s.Action].flat());
      const writes = ROUTES.some((r) => r.handler === handler && r.method === 'POST');
      expect(actions.includes('dynamodb:PutItem')).toBe(writes);
      // Batches and deletes only for the bulk loader (the registry import).
      const bulk = BULK_HANDLERS.has(handler) ? ['BatchGetItem', 'BatchWriteItem', 'DeleteItem'] : [];
      expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(
        (writes ? ['GetItem', 'PutItem', 'Query', 'UpdateItem', ...bulk] : ['GetItem', 'Query'])
          .map((a) => `dynamodb:${a}`)
          .sort(),
      );
      const resources = statements.flatMap((s) => [s.Resource].flat().map(flatten));
      expect(resources.sort()).toEqual(
        [
          `<${idOf(stack.functions.get(handler)!.logGroup)}.Arn>`,
          `<${table}.Arn>`,
          `<${table}.Arn>/index/${YEAR_INDEX.name}`,
        ].sort(),
      );
      const roleId = idOf(stack.functions.get(handler)!.role);
      expect(devResources[roleId]!.Properties!.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('IAM', () => {
  test('no wildcard action or resource anywhere unless acknowledged for exactly that finding, with a reason', () => {
    let wildcards = 0;
    for (const [id, policy] of ofType('AWS::IAM::Policy')) {
      const statements = (
        policy.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }
      ).Statement;
      const acknowledged = new Map(
        (
          (policy.Metadata?.cdk_nag as { rules_to_suppress?: { id: string; reason: string }[] } | undefined)
            ?.rules_to_suppress ?? []
        ).map((r) => [r.id, r.reason]),
      );
      for (const s of statements) {
        for (const action of [s.Action].flat()) {
          expect(action).not.toBe('*');
          if (action.includes('*')) {
            wildcards++;
            expect({ id, reason: acknowledged.get(`AwsSolutions-IAM5[Action::${action}]`) }).toEqual({
              id,
              reason: expect.stringMatching(/.{20}/),
            });
          }
        }
        for (const resource of [s.Resource].flat().map(flatten)) {
          if (resource.includes('*')) {
            wildcards++;
            expect({ id, resource, reason: acknowledged.get(`AwsSolutions-IAM5[Resource::${resource}]`) }).toEqual({
              id,
              resource,
              reason: expect.stringMatching(/.{20}/),
            });
          }
        }
      }
    }
    // The CDK deployment function's grants are the only wildcards; if they vanish, this test should be revisited.
    expect(wildcards).toBeGreaterThan(0);
    const ours = ofType('AWS::IAM::Policy').filter(([id]) => id.startsWith('Handler'));
    expect(ours).toHaveLength(HANDLERS.length);
    for (const [, p] of ours) expect(JSON.stringify(p.Properties!.PolicyDocument)).not.toContain('*');
  });

  test('every acknowledged cdk-nag rule says why in a sentence', () => {
    const all = Object.values(devResources).flatMap(
      (r) =>
        (r.Metadata?.cdk_nag as { rules_to_suppress?: { id: string; reason: string }[] } | undefined)
          ?.rules_to_suppress ?? [],
    );
    expect(all.length).toBeGreaterThan(0);
    for (const { id, reason } of all) {
      expect(id).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(reason.length).toBeGreaterThan(40);
    }
  });
});

describe('identity', () => {
  test('user pool: admin-created accounts, the agency attributes the handlers read, MFA, an admins group', () => {
    dev.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      MfaConfiguration: 'ON',
      Schema: Match.arrayWith([
        Match.objectLike({ Name: CLAIMS.agency.replace('custom:', ''), AttributeDataType: 'String', Mutable: true }),
        Match.objectLike({
          Name: CLAIMS.agencyName.replace('custom:', ''),
          AttributeDataType: 'String',
          Mutable: true,
        }),
      ]),
    });
    dev.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: ADMIN_GROUP });
    dev.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });

  test('app client: public, authorization code only, callback on the add-in origin, cannot write the agency', () => {
    const [, client] = ofType('AWS::Cognito::UserPoolClient')[0]!;
    const p = client.Properties!;
    expect(p.GenerateSecret).toBe(false);
    expect(p.AllowedOAuthFlows).toEqual(['code']);
    expect(p.AllowedOAuthScopes).toEqual(['openid', 'email', 'profile']);
    const distribution = idOf(stack.hosting.distribution);
    expect((p.CallbackURLs as unknown[]).map(flatten)).toEqual([
      `https://<${distribution}.DomainName>/${ADDIN_FILES.signInCallback}`,
      `https://<${distribution}.DomainName>/${WEB_FILES.callback}`,
    ]);
    expect((p.WriteAttributes as string[]).some((a) => a.startsWith('custom:'))).toBe(false);
  });
});

describe('hosting', () => {
  test('CloudFront: the add-in from S3 through origin access control, /api/* to the API', () => {
    const [, d] = ofType('AWS::CloudFront::Distribution')[0]!;
    const config = d.Properties!.DistributionConfig as {
      DefaultCacheBehavior: { TargetOriginId: string };
      CacheBehaviors: {
        PathPattern: string;
        TargetOriginId: string;
        CachePolicyId: unknown;
        OriginRequestPolicyId?: string;
      }[];
      Origins: { Id: string; DomainName: unknown; OriginAccessControlId?: unknown; S3OriginConfig?: unknown }[];
    };
    const s3 = config.Origins.find((o) => o.Id === config.DefaultCacheBehavior.TargetOriginId)!;
    expect(s3.OriginAccessControlId).toBeDefined();
    expect(flatten(s3.DomainName)).toMatch(/^<Hosting.*Bucket.*\.RegionalDomainName>$/);
    const api = ofType('AWS::ApiGatewayV2::Api')[0]![0];
    const patterns = config.CacheBehaviors.map((b) => b.PathPattern);
    expect(patterns).toEqual(['/api/*', '/published/*', '/open-data/*']);
    for (const b of config.CacheBehaviors) {
      const origin = flatten(config.Origins.find((o) => o.Id === b.TargetOriginId)!.DomainName);
      if (b.PathPattern === '/api/*') {
        expect(origin).toMatch(new RegExp(`^<${api}>\\.execute-api\\.`));
        expect(b.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
        expect(b.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // AllViewerExceptHostHeader
      } else {
        expect(origin).toBe(`<${idOf(stack.published.bucket)}.RegionalDomainName>`);
      }
    }
    dev.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: Match.anyValue(),
          }),
        ]),
      },
    });
  });

  test("the deployment writes the built add-in and a config.json with the stage's API and sign-in", () => {
    const [, deployment] = ofType('Custom::CDKBucketDeployment')[0]!;
    const keys = (deployment.Properties!.SourceObjectKeys as string[]).map((k) => k.replace(/\.zip$/, ''));
    const dirs = keys.map((k) => join(synth.outdir, `asset.${k}`));
    // The built files, without the build's local config.json and manifest.xml.
    const files = dirs.find((d) => existsSync(join(d, ADDIN_FILES.taskpane)))!;
    expect(existsSync(join(files, ADDIN_FILES.signInCallback))).toBe(true);
    // The web pages ride with it: same bucket, same distribution, same config.json.
    for (const page of [WEB_FILES.upload, WEB_FILES.desk, WEB_FILES.callback])
      expect(existsSync(join(files, page))).toBe(true);
    expect(existsSync(join(files, ADDIN_FILES.config))).toBe(false);
    expect(existsSync(join(files, 'manifest.xml'))).toBe(false);
    // The deployed config.json: deploy-time values are markers the deployment replaces.
    const configDir = dirs.find((d) => existsSync(join(d, ADDIN_FILES.config)))!;
    const config = parseConfig(JSON.parse(readFileSync(join(configDir, ADDIN_FILES.config), 'utf8')));
    const markers = (deployment.Properties!.SourceMarkers as Record<string, unknown>[])[
      keys.indexOf(configDir.slice(configDir.lastIndexOf('asset.') + 6))
    ]!;
    const value = (text: string) => text.replace(/<<marker:0xbaba:\d+>>/g, (m) => flatten(markers[m]));
    const distribution = idOf(stack.hosting.distribution);
    expect(value(config.apiBase)).toBe(`https://<${distribution}.DomainName>/api`);
    expect(config.signIn.mode).toBe('cognito');
    if (config.signIn.mode !== 'cognito') return;
    expect(value(config.signIn.domain)).toBe(
      `https://<${idOf(stack.identity.domain)}>.auth.<AWS::Region>.amazoncognito.com`,
    );
    expect(value(config.signIn.clientId)).toBe(`<${idOf(stack.identity.client)}>`);
    expect(value(config.signIn.redirectUri)).toBe(`https://<${distribution}.DomainName>/${ADDIN_FILES.signInCallback}`);
    expect(config.signIn.scopes).toEqual(['openid', 'email', 'profile']);
  });
});

describe('published data', () => {
  test('the table streams new images; the builder follows it in order, retries, bisects, and parks what keeps failing', () => {
    dev.hasResourceProperties('AWS::DynamoDB::GlobalTable', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
    const mappings = ofType('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    const m = mappings[0]![1].Properties!;
    const builder = idOf(stack.published.builder.fn);
    expect(m).toMatchObject({
      FunctionName: { Ref: builder },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 10,
    });
    expect(flatten(m.EventSourceArn)).toBe(`<${idOf(stack.table.table)}.StreamArn>`);
    expect(flatten((m.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination)).toBe(
      `<${idOf(stack.published.deadLetters)}.Arn>`,
    );
    // Only the writes that change what is public invoke it (the same list the local stack filters with).
    const patterns = (m.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map((f) => JSON.parse(f.Pattern));
    expect(patterns).toEqual(
      TRIGGERS.map((t) => ({
        eventName: ['INSERT', 'MODIFY'],
        dynamodb: { Keys: { pk: { S: [{ prefix: t.pk }] }, sk: { S: t.sk.map((prefix) => ({ prefix })) } } },
      })),
    );
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties!);
    expect(alarms.filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(1);
  });

  test('the builder: its bucket, the site origin, the table actions it uses and the objects it writes, nothing more', () => {
    const fn = devResources[idOf(stack.published.builder.fn)]!.Properties!;
    const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env.PUBLISHED_BUCKET).toEqual({ Ref: idOf(stack.published.bucket) });
    expect(flatten(env.PUBLIC_BASE_URL)).toBe(`https://<${idOf(stack.hosting.distribution)}.DomainName>`);
    const policyId = idOf(stack.published.builder.role.node.findChild('DefaultPolicy'));
    const statements = (
      devResources[policyId]!.Properties!.PolicyDocument as {
        Statement: { Action: string | string[]; Resource: unknown }[];
      }
    ).Statement;
    const actions = statements.flatMap((s) => [s.Action].flat());
    const table = actions.filter((a) => a.startsWith('dynamodb:') && !/Stream|Shard|GetRecords/.test(a));
    expect(table.sort()).toEqual([...BUILDER_TABLE_ACTIONS].sort());
    expect(actions.filter((a) => a.startsWith('s3:')).sort()).toEqual(
      [...BUILDER_OBJECT_ACTIONS, 's3:ListBucket'].sort(),
    );
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });

  test('CloudFront serves the bucket at /published/* and /open-data/*: by path only, the pages CSP, 410 for a withdrawn page', () => {
    const [, d] = ofType('AWS::CloudFront::Distribution')[0]!;
    const behaviors = (
      d.Properties!.DistributionConfig as {
        CacheBehaviors: {
          PathPattern: string;
          CachePolicyId: unknown;
          AllowedMethods: string[];
          ResponseHeadersPolicyId: unknown;
          FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
        }[];
      }
    ).CacheBehaviors.filter((b) => PUBLISHED_PREFIXES.some((p) => b.PathPattern === `${p}*`));
    expect(behaviors).toHaveLength(PUBLISHED_PREFIXES.length);
    for (const b of behaviors) {
      expect(b.CachePolicyId).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6'); // CachingOptimized: no query, cookie, header
      expect(b.AllowedMethods.sort()).toEqual(['GET', 'HEAD']);
      expect(b.ResponseHeadersPolicyId).toEqual({ Ref: idOf(stack.published.headers) });
      expect(b.FunctionAssociations?.map((f) => [f.EventType, flatten(f.FunctionARN)])).toEqual([
        ['viewer-response', `<${idOf(stack.published.statusFunction)}.FunctionARN>`],
      ]);
    }
    dev.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: STATUS_FUNCTION_CODE,
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
    dev.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: htmlCsp(), Override: true },
        }),
      }),
    });
    // Read and list (a missing object is a 404) by this distribution only.
    const bucket = idOf(stack.published.bucket);
    const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => flatten(p.Properties!.Bucket) === `<${bucket}>`)!;
    const grants = (
      policy[1].Properties!.PolicyDocument as {
        Statement: { Principal?: { Service?: string }; Action: string | string[] }[];
      }
    ).Statement.filter((st) => st.Principal?.Service === 'cloudfront.amazonaws.com');
    expect(grants.flatMap((g) => [g.Action].flat()).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
  });
});

describe('alarms and outputs', () => {
  test('function errors and throttles, API 5xx, all to one topic', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties!);
    const topic = ofType('AWS::SNS::Topic')[0]![0];
    for (const a of alarms) expect(a.AlarmActions).toEqual([{ Ref: topic }]);
    const byMetric = (name: string) => alarms.filter((a) => a.MetricName === name);
    expect(byMetric('Errors')).toHaveLength(FUNCTIONS.length);
    expect(byMetric('Throttles')).toHaveLength(FUNCTIONS.length);
    expect(byMetric('5xx')).toHaveLength(1);
    expect(byMetric('5xx')[0]).toMatchObject({ Namespace: 'AWS/ApiGateway', Threshold: 1 });
  });

  test('the outputs the post-deploy step and the admin script read', () => {
    expect(Object.keys(dev.toJSON().Outputs).sort()).toEqual(Object.values(OUTPUTS).sort());
  });
});

describe('reminders', () => {
  test('with reminderFrom: an SES identity, and the desk alone may send from it; without: none', () => {
    dev.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: REMINDER_FROM });
    prod.resourceCountIs('AWS::SES::EmailIdentity', 0);
    const senders = ofType('AWS::IAM::Policy').filter(([, p]) =>
      JSON.stringify(p.Properties!.PolicyDocument).includes('ses:SendEmail'),
    );
    expect(senders.map(([id]) => id)).toEqual([
      idOf(stack.functions.get('reviewDesk')!.role.node.findChild('DefaultPolicy')),
    ]);
    const statement = (
      senders[0]![1].Properties!.PolicyDocument as { Statement: { Action: string; Resource: unknown }[] }
    ).Statement.find((s) => s.Action === 'ses:SendEmail')!;
    expect(flatten(statement.Resource)).toMatch(new RegExp(`:ses:.*:identity/${REMINDER_FROM}$`));
    const fn = devResources[idOf(stack.functions.get('reviewDesk')!.fn)]!;
    expect((fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables.REMINDER_FROM).toBe(
      REMINDER_FROM,
    );
  });
});

/**
 * The site: CloudFront in front of the add-in's bucket and the API, the add-in's deployed config.json, and the
 * published data (the table's stream → the builder → its bucket, served at /published/* and /open-data/*).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { ADDIN_FILES, parseConfig } from '../../../contract/addin';
import { PUBLISHED_PREFIXES } from '../../../contract/published';
import { WEB_FILES } from '../../../contract/web';
import { htmlCsp } from '../../../functions/http/response';
import { TRIGGERS } from '../../../functions/published/changes';
import {
  BUILDER_OBJECT_ACTIONS,
  BUILDER_TABLE_ACTIONS,
  STATUS_FUNCTION_CODE,
} from '../../../infra/constructs/published-data';
import { flatten } from '../synth';
import { idOf, type Stages } from './stages';

export function hostingTests(stages: Stages): void {
  describe('hosting', () => {
    test('CloudFront: the add-in from S3 through origin access control, /api/* to the API', () => {
      const [, d] = stages.ofType('AWS::CloudFront::Distribution')[0]!;
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
      const api = stages.ofType('AWS::ApiGatewayV2::Api')[0]![0];
      const patterns = config.CacheBehaviors.map((b) => b.PathPattern);
      expect(patterns).toEqual(['/api/*', '/published/*', '/open-data/*']);
      for (const b of config.CacheBehaviors) {
        const origin = flatten(config.Origins.find((o) => o.Id === b.TargetOriginId)!.DomainName);
        if (b.PathPattern === '/api/*') {
          expect(origin).toMatch(new RegExp(`^<${api}>\\.execute-api\\.`));
          expect(b.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
          expect(b.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // AllViewerExceptHostHeader
        } else {
          expect(origin).toBe(`<${idOf(stages.stack.published.bucket)}.RegionalDomainName>`);
        }
      }
      stages.dev.hasResourceProperties('AWS::S3::BucketPolicy', {
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
      const [, deployment] = stages.ofType('Custom::CDKBucketDeployment')[0]!;
      const keys = (deployment.Properties!.SourceObjectKeys as string[]).map((k) => k.replace(/\.zip$/, ''));
      const dirs = keys.map((k) => join(stages.outdir, `asset.${k}`));
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
      const distribution = idOf(stages.stack.hosting.distribution);
      expect(value(config.apiBase)).toBe(`https://<${distribution}.DomainName>/api`);
      expect(config.signIn.mode).toBe('cognito');
      if (config.signIn.mode !== 'cognito') return;
      expect(value(config.signIn.domain)).toBe(
        `https://<${idOf(stages.stack.identity.domain)}>.auth.<AWS::Region>.amazoncognito.com`,
      );
      expect(value(config.signIn.clientId)).toBe(`<${idOf(stages.stack.identity.client)}>`);
      expect(value(config.signIn.redirectUri)).toBe(
        `https://<${distribution}.DomainName>/${ADDIN_FILES.signInCallback}`,
      );
      expect(config.signIn.scopes).toEqual(['openid', 'email', 'profile']);
    });
  });

  describe('published data', () => {
    test('the table streams new images; the builder follows it in order, retries, bisects, and parks what keeps failing', () => {
      stages.dev.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      });
      const mappings = stages.ofType('AWS::Lambda::EventSourceMapping');
      expect(mappings).toHaveLength(1);
      const m = mappings[0]![1].Properties!;
      const builder = idOf(stages.stack.published.builder.fn);
      expect(m).toMatchObject({
        FunctionName: { Ref: builder },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 100,
        ParallelizationFactor: 1,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: 10,
      });
      expect(flatten(m.EventSourceArn)).toBe(`<${idOf(stages.stack.table.table)}.StreamArn>`);
      expect(flatten((m.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination)).toBe(
        `<${idOf(stages.stack.published.deadLetters)}.Arn>`,
      );
      // Only the writes that change what is public invoke it (the same list the local stack filters with).
      const patterns = (m.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map((f) =>
        JSON.parse(f.Pattern),
      );
      expect(patterns).toEqual(
        TRIGGERS.map((t) => ({
          eventName: ['INSERT', 'MODIFY'],
          dynamodb: { Keys: { pk: { S: [{ prefix: t.pk }] }, sk: { S: t.sk.map((prefix) => ({ prefix })) } } },
        })),
      );
      const alarms = stages.ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties!);
      expect(alarms.filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(1);
    });

    test('the builder: its bucket, the site origin, the table actions it uses and the objects it writes, nothing more', () => {
      const fn = stages.devResources[idOf(stages.stack.published.builder.fn)]!.Properties!;
      const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.PUBLISHED_BUCKET).toEqual({ Ref: idOf(stages.stack.published.bucket) });
      expect(flatten(env.PUBLIC_BASE_URL)).toBe(`https://<${idOf(stages.stack.hosting.distribution)}.DomainName>`);
      const policyId = idOf(stages.stack.published.builder.role.node.findChild('DefaultPolicy'));
      const statements = (
        stages.devResources[policyId]!.Properties!.PolicyDocument as {
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
      const [, d] = stages.ofType('AWS::CloudFront::Distribution')[0]!;
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
        expect(b.ResponseHeadersPolicyId).toEqual({ Ref: idOf(stages.stack.published.headers) });
        expect(b.FunctionAssociations?.map((f) => [f.EventType, flatten(f.FunctionARN)])).toEqual([
          ['viewer-response', `<${idOf(stages.stack.published.statusFunction)}.FunctionARN>`],
        ]);
      }
      stages.dev.hasResourceProperties('AWS::CloudFront::Function', {
        FunctionCode: STATUS_FUNCTION_CODE,
        FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
      });
      stages.dev.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
        ResponseHeadersPolicyConfig: Match.objectLike({
          SecurityHeadersConfig: Match.objectLike({
            ContentSecurityPolicy: { ContentSecurityPolicy: htmlCsp(), Override: true },
          }),
        }),
      });
      // Read and list (a missing object is a 404) by this distribution only.
      const bucket = idOf(stages.stack.published.bucket);
      const policy = stages
        .ofType('AWS::S3::BucketPolicy')
        .find(([, p]) => flatten(p.Properties!.Bucket) === `<${bucket}>`)!;
      const grants = (
        policy[1].Properties!.PolicyDocument as {
          Statement: { Principal?: { Service?: string }; Action: string | string[] }[];
        }
      ).Statement.filter((st) => st.Principal?.Service === 'cloudfront.amazonaws.com');
      expect(grants.flatMap((g) => [g.Action].flat()).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    });
  });
}

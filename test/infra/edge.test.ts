/**
 * The edge holds (issue 13 item 4), on the synthesized templates of the real app (cdk-nag included): per-route
 * throttles, the submit function's reserved concurrency, the cache key of public answers, and the AWS WAF web ACL
 * in us-east-1 — on in prod (by default), off in dev. A few routes only: the stage profile is what differs.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ERRORS } from '../../contract/errors';
import { API_BASE, ROUTES, type RouteDef } from '../../contract/routes';
import { stageConfig } from '../../infra/config';
import { routeThrottleOf, SUBMIT_HANDLER } from '../../infra/constructs/api';
import { EDGE_ERROR, EDGE_RATE_LIMITS, EDGE_REGION, EDGE_WINDOW_SECONDS, edgeStackFor } from '../../infra/edge';
import { synthesize, type Synthesized } from './synth';

jest.setTimeout(600_000);

type Resources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown>; DependsOn?: string[]; Metadata?: Record<string, unknown> }
>;

const SUBMIT = ROUTES.find((r) => r.handler === SUBMIT_HANDLER)!;
const PRIVATE_GET = ROUTES.find((r) => r.method === 'GET' && r.auth === 'agency')!;
const OTHER_WRITE = ROUTES.find((r) => r.method === 'POST' && r.handler !== SUBMIT_HANDLER)!;
/**
 * A public read through the API. The route table has none (published pages and open data are static objects in S3),
 * so one is made here, served by an existing handler: what the stack does for any public route.
 */
const PUBLIC_GET: RouteDef = { method: 'GET', path: '/published/{year}', handler: PRIVATE_GET.handler, auth: 'public' };
const SOME_ROUTES: RouteDef[] = [SUBMIT, PRIVATE_GET, OTHER_WRITE, PUBLIC_GET];
const ENV = { account: '123456789012', region: 'ap-east-1' };

let synth: Synthesized;
let dev: Template;
let prod: Template;
const resources = (t: Template) => t.toJSON().Resources as Resources;
const ofType = (t: Template, type: string) => Object.entries(resources(t)).filter(([, r]) => r.Type === type);

beforeAll(async () => {
  synth = await synthesize([
    { context: { stage: 'dev' }, routes: SOME_ROUTES },
    { context: { stage: 'prod' }, routes: SOME_ROUTES, env: ENV },
  ]);
  [dev, prod] = synth.templates as [Template, Template];
});
afterAll(() => synth?.cleanup());

describe('throttling', () => {
  test('public reads are tighter than writes, writes than the stage default; the submit route fits its concurrency', () => {
    const publicRead: RouteDef = { method: 'GET', path: '/published/{year}', handler: 'x', auth: 'public' };
    for (const stage of ['dev', 'prod']) {
      const c = stageConfig((k) => (k === 'stage' ? stage : undefined));
      const t = { ...c.routeThrottles, ...(c.submitConcurrency ? { submitConcurrency: c.submitConcurrency } : {}) };
      const pub = routeThrottleOf(publicRead, t)!;
      const write = routeThrottleOf(OTHER_WRITE, t)!;
      expect(pub.rateLimit).toBeLessThan(write.rateLimit);
      expect(pub.burstLimit).toBeLessThan(write.burstLimit);
      expect(write.rateLimit).toBeLessThanOrEqual(c.throttle.rateLimit);
      expect(routeThrottleOf(PRIVATE_GET, t)).toBeUndefined(); // the stage default
      if (c.submitConcurrency) expect(routeThrottleOf(SUBMIT, t)!.burstLimit).toBeLessThanOrEqual(c.submitConcurrency);
    }
    // A reservation below the write throttle pulls the submit route's throttle down with it.
    const small = stageConfig((k) => (k === 'stage' ? 'prod' : k === 'submitConcurrency' ? '8' : undefined));
    expect(routeThrottleOf(SUBMIT, { ...small.routeThrottles, submitConcurrency: 8 })).toEqual({
      rateLimit: 8,
      burstLimit: 8,
    });
  });

  test('the stage throttles each write and public read on its own, after the routes exist', () => {
    for (const [t, stage] of [
      [dev, 'dev'],
      [prod, 'prod'],
    ] as const) {
      const c = stageConfig((k) => (k === 'stage' ? stage : undefined));
      const throttles = {
        ...c.routeThrottles,
        ...(c.submitConcurrency ? { submitConcurrency: c.submitConcurrency } : {}),
      };
      const [[, s]] = ofType(t, 'AWS::ApiGatewayV2::Stage') as [[string, Resources[string]]];
      expect(s.Properties!.DefaultRouteSettings).toEqual({
        ThrottlingRateLimit: c.throttle.rateLimit,
        ThrottlingBurstLimit: c.throttle.burstLimit,
      });
      const expected: Record<string, unknown> = {};
      for (const r of SOME_ROUTES) {
        const own = routeThrottleOf(r, throttles);
        if (own)
          expected[`${r.method} ${API_BASE}${r.path}`] = {
            ThrottlingRateLimit: own.rateLimit,
            ThrottlingBurstLimit: own.burstLimit,
          };
      }
      expect(s.Properties!.RouteSettings).toEqual(expected);
      expect(Object.keys(expected)).toContain(`POST ${API_BASE}${SUBMIT.path}`);
      // Each route named there exists before the stage (else CloudFormation cannot find it by key).
      const routeIds = ofType(t, 'AWS::ApiGatewayV2::Route')
        .filter(([, r]) => String(r.Properties!.RouteKey) in expected)
        .map(([id]) => id);
      expect(routeIds).toHaveLength(Object.keys(expected).length);
      expect(s.DependsOn).toEqual(expect.arrayContaining(routeIds));
    }
  });

  test('prod reserves concurrency for the submit function only; dev reserves none', () => {
    const reserved = (t: Template) =>
      ofType(t, 'AWS::Lambda::Function')
        .filter(([, f]) => f.Properties!.ReservedConcurrentExecutions !== undefined)
        .map(([, f]) => [String(f.Properties!.Description), f.Properties!.ReservedConcurrentExecutions]);
    expect(reserved(prod)).toEqual([[`年报通 nianbao: ${SUBMIT_HANDLER}`, 100]]);
    expect(reserved(dev)).toEqual([]);
    expect(stageConfig((k) => ({ stage: 'prod', submitConcurrency: 'none' })[k]).submitConcurrency).toBeUndefined();
    expect(stageConfig((k) => ({ stage: 'dev', submitConcurrency: '20' })[k]).submitConcurrency).toBe(20);
    for (const bad of ['0.5', '-1', '1001', 'lots'])
      expect(() => stageConfig((k) => ({ submitConcurrency: bad })[k])).toThrow(/submitConcurrency/);
  });
});

describe('cache', () => {
  /** CloudFront's managed CachingOptimized: no query string, cookie or header in the key. */
  const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';

  test('published pages, open data and public API answers are keyed on the path alone: no query string, cookie or header', () => {
    const [, d] = ofType(dev, 'AWS::CloudFront::Distribution')[0]!;
    const behaviors = (
      d.Properties!.DistributionConfig as { CacheBehaviors: { PathPattern: string; CachePolicyId: unknown }[] }
    ).CacheBehaviors.filter((b) => /published|open-data/.test(b.PathPattern));
    // The static objects (/published/*, /open-data/*) and the public API route (/api/published/*).
    expect(behaviors.map((b) => b.PathPattern).sort()).toEqual(['/api/published/*', '/open-data/*', '/published/*']);
    for (const b of behaviors) {
      if (typeof b.CachePolicyId === 'string') {
        expect({ path: b.PathPattern, policy: b.CachePolicyId }).toEqual({
          path: b.PathPattern,
          policy: CACHING_OPTIMIZED,
        });
        continue;
      }
      const policy = resources(dev)[(b.CachePolicyId as { Ref: string }).Ref]!;
      expect(
        (policy.Properties!.CachePolicyConfig as { ParametersInCacheKeyAndForwardedToOrigin: unknown })
          .ParametersInCacheKeyAndForwardedToOrigin,
      ).toMatchObject({
        QueryStringsConfig: { QueryStringBehavior: 'none' },
        CookiesConfig: { CookieBehavior: 'none' },
        HeadersConfig: { HeaderBehavior: 'none' },
      });
    }
  });
});

describe('AWS WAF', () => {
  test('prod: a web ACL in us-east-1, rate-based rules per address, answered 429 with Retry-After and the API shape', () => {
    expect(synth.edges[0]).toBeUndefined();
    const edge = synth.edges[1]!;
    expect(edge.region).toBe(EDGE_REGION);
    const acls = ofType(Template.fromStack(edge), 'AWS::WAFv2::WebACL');
    expect(acls).toHaveLength(1);
    const p = acls[0]![1].Properties! as {
      Scope: string;
      DefaultAction: unknown;
      CustomResponseBodies: Record<string, { ContentType: string; Content: string }>;
      Rules: {
        Name: string;
        Action: {
          Block: { CustomResponse: { ResponseCode: number; CustomResponseBodyKey: string; ResponseHeaders: unknown } };
        };
        Statement: {
          RateBasedStatement: {
            Limit: number;
            AggregateKeyType: string;
            EvaluationWindowSec: number;
            ScopeDownStatement?: unknown;
          };
        };
      }[];
    };
    expect(p.Scope).toBe('CLOUDFRONT');
    expect(p.DefaultAction).toEqual({ Allow: {} });
    const limits = Object.fromEntries(p.Rules.map((r) => [r.Name, r.Statement.RateBasedStatement]));
    expect(limits).toEqual({
      ApiWritesPerAddress: {
        Limit: EDGE_RATE_LIMITS.apiWrites,
        AggregateKeyType: 'IP',
        EvaluationWindowSec: EDGE_WINDOW_SECONDS,
        ScopeDownStatement: expect.objectContaining({ AndStatement: expect.anything() }),
      },
      AllPerAddress: { Limit: EDGE_RATE_LIMITS.all, AggregateKeyType: 'IP', EvaluationWindowSec: EDGE_WINDOW_SECONDS },
    });
    // Writes to the API: POST under /api/.
    const scope = JSON.stringify(limits.ApiWritesPerAddress!.ScopeDownStatement);
    expect(scope).toContain('"SearchString":"POST"');
    expect(scope).toContain('"SearchString":"/api/"');
    for (const rule of p.Rules) {
      const response = rule.Action.Block.CustomResponse;
      expect(response.ResponseCode).toBe(429);
      expect(response.ResponseHeaders).toEqual([{ Name: 'retry-after', Value: String(EDGE_WINDOW_SECONDS) }]);
      const body = p.CustomResponseBodies[response.CustomResponseBodyKey]!;
      expect(body.ContentType).toBe('APPLICATION_JSON');
      // What the add-in and the CLI read from any API error: the code and the bilingual message.
      expect(JSON.parse(body.Content)).toEqual({
        code: EDGE_ERROR,
        message: { zh: ERRORS[EDGE_ERROR].zh, en: ERRORS[EDGE_ERROR].en },
      });
    }
  });

  test("prod's distribution carries the ACL (referenced across regions); dev's has none, and says why to cdk-nag", () => {
    const config = (t: Template) =>
      (ofType(t, 'AWS::CloudFront::Distribution')[0]![1].Properties!.DistributionConfig as { WebACLId?: unknown })
        .WebACLId;
    const id = JSON.stringify(config(prod));
    expect(id).toBeDefined();
    // Read at deploy from the parameter the edge stack writes (a cross-region reference), never a literal.
    expect(id).toMatch(/ExportsReader/);
    expect(config(dev)).toBeUndefined();
    const acknowledged = (t: Template) =>
      ofType(t, 'AWS::CloudFront::Distribution').flatMap(([, d]) =>
        ((d.Metadata?.cdk_nag as { rules_to_suppress?: { id: string }[] } | undefined)?.rules_to_suppress ?? []).map(
          (r) => r.id,
        ),
      );
    expect(acknowledged(dev)).toContain('AwsSolutions-CFR2');
    expect(acknowledged(prod)).not.toContain('AwsSolutions-CFR2');
  });

  test('the flag: on in prod, off elsewhere, either way on request; refused where it cannot work', () => {
    const config = (ctx: Record<string, string>) => stageConfig((k) => ctx[k]);
    expect(config({ stage: 'prod' }).waf).toBe(true);
    expect(config({ stage: 'dev' }).waf).toBe(false);
    expect(config({ stage: 'prod', waf: 'false' }).waf).toBe(false);
    expect(config({ stage: 'alice', waf: 'true' }).waf).toBe(true);
    expect(() => config({ waf: 'yes' })).toThrow(/waf must be true or false/);
    const app = new App();
    expect(edgeStackFor(app, config({ stage: 'prod', waf: 'false' }), ENV)).toBeUndefined();
    // An ACL made elsewhere is attached as it is; none is made.
    expect(
      edgeStackFor(app, config({ stage: 'prod', webAclArn: 'arn:aws:wafv2:us-east-1:1:global/webacl/x/y' }), ENV),
    ).toBeUndefined();
    expect(() => edgeStackFor(app, config({ stage: 'prod' }), {})).toThrow(/-c waf=false/);
    expect(() => edgeStackFor(app, config({ stage: 'prod' }), { account: '1', region: 'cn-northwest-1' })).toThrow(
      /China/,
    );
  });
});

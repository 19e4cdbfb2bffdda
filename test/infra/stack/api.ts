/** The HTTP API: its routes, authorizer, stage (throttles, access log) and CORS. */
import { IDEMPOTENCY_HEADER, CONFIRM_HEADER } from '../../../contract/headers';
import { API_BASE, ROUTES } from '../../../contract/routes';
import { flatten } from '../synth';
import { idOf, type Stages } from './stages';

export function apiTests(stages: Stages): void {
  describe('API', () => {
    test('every route of the route table, under /api, and nothing else', () => {
      const keys = stages
        .ofType('AWS::ApiGatewayV2::Route')
        .map(([, r]) => r.Properties!.RouteKey)
        .sort();
      expect(keys).toEqual(ROUTES.map((r) => `${r.method} ${API_BASE}${r.path}`).sort());
    });

    test('the JWT authorizer on every private route; public routes have none', () => {
      const authorizers = stages.ofType('AWS::ApiGatewayV2::Authorizer');
      expect(authorizers).toHaveLength(1);
      const [authorizerId, authorizer] = authorizers[0]!;
      const pool = idOf(stages.stack.identity.userPool);
      const client = idOf(stages.stack.identity.client);
      expect(authorizer.Properties).toMatchObject({
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Audience: [{ Ref: client }] },
      });
      expect(flatten((authorizer.Properties!.JwtConfiguration as { Issuer: unknown }).Issuer)).toMatch(
        new RegExp(`^https://cognito-idp\\..+\\.amazonaws\\.com/<${pool}>$`),
      );
      for (const route of ROUTES) {
        const [, r] = stages
          .ofType('AWS::ApiGatewayV2::Route')
          .find(([, x]) => x.Properties!.RouteKey === `${route.method} ${API_BASE}${route.path}`)!;
        if (route.auth === 'public') {
          expect(r.Properties!.AuthorizationType ?? 'NONE').toBe('NONE');
          expect(r.Properties!.AuthorizerId).toBeUndefined();
        } else {
          expect(r.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
        }
      }
    });

    test('the $default stage throttles every route and writes access logs with a retention', () => {
      const apiStages = stages.ofType('AWS::ApiGatewayV2::Stage');
      expect(apiStages).toHaveLength(1);
      const p = apiStages[0]![1].Properties!;
      expect(p.StageName).toBe('$default');
      expect(p.DefaultRouteSettings).toEqual({
        ThrottlingRateLimit: expect.any(Number),
        ThrottlingBurstLimit: expect.any(Number),
      });
      const destination = flatten((p.AccessLogSettings as { DestinationArn: unknown }).DestinationArn);
      const logGroup = /^<(.+)\.Arn>$/.exec(destination)?.[1];
      expect(stages.devResources[logGroup!]).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: expect.any(Number) },
      });
      expect(String((p.AccessLogSettings as { Format: string }).Format)).toContain('$context.requestId');
    });

    test('CORS allows exactly the add-in origin and the headers the add-in sends', () => {
      const api = stages.ofType('AWS::ApiGatewayV2::Api');
      expect(api).toHaveLength(1);
      expect(api[0]![1].Properties!.CorsConfiguration).toBeUndefined();
      const cors = stages.ofType('Custom::AWS');
      expect(cors).toHaveLength(1);
      const call = JSON.parse(flatten(cors[0]![1].Properties!.Create)) as {
        service: string;
        action: string;
        parameters: {
          ApiId: string;
          CorsConfiguration: { AllowOrigins: string[]; AllowHeaders: string[]; AllowMethods: string[] };
        };
      };
      const distribution = idOf(stages.stack.hosting.distribution);
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
}

import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CfnStage,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { API_BASE, type RouteDef } from '../../contract/routes';
import type { Throttle } from '../config';
import {
  CLIENT_HEADER,
  CONFIRM_HEADER,
  IDEMPOTENCY_HEADER,
  REPLAYED_HEADER,
  YEAR_HEADER,
} from '../../contract/headers';

export interface ReportApiProps {
  /** Every route's throttle unless routeThrottleOf gives it its own. */
  readonly throttle: Throttle;
  readonly routeThrottles: RouteThrottles;
  readonly logRetention: RetentionDays;
  readonly production: boolean;
}

export interface RoutesProps {
  readonly routes: readonly RouteDef[];
  /** The function serving each route's `handler`. */
  readonly functionFor: (handler: string) => IFunction;
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
}

export interface RouteThrottles {
  readonly write: Throttle;
  readonly publicRead: Throttle;
  /** The submit route: within what the submit function's reserved concurrency serves, when it has one. */
  readonly submitConcurrency?: number;
}

/** The handler that stores submissions (the one with reserved concurrency). */
export const SUBMIT_HANDLER = 'submitReport';

/**
 * A route's own throttle, or undefined for the stage default (private reads). Public reads are tighter than writes.
 * The submit route stays within its function's reserved concurrency (a submission takes well under a second): API
 * Gateway then answers 429 before Lambda would throttle the function, which callers would see as a 500.
 */
export function routeThrottleOf(route: RouteDef, t: RouteThrottles): Throttle | undefined {
  if (route.method === 'GET') return route.auth === 'public' ? t.publicRead : undefined;
  if (route.handler !== SUBMIT_HANDLER || t.submitConcurrency === undefined) return t.write;
  return {
    rateLimit: Math.min(t.write.rateLimit, t.submitConcurrency),
    burstLimit: Math.min(t.write.burstLimit, t.submitConcurrency),
  };
}

/** Request headers the add-in sends to the API (CORS preflight allows exactly these). */
export const API_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  IDEMPOTENCY_HEADER,
  CONFIRM_HEADER,
  YEAR_HEADER,
  CLIENT_HEADER,
];
/** Response headers a cross-origin caller may read (Retry-After: when a throttled submission may be sent again). */
export const API_EXPOSED_HEADERS = [REPLAYED_HEADER, 'retry-after'];

/**
 * The HTTP API, built from the route table: every route at API_BASE + path, so CloudFront can pass /api/* through
 * unchanged. Private routes (agency, admin) carry the Cognito JWT authorizer; the handlers check the agency scope
 * and the admins group themselves. One $default stage with default route throttling, each write and public read
 * throttled on its own (routeThrottleOf), and JSON access logs.
 *
 * The execute-api endpoint stays enabled although CloudFront fronts the API: it is CloudFront's origin. An HTTP
 * API has no other address unless it has a custom domain (an ACM certificate, DNS), and a custom domain would be as
 * reachable as the endpoint it replaces. What holds either way is here: the throttles apply to every request however
 * it arrives, and every private route needs a Cognito token (docs/admin-guide.md).
 */
export class ReportApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** The routes without authorizer (published pages, open data). */
  readonly publicRoutes: HttpRoute[] = [];
  /** The HTTP methods of the routes, for the CORS configuration. */
  private methods: string[] = [];
  private readonly props: ReportApiProps;
  /** Per-route throttles by route key: the stage's RouteSettings, a JSON map the CDK passes through as written. */
  private readonly routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

  constructor(scope: Construct, id: string, props: ReportApiProps) {
    super(scope, id);
    this.props = props;
    this.api = new HttpApi(this, 'Api', {
      description: '年报通 nianbao API',
      createDefaultStage: false,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            route: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            bytes: '$context.responseLength',
            error: '$context.error.message',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
  }

  /**
   * Adds the routes (after the API exists: CloudFront needs the API's host name, and the functions and the app
   * client need CloudFront's).
   */
  addRouteTable(props: RoutesProps): HttpUserPoolAuthorizer {
    // The ID token (it carries custom:agency and cognito:groups) of the add-in's app client.
    const authorizer = new HttpUserPoolAuthorizer('AgencyAuthorizer', props.userPool, {
      userPoolClients: [props.client],
      identitySource: ['$request.header.Authorization'],
    });
    this.methods = [...new Set([...this.methods, ...props.routes.map((r) => r.method)])];
    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const route of props.routes) {
      let integration = integrations.get(route.handler);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${route.handler}Integration`, props.functionFor(route.handler));
        integrations.set(route.handler, integration);
      }
      const added = this.api.addRoutes({
        path: API_BASE + route.path,
        methods: [HttpMethod[route.method]],
        integration,
        ...(route.auth === 'public' ? {} : { authorizer }),
      });
      if (route.auth === 'public') this.publicRoutes.push(...added);
      const throttle = routeThrottleOf(route, this.props.routeThrottles);
      if (throttle) {
        // A stage's route settings must name routes that exist when the stage is created or updated.
        for (const r of added) this.stage.node.addDependency(r);
        this.routeSettings[`${route.method} ${API_BASE}${route.path}`] = {
          ThrottlingRateLimit: throttle.rateLimit,
          ThrottlingBurstLimit: throttle.burstLimit,
        };
      }
    }
    (this.stage.node.defaultChild as CfnStage).routeSettings = this.routeSettings;
    return authorizer;
  }

  /** https://<api id>.execute-api.<region>.<suffix> without the scheme: the CloudFront origin. */
  get domainName(): string {
    return `${this.api.apiId}.execute-api.${Stack.of(this).region}.${Aws.URL_SUFFIX}`;
  }

  /**
   * Lets exactly these browser origins call the API across origins. Set after the API exists, by an API call at
   * deploy time: the add-in's origin is the CloudFront distribution, whose own origin is this API, so putting the
   * CORS configuration on the API resource itself would make the two depend on each other.
   */
  allowOrigins(origins: string[]): AwsCustomResource {
    const cors = {
      AllowOrigins: origins,
      AllowMethods: this.methods,
      AllowHeaders: API_REQUEST_HEADERS,
      ExposeHeaders: API_EXPOSED_HEADERS,
      MaxAge: 600,
    };
    const call = {
      service: 'ApiGatewayV2',
      action: 'UpdateApi',
      parameters: { ApiId: this.api.apiId, CorsConfiguration: cors },
      physicalResourceId: PhysicalResourceId.of(`${this.api.apiId}-cors`),
    };
    const stack = Stack.of(this);
    const apiArn = `arn:${stack.partition}:apigateway:${stack.region}::/apis/${this.api.apiId}`;
    return new AwsCustomResource(this, 'Cors', {
      logGroup: new LogGroup(this, 'CorsLogs', {
        retention: this.props.logRetention,
        removalPolicy: this.props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      }),
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['apigateway:PATCH'], resources: [apiArn] }),
      ]),
    });
  }
}

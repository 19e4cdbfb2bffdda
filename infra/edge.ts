/**
 * The AWS WAF web ACL in front of the distribution: rate-based rules per client address, answered 429 with
 * Retry-After and the API's error shape, so the add-in and the CLI treat it like any other throttle. CloudFront's
 * web ACLs (scope CLOUDFRONT) can only be made in us-east-1, so the ACL has a stack of its own there
 * (Nianbao-<stage>-edge), which the stage's stack references across regions (the CDK carries the ARN through SSM
 * parameters). AWS China regions offer AWS WAF for regional resources only: there the stage runs without it
 * (`-c waf=false`) on the API's throttles, or attaches an ACL made elsewhere (`-c webAclArn=…`).
 */
import { Stack, Token, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { ERRORS } from '../contract/errors';
import type { StageConfig } from './config';
import { stackName } from './names';

/** Where CloudFront's web ACLs live. */
export const EDGE_REGION = 'us-east-1';

/** The window the rate-based rules count over, and how long a blocked client is told to wait. */
export const EDGE_WINDOW_SECONDS = 300;

/**
 * Requests one client address may make within EDGE_WINDOW_SECONDS. Generous: a government network often reaches the
 * internet through one address for hundreds of staff, and a clerk's task pane makes a few requests per action.
 */
export const EDGE_RATE_LIMITS = {
  /** Anything: pages, open data, add-in files, API (10 a second, sustained, from one address). */
  all: 3000,
  /** POST requests to the API (submissions, review actions, imports): one a second, sustained. */
  apiWrites: 300,
} as const;

/** The code and message of a request the web ACL refuses (contract/errors.ts). */
export const EDGE_ERROR = 'E-TOO-MANY-REQUESTS' as const;

export interface EdgeStackProps extends StackProps {
  readonly stage: string;
}

/** The stage's web ACL, in us-east-1. */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const e = ERRORS[EDGE_ERROR];
    const metric = (name: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `nianbao-${props.stage}-${name}`,
    });
    const block = {
      block: {
        customResponse: {
          responseCode: e.status,
          customResponseBodyKey: 'tooManyRequests',
          responseHeaders: [{ name: 'retry-after', value: String(EDGE_WINDOW_SECONDS) }],
        },
      },
    };
    const rate = (limit: number, scopeDown?: CfnWebACL.StatementProperty) => ({
      rateBasedStatement: {
        limit,
        aggregateKeyType: 'IP',
        evaluationWindowSec: EDGE_WINDOW_SECONDS,
        ...(scopeDown ? { scopeDownStatement: scopeDown } : {}),
      },
    });
    const none = [{ priority: 0, type: 'NONE' }];
    const apiWrites: CfnWebACL.StatementProperty = {
      andStatement: {
        statements: [
          {
            byteMatchStatement: {
              fieldToMatch: { method: {} },
              positionalConstraint: 'EXACTLY',
              searchString: 'POST',
              textTransformations: none,
            },
          },
          {
            byteMatchStatement: {
              fieldToMatch: { uriPath: {} },
              positionalConstraint: 'STARTS_WITH',
              searchString: '/api/',
              textTransformations: none,
            },
          },
        ],
      },
    };
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: `nianbao ${props.stage}: rate limits per client address`,
      defaultAction: { allow: {} },
      visibilityConfig: metric('acl'),
      customResponseBodies: {
        tooManyRequests: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({ code: EDGE_ERROR, message: { zh: e.zh, en: e.en } }),
        },
      },
      rules: [
        {
          name: 'ApiWritesPerAddress',
          priority: 0,
          action: block,
          statement: rate(EDGE_RATE_LIMITS.apiWrites, apiWrites),
          visibilityConfig: metric('api-writes'),
        },
        {
          name: 'AllPerAddress',
          priority: 1,
          action: block,
          statement: rate(EDGE_RATE_LIMITS.all),
          visibilityConfig: metric('all'),
        },
      ],
    });
  }
}

/** Where the stage's stack is deployed: from the credentials (CDK_DEFAULT_*), or a test's choice. */
export interface StageEnv {
  readonly account?: string;
  readonly region?: string;
}

const known = (v: string | undefined): v is string => v !== undefined && !Token.isUnresolved(v);

/**
 * The stage's edge stack when it should have a web ACL of its own (`waf` on and no `webAclArn`), else undefined.
 * Refuses, saying what to do, when the account or region is unknown (a cross-region reference needs both) or the
 * region is in AWS China (no CloudFront web ACLs there).
 */
export function edgeStackFor(scope: Construct, config: StageConfig, env: StageEnv): EdgeStack | undefined {
  if (!config.waf || config.webAclArn) return undefined;
  if (!known(env.account) || !known(env.region)) {
    throw new Error(
      `WAF 需要明确的账号和区域（配置 AWS 凭证，或设置 CDK_DEFAULT_ACCOUNT 与 CDK_DEFAULT_REGION），或用 -c waf=false 关闭 / ` +
        `the web ACL needs a known account and region (AWS credentials, or CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION), or turn it off with -c waf=false`,
    );
  }
  if (env.region.startsWith('cn-')) {
    throw new Error(
      `AWS 中国区域的 WAF 只保护区域资源，不能挂到 CloudFront：请用 -c waf=false（接口限流仍然有效）或 -c webAclArn=… / ` +
        `AWS WAF in the China regions protects regional resources only, not CloudFront: use -c waf=false (the API throttles still hold) or -c webAclArn=…`,
    );
  }
  return new EdgeStack(scope, `${stackName(config.stage)}-edge`, {
    stage: config.stage,
    env: { account: env.account, region: EDGE_REGION },
    description: `年报通 nianbao (${config.stage}): AWS WAF web ACL for CloudFront`,
    terminationProtection: config.production,
  });
}

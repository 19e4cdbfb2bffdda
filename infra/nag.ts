/**
 * cdk-nag's AwsSolutions rules on the whole app. Every finding the stack keeps is acknowledged here, on the construct
 * it concerns, with the reason in one sentence; anything new fails the synth.
 */
import { DefaultStackSynthesizer, Token, Validations, type App, type Stack } from 'aws-cdk-lib';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { AwsCustomResource } from 'aws-cdk-lib/custom-resources';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { acknowledgePublishedFindings } from './constructs/published-data';
import type { NianbaoStack } from './stack';

const RULE = (id: string) => `AwsSolutions-${id}`;

/** Managed and wildcard permissions CDK gives its own deploy-time functions, which we do not write. */
const MANAGED_LOGS_POLICY = 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

/** The CDK bootstrap asset bucket's objects as cdk-nag writes them (literal account and region when the stack has them). */
function assetObjectsArn(stack: Stack): string {
  const qualifier = stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  return `arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-${account}-${region}/*`;
}

function ack(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: RULE(id), reason });
}

/** Checks the whole app at synth; the acknowledged rules are also written into the template's metadata (audit). */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: false, writeSuppressionsToCloudFormation: true }),
  );
}

/** The findings this stage keeps, each with its reason. */
export function acknowledgeNagFindings(stack: NianbaoStack): void {
  // --- Our functions ---------------------------------------------------------------------------------------------
  for (const f of stack.functions.values()) {
    ack(
      f.fn,
      'L1',
      'Node.js 22 is the runtime this project deploys to by decision (issue 5); a newer one is adopted deliberately after testing, not by drift.',
    );
  }

  // --- API -----------------------------------------------------------------------------------------------------------
  for (const route of stack.api.publicRoutes) {
    ack(
      route,
      'APIG4',
      'A public route of the route table: published reports and open data are public by law (政府信息公开) and read without an account.',
    );
  }

  // --- Hosting -----------------------------------------------------------------------------------------------------
  const { bucket, distribution } = stack.hosting;
  ack(
    bucket,
    'S1',
    "The bucket holds only the add-in's build output, written by the deployment and read only by CloudFront through origin access control; there is no user data to audit.",
  );
  ack(
    distribution,
    'CFR1',
    'Published reports are public by law (政府信息公开) and must be reachable from anywhere, so no country is blocked.',
  );
  ack(
    distribution,
    'CFR3',
    "Requests that reach data are logged where they are served (the API stage access log and each function's log); the edge serves only public files and short-lived copies of public pages.",
  );
  ack(
    distribution,
    'CFR4',
    'The distribution uses the default *.cloudfront.net certificate, whose minimum TLS version CloudFront does not let one set; a custom domain with TLSv1.2_2021 is an operator option (docs/admin-guide.md).',
  );
  if (!stack.hosting.hasWebAcl) {
    ack(
      distribution,
      'CFR2',
      'AWS WAF is off for this stage (-c waf=true or -c webAclArn=… turns it on; on by default in prod): the API throttles every route, every private route needs a Cognito token, and the public pages are cached at the edge.',
    );
  }

  acknowledgePublishedFindings(stack.published);

  // --- Identity ----------------------------------------------------------------------------------------------------
  ack(
    stack.identity.userPool,
    'COG8',
    'Threat protection needs the Plus plan, billed per user; accounts are created only by administrators, MFA is required and passwords need 12 characters of four kinds.',
  );

  // --- CDK's own deploy-time functions -----------------------------------------------------------------------------
  const corsProvider = stack.node.tryFindChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
  if (corsProvider) {
    ack(
      corsProvider,
      `IAM4[${MANAGED_LOGS_POLICY}]`,
      "CDK's AwsCustomResource provider (it sets the API's CORS origins at deploy time) uses the basic execution policy only to write its own logs.",
    );
  }
  {
    const role = stack.addin.deployment.handlerRole;
    const fn = role.node.scope;
    ack(
      role,
      `IAM4[${MANAGED_LOGS_POLICY}]`,
      "CDK's BucketDeployment function uses the basic execution policy only to write its own logs.",
    );
    const wildcards: [string, string][] = [
      [
        'Action::s3:GetObject*',
        "BucketDeployment reads the add-in's asset zip and the site bucket with CDK's read grant (GetObject and its variants).",
      ],
      [
        'Action::s3:GetBucket*',
        "BucketDeployment lists and inspects only the asset bucket and the site bucket (CDK's read grant).",
      ],
      [
        'Action::s3:List*',
        "BucketDeployment lists only the asset bucket and the site bucket to sync files (CDK's read grant).",
      ],
      [
        'Action::s3:DeleteObject*',
        "BucketDeployment prunes files of earlier builds from the site bucket only (CDK's write grant).",
      ],
      [
        'Action::s3:Abort*',
        "BucketDeployment aborts its own multipart uploads into the site bucket only (CDK's write grant).",
      ],
      [
        `Resource::${assetObjectsArn(stack)}`,
        "The objects of the CDK bootstrap asset bucket, where the add-in's zip is uploaded under a content hash.",
      ],
      [
        `Resource::<${stack.getLogicalId(bucket.node.defaultChild as CfnBucket)}.Arn>/*`,
        "The objects of this stage's site bucket, which the deployment replaces as a whole.",
      ],
      [
        'Resource::*',
        "BucketDeployment grants CloudFront invalidation on all distributions (aws-cdk-lib does not scope it); it invalidates only this stage's distribution.",
      ],
    ];
    for (const [finding, reason] of wildcards) {
      const policy = role.node.tryFindChild('DefaultPolicy');
      if (policy) ack(policy, `IAM5[${finding}]`, reason);
    }
    if (fn)
      ack(
        fn,
        'L1',
        "aws-cdk-lib chooses the BucketDeployment function's runtime and moves it forward with its releases.",
      );
  }
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { ADDIN_FILES, apiBaseFor, parseConfig, type AddinConfig } from '../../contract/addin';

/** The manifest buildAddin writes next to the pages. */
const BUILT_MANIFEST = 'manifest.xml';

export interface AddinDeploymentProps {
  /** The built add-in (buildAddin's outDir, dist/addin/). */
  readonly addinDir: string;
  readonly bucket: IBucket;
  readonly distribution: Distribution;
  /** The add-in's origin, https://<distribution domain>. */
  readonly baseUrl: string;
  /** The hosted sign-in: https://<prefix>.auth.<region>.amazoncognito.com, the app client, its callback. */
  readonly signIn: {
    readonly domain: string;
    readonly clientId: string;
    readonly redirectUri: string;
    readonly scopes: readonly string[];
  };
  readonly logRetention: RetentionDays;
}

/**
 * The config.json the deployed add-in reads: the build's own (the API contract it was built against) with the
 * stage's same-origin API and Cognito sign-in, values known only at deploy time.
 */
export function deployedAddinConfig(
  built: AddinConfig,
  props: Pick<AddinDeploymentProps, 'baseUrl' | 'signIn'>,
): AddinConfig {
  return { ...built, apiBase: apiBaseFor(props.baseUrl), signIn: { mode: 'cognito', ...props.signIn } };
}

/**
 * Copies the built add-in into the bucket, writes its config.json with the stage's deployed URLs and IDs (tokens
 * CloudFormation resolves), and invalidates the distribution so Office gets the new files.
 */
export class AddinDeployment extends Construct {
  readonly deployment: BucketDeployment;

  constructor(scope: Construct, id: string, props: AddinDeploymentProps) {
    super(scope, id);
    const configFile = join(props.addinDir, ADDIN_FILES.config);
    if (!existsSync(join(props.addinDir, ADDIN_FILES.taskpane)) || !existsSync(configFile)) {
      throw new Error(`加载项尚未构建 / the add-in is not built in ${props.addinDir} (npm run build)`);
    }
    const built = parseConfig(JSON.parse(readFileSync(configFile, 'utf8')));
    this.deployment = new BucketDeployment(this, 'Files', {
      sources: [
        // The build's config.json and manifest.xml describe the local stack: the config is replaced below, and the
        // stage's manifest is written after the deploy (it is distributed to Excel, not served).
        Source.asset(props.addinDir, { exclude: [ADDIN_FILES.config, BUILT_MANIFEST] }),
        Source.jsonData(ADDIN_FILES.config, deployedAddinConfig(built, props)),
      ],
      destinationBucket: props.bucket,
      distribution: props.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 512,
      logGroup: new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY }),
      // Short browser caching: a new deploy reaches every Excel within minutes.
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.minutes(5))],
    });
  }
}

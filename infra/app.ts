/**
 * The CDK app (cdk.json runs it): builds the add-in, then synthesizes the stage chosen by `-c stage=<name>`
 * (default dev) as the stack Nianbao-<stage>, checked by cdk-nag's AwsSolutions rules.
 */
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildAddin } from '../build/addin';
import { LOCAL_BASE_URL } from '../contract/addin';
import { stageConfig } from './config';
import { edgeStackFor } from './edge';
import { PROJECT_ROOT, stackName } from './names';
import { acknowledgeNagFindings, addNagChecks } from './nag';
import { NianbaoStack } from './stack';

/** Its own build directory, so a deploy never empties the dist/addin/ a running local stack serves. */
export const ADDIN_DIST = join(PROJECT_ROOT, 'dist', 'addin-deploy');

async function main(): Promise<void> {
  const app = new App();
  const config = stageConfig((key) => app.node.tryGetContext(key));
  // The deployed config.json is written at deploy time (the URLs are known only then); the build's own is replaced.
  await buildAddin({ outDir: ADDIN_DIST, baseUrl: LOCAL_BASE_URL });
  // Account and region come from the credentials at deploy time; without them the stack is environment-agnostic.
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  // The web ACL (prod by default) lives in us-east-1, in a stack the stage's stack depends on (deployed with it).
  const edge = edgeStackFor(app, config, env);
  const stack = new NianbaoStack(app, stackName(config.stage), {
    config,
    addinDir: ADDIN_DIST,
    env,
    ...(edge ? { webAclArn: edge.webAcl.attrArn, crossRegionReferences: true } : {}),
    description: `年报通 nianbao (${config.stage})`,
    terminationProtection: config.production,
  });
  addNagChecks(app);
  acknowledgeNagFindings(stack);
  app.synth();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});

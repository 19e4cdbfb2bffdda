/** Names and paths shared by the CDK app and the admin tools; light on purpose (no aws-cdk-lib). */
import { join } from 'node:path';

/** The project root (infra/ → ..). */
export const PROJECT_ROOT = join(__dirname, '..');

/** The CloudFormation stack name of a stage; the only name the app chooses, everything inside is generated. */
export function stackName(stage: string): string {
  return `Nianbao-${stage}`;
}

/** Where a stage's deploy results live (dist/ is not committed): the stack outputs and the stage's manifest. */
export function stageFiles(
  stage: string,
  root = PROJECT_ROOT,
): { readonly outputs: string; readonly manifest: string } {
  const dir = join(root, 'dist', 'deploy', stage);
  return { outputs: join(dir, 'outputs.json'), manifest: join(dir, 'manifest.xml') };
}

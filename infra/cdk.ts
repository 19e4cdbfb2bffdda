/**
 * Runs the AWS CDK CLI for this project the same way on every OS: no telemetry, no notices, no version check;
 * one stage per run, from `-c stage=<name>` (default dev). After `deploy` it keeps the stage's outputs and writes
 * the stage's manifest.xml (dist/deploy/<stage>/).
 *
 *   npm run synth                      (offline: no credentials or network needed)
 *   npm run deploy -- -c stage=dev
 *   npx tsx infra/cdk.ts destroy -c stage=dev
 *   npx tsx infra/cdk.ts diff -c stage=prod
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PROJECT_ROOT, stackName, stageFiles } from './names';
import { readStageOutputs, writeStageManifest } from './post-deploy';

const CDK_BIN = require.resolve('aws-cdk/bin/cdk');

/** The stage named by `-c stage=x`, `--context stage=x` or `--context=stage=x`; undefined when none is given. */
export function stageArg(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const value =
      a === '-c' || a === '--context'
        ? args[i + 1]
        : a.startsWith('--context=')
          ? a.slice('--context='.length)
          : undefined;
    if (value?.startsWith('stage=')) return value.slice('stage='.length);
  }
  return undefined;
}

/** The full CDK command line for a project command: the stage's stack, quiet offline flags, outputs for deploy. */
export function cdkArgs(args: readonly string[]): { argv: string[]; stage: string } {
  const [command = 'synth', ...rest] = args;
  const stage = stageArg(rest) ?? 'dev';
  const argv = [command, ...rest];
  if (stageArg(rest) === undefined) argv.push('-c', `stage=${stage}`);
  argv.push('--no-notices');
  const stack = stackName(stage);
  const namesStack = rest.some((a) => a === stack || a === '--all');
  if (['synth', 'deploy', 'destroy', 'diff'].includes(command) && !namesStack) argv.splice(1, 0, stack);
  if (command === 'synth' && !rest.includes('--quiet') && !rest.includes('-q')) argv.push('--quiet');
  if (command === 'deploy' && !rest.some((a) => a.startsWith('--outputs-file')))
    argv.push('--outputs-file', stageFiles(stage).outputs);
  return { argv, stage };
}

export const CDK_ENV = {
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  CDK_DISABLE_VERSION_CHECK: 'true',
} as const;

function main(args: string[]): number {
  if (args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(
      '用法 / usage: npx tsx infra/cdk.ts <synth|deploy|destroy|diff|…> [-c stage=dev] [cdk options]\n',
    );
    return 0;
  }
  const { argv, stage } = cdkArgs(args);
  const command = argv[0];
  if (command === 'deploy') mkdirSync(dirname(stageFiles(stage).outputs), { recursive: true });
  const run = spawnSync(process.execPath, [CDK_BIN, ...argv], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...CDK_ENV },
  });
  if (run.error) throw run.error;
  const status = run.status ?? 1;
  if (status !== 0 || command !== 'deploy') return status;
  const outputs = readStageOutputs(stage);
  const file = writeStageManifest({ stage, outputs });
  process.stdout.write(
    `\n加载项地址 / add-in URL: ${outputs.addinUrl}\n` +
      `清单文件 / manifest for Excel: ${file}\n` +
      `下一步 / next: npm run admin -- add-user --stage ${stage} --email … --agency … --agency-name …\n`,
  );
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`cdk: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}

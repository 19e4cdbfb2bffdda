/**
 * After a deploy: the stage's outputs (saved by `cdk deploy --outputs-file`) give the add-in's URL and the sign-in
 * domain, from which the add-in's own script writes the stage's manifest.xml for Excel users.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeManifest } from '../build/write-manifest';
import { PROJECT_ROOT, stackName, stageFiles } from './names';
import { stackOutputs, type StackOutputs } from './outputs';

export function readStageOutputs(stage: string, file = stageFiles(stage).outputs): StackOutputs {
  if (!existsSync(file)) {
    throw new Error(
      `没有找到阶段 ${stage} 的部署输出 / no deploy outputs for stage ${stage}: ${file} (run npm run deploy -- -c stage=${stage})`,
    );
  }
  return stackOutputs(JSON.parse(readFileSync(file, 'utf8')), stackName(stage));
}

/**
 * A GUID that stays the same for a stage's add-in URL (so redeploying updates the add-in in Excel instead of
 * adding a second one) and differs between stages (so dev and prod can be installed side by side).
 */
export function addinIdFor(addinUrl: string): string {
  const h = createHash('sha256').update(`nianbao-addin:${addinUrl}`).digest('hex');
  // RFC 4122 layout: version 5 (name-based), variant 10xx.
  const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Four-part manifest version from package.json's three parts (a.b.c → a.b.c.0). */
export function manifestVersion(root = PROJECT_ROOT): string {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  const parts = (version ?? '1.0.0')
    .split(/[.+-]/)
    .slice(0, 3)
    .map((p) => String(Number(p) || 0));
  while (parts.length < 4) parts.push('0');
  return parts.join('.');
}

export interface StageManifestOptions {
  readonly stage: string;
  readonly outputs: StackOutputs;
  readonly out?: string;
  readonly id?: string;
  readonly version?: string;
}

/** Writes the stage's manifest.xml; returns its path. */
export function writeStageManifest(opts: StageManifestOptions): string {
  const out = opts.out ?? stageFiles(opts.stage).manifest;
  mkdirSync(dirname(out), { recursive: true });
  writeManifest({
    baseUrl: opts.outputs.addinUrl,
    appDomains: [opts.outputs.signInDomain],
    id: opts.id ?? addinIdFor(opts.outputs.addinUrl),
    version: opts.version ?? manifestVersion(),
    ...(opts.stage === 'prod' ? {} : { nameSuffix: { zh: `（${opts.stage}）`, en: ` (${opts.stage})` } }),
    out,
  });
  return out;
}

/**
 * Synthesizes stages of the real CDK app once per test file: the real add-in build, the real handlers bundled by
 * esbuild, cdk-nag's AwsSolutions rules. Everything is written under one temporary directory that `cleanup`
 * removes (a bare `new App()` would leave its cdk.out in /tmp).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildAddin } from '../../build/addin';
import { LOCAL_BASE_URL } from '../../contract/addin';
import type { RouteDef } from '../../contract/routes';
import { stageConfig } from '../../infra/config';
import { edgeStackFor, type EdgeStack, type StageEnv } from '../../infra/edge';
import { stackName } from '../../infra/names';
import { acknowledgeNagFindings, addNagChecks } from '../../infra/nag';
import { NianbaoStack } from '../../infra/stack';

export interface StageSpec {
  readonly context: Record<string, string>;
  readonly routes?: readonly RouteDef[];
  /** Account and region, as the credentials would give them (a web ACL needs both). */
  readonly env?: StageEnv;
}

export interface Synthesized {
  readonly dir: string;
  readonly outdir: string;
  readonly stacks: NianbaoStack[];
  readonly templates: Template[];
  /** Each stage's edge stack (its web ACL), where it has one. */
  readonly edges: (EdgeStack | undefined)[];
  cleanup(): void;
}

export async function synthesize(specs: readonly StageSpec[]): Promise<Synthesized> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-infra-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const addinDir = join(dir, 'addin');
    await buildAddin({ outDir: addinDir, baseUrl: LOCAL_BASE_URL });
    const outdir = join(dir, 'cdk.out');
    const app = new App({ outdir });
    addNagChecks(app);
    const edges: (EdgeStack | undefined)[] = [];
    const stacks = specs.map((spec) => {
      const config = stageConfig((key) => spec.context[key]);
      const env = spec.env ?? {};
      const edge = edgeStackFor(app, config, env);
      edges.push(edge);
      const stack = new NianbaoStack(app, stackName(config.stage), {
        config,
        addinDir,
        ...(spec.env ? { env: spec.env } : {}),
        ...(spec.routes ? { routes: spec.routes } : {}),
        ...(edge ? { webAclArn: edge.webAcl.attrArn, crossRegionReferences: true } : {}),
      });
      acknowledgeNagFindings(stack);
      return stack;
    });
    // Throws when a cdk-nag rule finds something that is not acknowledged.
    app.synth();
    return { dir, outdir, stacks, edges, templates: stacks.map((s) => Template.fromStack(s)), cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/**
 * A template value with its intrinsics written out as cdk-nag names them: Ref X → <X>, GetAtt X.Y → <X.Y>,
 * Sub's ${X} → <X>, Join → the joined text.
 */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(flatten).join(',');
  const v = value as Record<string, unknown>;
  if ('Ref' in v) return `<${String(v.Ref)}>`;
  if ('Fn::GetAtt' in v) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
  if ('Fn::Join' in v) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(flatten).join(sep);
  }
  if ('Fn::Sub' in v) return String(v['Fn::Sub']).replace(/\$\{([^}]+)\}/g, '<$1>');
  return JSON.stringify(v);
}

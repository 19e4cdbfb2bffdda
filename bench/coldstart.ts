/**
 * Cold start of the Lambda functions: every handler bundled with esbuild exactly as infra does it (the settings are
 * imported from infra/constructs/handler-function.ts), then, in a fresh Node process each time, the time from
 * require() of the bundle until its handler is ready — with the environment the function gets on Lambda
 * (--enable-source-maps, Powertools settings). The baseline is a bundle holding only the DynamoDB client, built
 * and timed the same way, interleaved with the handlers so both meet the same noise.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { HANDLER_BUNDLING, HANDLERS_DIR } from '../infra/constructs/handler-function';
import { ROUTES } from '../functions/routes';
import { ROOT } from './fixtures';
import { summarize, type Summary } from './stats';

const run = promisify(execFile);
export const BASELINE = 'dynamodbClientOnly';

/** esbuild options from the CDK bundling settings, as aws-lambda-nodejs turns them into esbuild's arguments. */
export function esbuildOptionsFromCdk(entry: string, outfile: string): BuildOptions {
  const b = HANDLER_BUNDLING;
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: b.target,
    format: b.format as BuildOptions['format'],
    minify: b.minify,
    sourcemap: b.sourceMap,
    sourcesContent: b.sourcesContent,
    external: [...b.externalModules],
    tsconfig: b.tsconfig,
    logLevel: b.logLevel as BuildOptions['logLevel'],
    absWorkingDir: ROOT,
  };
}

export interface ColdStartResult {
  readonly initMs: Record<string, Summary>;
  readonly bundleKb: Record<string, number>;
  /** Per function: median init over the baseline's median init. */
  readonly ratio: Record<string, number>;
}

export async function benchColdStart(quick: boolean): Promise<ColdStartResult> {
  const out = join(ROOT, 'bench', 'out', 'bundles');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const entries: Record<string, string> = { [BASELINE]: join(__dirname, 'coldstart', 'baseline.ts') };
  for (const h of new Set(ROUTES.map((r) => r.handler))) entries[h] = join(HANDLERS_DIR, `${h}.ts`);
  const bundles: Record<string, string> = {};
  await Promise.all(
    Object.entries(entries).map(async ([name, entry]) => {
      const file = join(out, name, 'index.js');
      await build(esbuildOptionsFromCdk(entry, file));
      bundles[name] = file;
    }),
  );
  const env = {
    ...process.env,
    NODE_OPTIONS: '--enable-source-maps',
    AWS_REGION: 'cn-north-1',
    TABLE_NAME: 'nianbao-bench',
    POWERTOOLS_SERVICE_NAME: 'nianbao',
    POWERTOOLS_METRICS_NAMESPACE: 'nianbao-bench',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const probe = join(__dirname, 'coldstart', 'probe.js');
  const rounds = quick ? 3 : 15;
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(bundles).map((n) => [n, []]));
  // One warm-up pass (file cache), then rounds that visit every bundle once, baseline included, each round starting
  // one further along (no bundle always goes first).
  const order = Object.entries(bundles);
  for (let round = quick ? 0 : -1; round < rounds; round++) {
    const shift = Math.max(0, round) % order.length;
    for (const [name, file] of [...order.slice(shift), ...order.slice(0, shift)]) {
      const { stdout } = await run(process.execPath, [probe, file], { env });
      if (round >= 0) samples[name]!.push((JSON.parse(stdout) as { initMs: number }).initMs);
    }
  }
  const initMs = Object.fromEntries(Object.entries(samples).map(([n, s]) => [n, summarize(s)]));
  const base = initMs[BASELINE]!.median;
  return {
    initMs,
    bundleKb: Object.fromEntries(Object.entries(bundles).map(([n, f]) => [n, statSync(f).size / 1024])),
    ratio: Object.fromEntries(Object.entries(initMs).filter(([n]) => n !== BASELINE).map(([n, s]) => [n, s.median / base])),
  };
}

/**
 * Cold start of the Lambda functions: every handler bundled with esbuild exactly as infra does it (the settings are
 * imported from infra/constructs/handler-function.ts), then, in a fresh Node process each time, the time from
 * require() of the bundle until its handler is ready — with the environment the function gets on Lambda
 * (--enable-source-maps, Powertools settings). The baseline is a bundle holding only the DynamoDB client, built
 * and timed the same way, interleaved with the handlers so both meet the same noise.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { HANDLER_BUNDLING, HANDLERS_DIR } from '../infra/constructs/handler-function';
import { ROUTES } from '../contract/routes';
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
  /** Per function: the median, over its turns, of its init over the baseline's init timed beside it. */
  readonly ratio: Record<string, number>;
  /** KB of submitReport's bundle inputs (esbuild metafile) that must stay out of it: exceljs, the importers. */
  readonly submitExcluded: { readonly exceljsKb: number; readonly importersKb: number };
}

/** Inputs of a submission's cold start that belong elsewhere: exceljs writes the template; importers read text/HTML. */
const EXCELJS = /node_modules\/exceljs\//;
const IMPORTERS = /(^|\/)report\/import\//;

export async function benchColdStart(quick: boolean): Promise<ColdStartResult> {
  // Outside the repository: the bundles are large generated code that the project's own checks would read.
  const out = mkdtempSync(join(tmpdir(), 'nianbao-bundles-'));
  const entries: Record<string, string> = { [BASELINE]: join(__dirname, 'coldstart', 'baseline.ts') };
  for (const h of new Set(ROUTES.map((r) => r.handler))) entries[h] = join(HANDLERS_DIR, `${h}.ts`);
  const bundles: Record<string, string> = {};
  const submitExcluded = { exceljsKb: 0, importersKb: 0 };
  await Promise.all(
    Object.entries(entries).map(async ([name, entry]) => {
      const file = join(out, name, 'index.js');
      const { metafile } = await build({ ...esbuildOptionsFromCdk(entry, file), metafile: true });
      bundles[name] = file;
      if (name !== 'submitReport') return;
      for (const [input, { bytes }] of Object.entries(metafile.inputs)) {
        if (EXCELJS.test(input)) submitExcluded.exceljsKb += bytes / 1024;
        if (IMPORTERS.test(input)) submitExcluded.importersKb += bytes / 1024;
      }
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
  const rounds = quick ? 2 : 10;
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(bundles).map((n) => [n, []]));
  const ratios: Record<string, number[]> = {};
  const initOf = async (file: string) =>
    (JSON.parse((await run(process.execPath, [probe, file], { env })).stdout) as { initMs: number }).initMs;
  // One warm-up pass (file cache). Then each function is timed right beside a run of the baseline, in turns: the
  // host's speed drifts within seconds, so each ratio compares two neighbours, and the median ratio is reported.
  const functions = Object.entries(bundles).filter(([n]) => n !== BASELINE);
  for (const file of Object.values(bundles)) await initOf(file);
  for (let round = 0; round < rounds; round++) {
    for (const [name, file] of functions) {
      const baseFirst = round % 2 === 0;
      const base1 = baseFirst ? await initOf(bundles[BASELINE]!) : NaN;
      const fn = await initOf(file);
      const base = baseFirst ? base1 : await initOf(bundles[BASELINE]!);
      samples[name]!.push(fn);
      samples[BASELINE]!.push(base);
      (ratios[name] ??= []).push(fn / base);
    }
  }
  const initMs = Object.fromEntries(Object.entries(samples).map(([n, s]) => [n, summarize(s)]));
  const result: ColdStartResult = {
    initMs,
    bundleKb: Object.fromEntries(Object.entries(bundles).map(([n, f]) => [n, statSync(f).size / 1024])),
    ratio: Object.fromEntries(Object.entries(ratios).map(([n, r]) => [n, summarize(r).median])),
    submitExcluded,
  };
  rmSync(out, { recursive: true, force: true });
  return result;
}

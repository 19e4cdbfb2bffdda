/**
 * Cold start of the Lambda functions: every handler bundled with esbuild exactly as infra does it (the settings are
 * imported from infra/constructs/handler-function.ts), then, in a fresh Node process each time, the time from
 * require() of the bundle until its handler is ready — with the environment the function gets on Lambda
 * (--enable-source-maps, Powertools settings). The baseline is a bundle holding only the DynamoDB client, built
 * and timed the same way, run between the handlers so that each is compared with the baseline runs beside it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleHandler, handlerEntries } from '../infra/handler-bundle';
import { summarize, type Summary } from './stats';

const run = promisify(execFile);
export const BASELINE = 'dynamodbClientOnly';

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
  const entries: Record<string, string> = {
    [BASELINE]: join(__dirname, 'coldstart', 'baseline.ts'),
    ...handlerEntries(),
  };
  const bundles: Record<string, string> = {};
  const submitExcluded = { exceljsKb: 0, importersKb: 0 };
  await Promise.all(
    Object.entries(entries).map(async ([name, entry]) => {
      const { file, metafile } = await bundleHandler(name, entry, out);
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
  const rounds = quick ? 2 : 6;
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(bundles).map((n) => [n, []]));
  const ratios: Record<string, number[]> = {};
  const initOf = async (file: string) =>
    (JSON.parse((await run(process.execPath, [probe, file], { env })).stdout) as { initMs: number }).initMs;
  // The file cache warmed by reading each bundle and its map (what a warm-up process would have done, without one).
  for (const file of Object.values(bundles)) for (const f of [file, `${file}.map`]) readFileSync(f);
  // In each round the functions take turns between runs of the baseline — B f1 B f2 … fn B — and each is compared
  // with the mean of its two neighbours: the host's speed drifts within seconds, so each ratio compares runs seconds
  // apart, and one baseline run serves two functions. The order flips every round (no function always follows
  // another); the median over rounds is reported.
  const functions = Object.entries(bundles).filter(([n]) => n !== BASELINE);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? functions : [...functions].reverse();
    let before = await initOf(bundles[BASELINE]!);
    samples[BASELINE]!.push(before);
    for (const [name, file] of order) {
      const fn = await initOf(file);
      const after = await initOf(bundles[BASELINE]!);
      samples[name]!.push(fn);
      samples[BASELINE]!.push(after);
      (ratios[name] ??= []).push(fn / ((before + after) / 2));
      before = after;
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

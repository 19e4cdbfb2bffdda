/**
 * `npm run bench` (add `-- --quick` for a run under about a minute): measures the report core, submission against
 * the local stack, the functions' cold start and the task pane; prints a table and writes bench/results.json.
 * Medians with their spread (p10–p90), p99 where tails matter, ratios against a baseline measured in the same run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCalls } from './calls';
import { benchColdStart, BASELINE } from './coldstart';
import { benchCore } from './core';
import { stackDataDir, startStack } from './stack';
import { round, summarize } from './stats';
import { benchScale } from './scale';
import { benchSubmit, CONCURRENCY } from './submit';
import { benchImports } from './imports';
import { benchTaskpane } from './taskpane';
import { evaluateAims, printTable, type Results } from './report';
import type { ScaleResults } from './scale';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const started = Date.now();
  const log = (s: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${s}\n`);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const load0 = loadavg()[0]!;

  log('report core: validate, render, read workbook');
  const core = await benchCore(quick);
  log('import: a 50 KB published page, hostile nesting 25k–200k');
  const imports = await benchImports(quick);

  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-'));
  const addinDir = join(dir, 'addin');
  const stack = await startStack(dir, addinDir);
  let submit;
  let calls;
  let pane;
  let scale;
  try {
    log(`task pane (Chromium) at ${stack.info.url}`);
    pane = await benchTaskpane(stack, addinDir, quick);
    log('scale: 1k and 10k agencies seeded, published objects fetched; submit, publish and bare put at c1');
    scale = await benchScale(stack, stackDataDir(dir), quick);
    // The builder is its own function on AWS: the submission figures below are the submission's alone.
    await stack.ask('builder', false);
    log(`POST /reports, ${CONCURRENCY} concurrent clients`);
    submit = await benchSubmit(stack, stackDataDir(dir), quick);
    log('the three DynamoDB calls of a submission, one by one, beside a bare put');
    calls = await benchCalls(stack, stackDataDir(dir), quick);
  } finally {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  log('cold start of the bundled functions');
  const cold = await benchColdStart(quick);

  const worst = <T>(r: Partial<Record<string, T>>, f: (t: T) => number) =>
    Math.max(...Object.values(r).map((t) => f(t as T)));
  const results: Results = {
    validate_us_median: round(Math.max(core.validateUs.seed.wall.median, core.validateUs.large.wall.median), 0),
    validate_seed_us_median: round(core.validateUs.seed.wall.median, 0),
    validate_large_us_median: round(core.validateUs.large.wall.median, 0),
    validate_large_us_p10: round(core.validateUs.large.wall.p10, 0),
    validate_large_us_p90: round(core.validateUs.large.wall.p90, 0),
    validate_large_cpu_us_median: round(core.validateUs.large.cpu.median, 0),
    validate_large_prose_kb: round(core.proseBytes.large / 1024, 1),
    validate_50kb_us_median: round(core.validateUs.xlarge.wall.median, 0),
    validate_50kb_us_p90: round(core.validateUs.xlarge.wall.p90, 0),
    render_ms_median: round(
      worst(core.renderMs, (s) => s.median),
      3,
    ),
    render_ms_p90: round(
      worst(core.renderMs, (s) => s.p90),
      3,
    ),
    xlsx_parse_ms_median: round(
      worst(core.xlsxParseMs, (s) => s.median),
      1,
    ),
    xlsx_parse_ms_p10: round(
      worst(core.xlsxParseMs, (s) => s.p10),
      1,
    ),
    xlsx_parse_ms_p90: round(
      worst(core.xlsxParseMs, (s) => s.p90),
      1,
    ),
    xlsx_kb: round(worst(core.xlsxParseMs, (s) => s.bytes) / 1024, 1),
    ...scaleResults(scale),
    submit_c1_over_put_ratio: round(summarize(scale.submitOverPut).median, 2),
    submit_xlsx_over_json_cpu_ratio: round((submit.xlsx.serverCpuMs ?? NaN) / (submit.json.serverCpuMs ?? NaN), 2),
    coldstart_submit_over_baseline_ratio: round(cold.ratio.submitReport ?? NaN, 2),
    coldstart_submit_exceljs_kb: round(cold.submitExcluded.exceljsKb, 0),
    coldstart_submit_importers_kb: round(cold.submitExcluded.importersKb, 0),
    submit_p50_ms_c16: round(submit.json.p50, 0),
    submit_p90_ms_c16: round(submit.json.p90, 0),
    submit_p99_ms_c16: round(submit.json.p99, 0),
    submit_rps_c16: round(submit.json.rps, 1),
    submit_server_cpu_ms: round(submit.json.serverCpuMs ?? NaN, 1),
    // The median of the rounds' ratios (each round: submissions, then bare puts right after).
    submit_over_put_ratio_c16: round(summarize(submit.ratios).median, 1),
    submit_over_put_ratio_rounds: submit.ratios.map((x) => round(x, 1)),
    put_p50_ms_c16: round(submit.putC16.p50, 2),
    put_p99_ms_c16: round(submit.putC16.p99, 2),
    put_p50_ms_c1: round(submit.putC1.median, 2),
    // CPU per call (the stack process, all threads, µs) of the three calls a submission makes, each alone at c16, and a bare put.
    submit_calls_cpu_us: Object.fromEntries(Object.entries(calls.costs).map(([n, c]) => [n, round(c.cpuUs, 0)])),
    submit_calls_over_put_cpu: round(calls.threeCallsOverPut, 1),
    submit_xlsx_p50_ms_c16: round(submit.xlsx.p50, 0),
    submit_xlsx_p99_ms_c16: round(submit.xlsx.p99, 0),
    submit_xlsx_rps_c16: round(submit.xlsx.rps, 1),
    submit_xlsx_server_cpu_ms: round(submit.xlsx.serverCpuMs ?? NaN, 1),
    submit_errors: submit.json.non2xx + submit.json.errors + submit.xlsx.non2xx + submit.xlsx.errors,
    submit_acknowledged: submit.acknowledged,
    submit_stored: submit.stored,
    submit_sent: submit.sent,
    coldstart_init_ms: Object.fromEntries(Object.entries(cold.initMs).map(([n, s]) => [n, round(s.median, 1)])),
    coldstart_init_ms_p90: Object.fromEntries(Object.entries(cold.initMs).map(([n, s]) => [n, round(s.p90, 1)])),
    coldstart_bundle_kb: Object.fromEntries(Object.entries(cold.bundleKb).map(([n, kb]) => [n, round(kb, 0)])),
    coldstart_baseline_ms: round(cold.initMs[BASELINE]!.median, 1),
    coldstart_over_baseline_ratio: round(Math.max(...Object.values(cold.ratio)), 2),
    coldstart_over_baseline_ratios: Object.fromEntries(Object.entries(cold.ratio).map(([n, x]) => [n, round(x, 2)])),
    taskpane_gzip_kb: round(pane.gzipKb, 1),
    taskpane_raw_kb: round(pane.rawKb, 1),
    taskpane_first_render_ms: round(pane.firstRenderMs.median, 0),
    taskpane_first_render_ms_p10: round(pane.firstRenderMs.p10, 0),
    taskpane_first_render_ms_p90: round(pane.firstRenderMs.p90, 0),
    syncs_per_edit: pane.syncsPerEdit,
    ...imports,
  };
  const aims = evaluateAims(results);
  const meta = {
    date: new Date().toISOString(),
    quick,
    seconds: Math.round((Date.now() - started) / 1000),
    node: process.version,
    cpus: cpus().length,
    loadavg_before: round(load0, 2),
    loadavg_after: round(loadavg()[0]!, 2),
  };
  writeFileSync(join(__dirname, 'results.json'), JSON.stringify({ ...results, aims, meta }, null, 2) + '\n');
  printTable(results, aims, meta);
  if (submit.stored < submit.acknowledged || submit.stored > submit.sent) {
    throw new Error(
      `submissions: ${submit.acknowledged} acknowledged, ${submit.sent} sent, but ${submit.stored} stored`,
    );
  }
}

/** The scale bench's figures (bench/scale.ts) as results keys. */
function scaleResults(s: ScaleResults): Results {
  const out: Results = {};
  for (const [name, c] of Object.entries(s.cases)) {
    out[`opendata_p50_ms_${name}`] = round(Math.max(c.fetchMs.json.median, c.fetchMs.csv.median), 2);
    out[`opendata_json_p50_ms_${name}`] = round(c.fetchMs.json.median, 2);
    out[`opendata_csv_p50_ms_${name}`] = round(c.fetchMs.csv.median, 2);
    out[`index_p50_ms_${name}`] = round(c.fetchMs.html.median, 2);
    out[`opendata_kb_${name}`] = round(c.bytes.csv / 1024, 1);
    out[`scale_agencies_${name}`] = c.agencies;
    out[`scale_nodes_${name}`] = c.seed.nodes;
    out[`scale_seed_s_${name}`] = round(c.seed.ms / 1000, 1);
    out[`scale_rss_mb_${name}`] = round(c.rssMb, 0);
  }
  out.opendata_scale_ratio = round(summarize(s.openDataRatios).median, 2);
  out.opendata_scale_ratio_rounds = s.openDataRatios.map((x) => round(x, 2));
  out.publish_over_submit_ratio = round(summarize(s.publishOverSubmit).median, 2);
  out.submit_p50_ms_c1 = round(s.submitMs.median, 2);
  out.publish_p50_ms_c1 = round(s.publishMs.median, 2);
  out.put_p50_ms_c1_rounds = round(s.putMs.median, 2);
  out.scale_rss_mb_after = round(s.rssAfterMb, 0);
  return out;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});

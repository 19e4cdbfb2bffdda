/** The aims of the benchmarks (issue 6) and the table `npm run bench` prints. */
import { importRows } from './imports';

export type Results = Record<string, number | readonly number[] | Record<string, number>>;

export interface Aim {
  readonly key: string;
  readonly what: string;
  readonly limit: number;
  /** How the value is read for the aim (default: the key's number). */
  readonly value?: (r: Results) => number;
  /** The limit itself meets the aim (≤), not only what is below it (<). */
  readonly atMost?: boolean;
}

export const AIMS: readonly Aim[] = [
  { key: 'validate_us_median', what: 'validation < 1 ms (seed and large city)', limit: 1000 },
  { key: 'render_ms_median', what: 'published page < 5 ms', limit: 5 },
  { key: 'coldstart_over_baseline_ratio', what: 'cold start within 2× the baseline', limit: 2 },
  // Issue 16: figures that do not grow with the country, and submission figures that measure the product.
  { key: 'opendata_scale_ratio', what: 'open-data fetch p50, 10k over 1k ≤ 1.5', limit: 1.5, atMost: true },
  { key: 'publish_over_submit_ratio', what: 'a publication ≤ 2× a submission', limit: 2, atMost: true },
  { key: 'submit_c1_over_put_ratio', what: 'submit p50 at c1 ≤ 3.5× a bare PutItem', limit: 3.5, atMost: true },
  {
    key: 'submit_xlsx_over_json_cpu_ratio',
    what: 'server CPU, xlsx ≤ 2× JSON submission',
    limit: 2,
    atMost: true,
  },
  {
    key: 'coldstart_submit_over_baseline_ratio',
    what: 'submitReport cold start ≤ 1.3× baseline',
    limit: 1.3,
    atMost: true,
  },
  { key: 'taskpane_gzip_kb', what: 'task pane < 250 KB gzip', limit: 250 },
  { key: 'syncs_per_edit', what: 'one sync per edit', limit: 1 },
  { key: 'import_page_ms_median', what: 'import a 50 KB page < 10 ms', limit: 10 },
  { key: 'import_nesting_growth_200k_over_25k', what: 'hostile nesting costs linear time (< 2)', limit: 2 },
];

export interface AimResult {
  readonly what: string;
  readonly value: number;
  readonly limit: number;
  readonly met: boolean;
}

export function evaluateAims(r: Results): Record<string, AimResult> {
  return Object.fromEntries(
    AIMS.map((a) => {
      const value = a.value ? a.value(r) : (r[a.key] as number);
      const met = a.atMost || a.key === 'syncs_per_edit' ? value <= a.limit : value < a.limit;
      return [a.key, { what: a.what, value, limit: a.limit, met }];
    }),
  );
}

const num = (v: unknown) => (typeof v === 'number' ? String(v) : '');
const callsLine = (v: unknown) => {
  const c = (v ?? {}) as Record<string, number>;
  return `read ${num(c.read)} · claim ${num(c.claim)} · version ${num(c.version)} · put ${num(c.put)}`;
};

export function printTable(r: Results, aims: Record<string, AimResult>, meta: Record<string, unknown>): void {
  const rows: [string, string, string, string][] = [
    ['validate, seed (µs, median p10–p90 wall)', num(r.validate_seed_us_median), '', ''],
    [
      `validate, large city ${num(r.validate_large_prose_kb)} KB prose (µs)`,
      num(r.validate_large_us_median),
      `${num(r.validate_large_us_p10)}–${num(r.validate_large_us_p90)}; CPU ${num(r.validate_large_cpu_us_median)}`,
      'validate_us_median',
    ],
    [
      'validate, 50 KB prose (µs; the top of the range, no aim)',
      num(r.validate_50kb_us_median),
      `p90 ${num(r.validate_50kb_us_p90)}`,
      '',
    ],
    ['render published page (ms)', num(r.render_ms_median), `p90 ${num(r.render_ms_p90)}`, 'render_ms_median'],
    [
      `read submitted workbook, ${num(r.xlsx_kb)} KB (ms)`,
      num(r.xlsx_parse_ms_median),
      `${num(r.xlsx_parse_ms_p10)}–${num(r.xlsx_parse_ms_p90)}`,
      '',
    ],
    [
      'submit JSON c16: p50 / p90 / p99 (ms)',
      `${num(r.submit_p50_ms_c16)} / ${num(r.submit_p90_ms_c16)} / ${num(r.submit_p99_ms_c16)}`,
      `${num(r.submit_rps_c16)} rps, server CPU ${num(r.submit_server_cpu_ms)} ms/req`,
      'submit_p99_ms_c16',
    ],
    [
      'bare PutItem p50 c1 / c16 (ms)',
      `${num(r.put_p50_ms_c1)} / ${num(r.put_p50_ms_c16)}`,
      `p99 c16 ${num(r.put_p99_ms_c16)}`,
      '',
    ],
    [
      'submit p50 over PutItem p50, c16 (median of rounds)',
      num(r.submit_over_put_ratio_c16),
      `rounds ${(r.submit_over_put_ratio_rounds as readonly number[] | undefined)?.join(', ') ?? ''}`,
      'submit_over_put_ratio_c16',
    ],
    ["a submission's DynamoDB calls alone, c16: stack CPU per call (µs)", callsLine(r.submit_calls_cpu_us), '', ''],
    ['  read + claim + version over one bare put (CPU)', num(r.submit_calls_over_put_cpu), '', ''],
    [
      'submit xlsx c16: p50 / p99 (ms)',
      `${num(r.submit_xlsx_p50_ms_c16)} / ${num(r.submit_xlsx_p99_ms_c16)}`,
      `${num(r.submit_xlsx_rps_c16)} rps, server CPU ${num(r.submit_xlsx_server_cpu_ms)} ms/req`,
      '',
    ],
    [
      'submissions: sent / acknowledged / stored / errors',
      `${num(r.submit_sent)} / ${num(r.submit_acknowledged)} / ${num(r.submit_stored)} / ${num(r.submit_errors)}`,
      '',
      '',
    ],
    ['cold start, DynamoDB client only (ms)', num(r.coldstart_baseline_ms), '', ''],
    ...Object.entries(r.coldstart_init_ms as Record<string, number>)
      .filter(([n]) => n !== 'dynamodbClientOnly')
      .map(([n, ms]): [string, string, string, string] => [
        `cold start ${n} (ms, bundle KB; × baseline)`,
        `${ms}`,
        `p90 ${num((r.coldstart_init_ms_p90 as Record<string, number>)[n])}, ${num((r.coldstart_bundle_kb as Record<string, number>)[n])} KB; ×${num((r.coldstart_over_baseline_ratios as Record<string, number> | undefined)?.[n])}`,
        '',
      ]),
    [
      'cold start submitReport over baseline; exceljs / importers in its bundle (KB)',
      num(r.coldstart_submit_over_baseline_ratio),
      `${num(r.coldstart_submit_exceljs_kb)} / ${num(r.coldstart_submit_importers_kb)} KB`,
      'coldstart_submit_over_baseline_ratio',
    ],
    [
      'server CPU per submission, xlsx over JSON (c16)',
      num(r.submit_xlsx_over_json_cpu_ratio),
      '',
      'submit_xlsx_over_json_cpu_ratio',
    ],
    [
      'cold start over baseline (worst function)',
      num(r.coldstart_over_baseline_ratio),
      '',
      'coldstart_over_baseline_ratio',
    ],
    ...scaleRows(r),
    ['task pane JS+CSS gzip (KB)', num(r.taskpane_gzip_kb), `raw ${num(r.taskpane_raw_kb)} KB`, 'taskpane_gzip_kb'],
    [
      'task pane first render (ms)',
      num(r.taskpane_first_render_ms),
      `${num(r.taskpane_first_render_ms_p10)}–${num(r.taskpane_first_render_ms_p90)}`,
      '',
    ],
    ['context.sync() per cell edit', num(r.syncs_per_edit), '', 'syncs_per_edit'],
    ...importRows(r),
  ];
  const w = [
    Math.max(...rows.map((x) => x[0].length)),
    Math.max(...rows.map((x) => x[1].length)),
    Math.max(...rows.map((x) => x[2].length)),
  ];
  const line = (a: string, b: string, c: string, d: string) =>
    `${a.padEnd(w[0]!)}  ${b.padStart(w[1]!)}  ${c.padEnd(w[2]!)}  ${d}`;
  const out = [
    line('metric', 'value', 'spread / detail', 'aim'),
    line('-'.repeat(w[0]!), '-'.repeat(w[1]!), '-'.repeat(w[2]!), '---'),
  ];
  for (const [a, b, c, key] of rows) {
    const aim = key ? aims[key] : undefined;
    out.push(line(a, b, c, aim ? `${aim.met ? 'met' : 'MISSED'} (${aim.what})` : ''));
  }
  out.push(
    '',
    `node ${String(meta.node)}, ${String(meta.cpus)} CPUs, load ${String(meta.loadavg_before)} → ${String(meta.loadavg_after)}, ${String(meta.seconds)} s${meta.quick ? ' (quick)' : ''}; written to bench/results.json`,
  );
  process.stdout.write(out.join('\n') + '\n');
}

type Row = [string, string, string, string];

/** The scale bench's rows (bench/scale.ts). */
function scaleRows(r: Results): Row[] {
  const rows: Row[] = [];
  for (const s of ['1k', '10k']) {
    rows.push([
      `${s}: ${num(r[`scale_agencies_${s}`])} agencies seeded in ${num(r[`scale_seed_s_${s}`])} s; stack RSS (MB)`,
      num(r[`scale_rss_mb_${s}`]),
      `${num(r[`scale_nodes_${s}`])} nodes`,
      '',
    ]);
    rows.push([
      `${s}: fetch p50 JSON manifest / CSV page / index page (ms)`,
      `${num(r[`opendata_json_p50_ms_${s}`])} / ${num(r[`opendata_csv_p50_ms_${s}`])} / ${num(r[`index_p50_ms_${s}`])}`,
      `open data ${num(r[`opendata_p50_ms_${s}`])} ms; ${num(r[`opendata_kb_${s}`])} KB a CSV page`,
      '',
    ]);
  }
  rows.push(
    [
      'open-data p50, 10k over 1k (median of rounds)',
      num(r.opendata_scale_ratio),
      `rounds ${(r.opendata_scale_ratio_rounds as readonly number[] | undefined)?.join(', ') ?? ''}`,
      'opendata_scale_ratio',
    ],
    [
      'c1 at 10k: submit / publish (to files built) / bare put p50 (ms)',
      `${num(r.submit_p50_ms_c1)} / ${num(r.publish_p50_ms_c1)} / ${num(r.put_p50_ms_c1_rounds)}`,
      `stack RSS after ${num(r.scale_rss_mb_after)} MB`,
      '',
    ],
    [
      'publication over submission (median of rounds)',
      num(r.publish_over_submit_ratio),
      '',
      'publish_over_submit_ratio',
    ],
    ['submit over bare put, c1 (median of rounds)', num(r.submit_c1_over_put_ratio), '', 'submit_c1_over_put_ratio'],
  );
  return rows;
}

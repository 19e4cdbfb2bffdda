/**
 * Import speed (issue 14): a published page of 50 KB read back into a report (the last year's report of every
 * cross-year check is often only a page), and hostile nesting at 25k–200k elements, which must cost time in
 * proportion to its size (a quadratic step made 200k nested <div> take 30 s once).
 */
import { importHtml, ImportRefused } from '../report/import';
import { renderReportHtml } from '../report/render';
import { largeCityYears } from './fixtures';
import { round, summarize } from './stats';
import type { Results } from './report';

/** The prose that makes the large city's published page about 50 KB. */
const PAGE_PROSE_BYTES = 16_000;
const NESTING = [25_000, 50_000, 100_000, 200_000] as const;

function cpuMs(fn: () => unknown): number {
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}

function wallMs(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** What a hostile page costs, read or refused (never thrown past here). */
function readOrRefuse(html: string): 'read' | 'refused' {
  try {
    importHtml(html);
    return 'read';
  } catch (e) {
    if (e instanceof ImportRefused) return 'refused';
    throw e;
  }
}

/** Old pages leave formatting tags unclosed (read, flattened); nested blocks beyond the depth budget are refused. */
function hostilePages(n: number): Record<'unclosedFont' | 'nestedDiv', string> {
  const body = '<p>一、总体情况</p><p>正文。</p>';
  return { unclosedFont: '<font size="3">'.repeat(n) + body, nestedDiv: '<div>'.repeat(n) + body };
}

export async function benchImports(quick: boolean): Promise<Results> {
  const scale = quick ? 1 : 4;
  const { report } = largeCityYears(2022, PAGE_PROSE_BYTES);
  const page = renderReportHtml(report);
  const read = importHtml(page).report;
  const differs = Object.keys(report.values).filter((id) => read.values[id] !== report.values[id]);
  if (differs.length) throw new Error(`import: the page does not read back (${differs.slice(0, 3).join(', ')})`);

  const run = () => importHtml(page);
  for (let i = 0; i < 100; i++) run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 100 * scale; i++) {
    wall.push(wallMs(run));
    cpu.push(cpuMs(run));
  }
  const w = summarize(wall);

  const nesting: Record<string, number> = {};
  for (const n of NESTING) {
    for (const [kind, html] of Object.entries(hostilePages(n))) {
      const samples: number[] = [];
      let outcome = '';
      for (let i = 0; i < (quick ? 2 : 4); i++) samples.push(wallMs(() => (outcome = readOrRefuse(html))));
      if (kind === 'unclosedFont' && outcome !== 'read') throw new Error(`${n} unclosed <font>: ${outcome}`);
      if (kind === 'nestedDiv' && outcome !== 'refused') throw new Error(`${n} nested <div>: ${outcome}`);
      nesting[`${kind}_${n / 1000}k`] = round(summarize(samples).median, 1);
    }
  }
  // Time per element at 200k over time per element at 25k: about 1 when the cost is linear (the nested <div> are
  // refused at the depth budget, so their time does not grow at all).
  const perElement = (n: number) => nesting[`unclosedFont_${n / 1000}k`]! / n;
  const growth = perElement(200_000) / perElement(25_000);
  return {
    import_page_kb: round(Buffer.byteLength(page) / 1024, 1),
    import_page_ms_median: round(w.median, 2),
    import_page_ms_p90: round(w.p90, 2),
    import_page_cpu_ms_median: round(summarize(cpu).median, 2),
    import_nesting_ms: nesting,
    import_nesting_growth_200k_over_25k: round(growth, 2),
  };
}

const num = (v: unknown) => (typeof v === 'number' ? String(v) : '');

/** The rows of the bench table for these results. */
export function importRows(r: Results): [string, string, string, string][] {
  const nest = (r.import_nesting_ms ?? {}) as Record<string, number>;
  const sizes = NESTING.map((n) => `${n / 1000}k`);
  return [
    [
      `import a published page, ${num(r.import_page_kb)} KB (ms)`,
      num(r.import_page_ms_median),
      `p90 ${num(r.import_page_ms_p90)}; CPU ${num(r.import_page_cpu_ms_median)}`,
      'import_page_ms_median',
    ],
    [`unclosed <font> ${sizes.join('/')} (ms)`, sizes.map((s) => num(nest[`unclosedFont_${s}`])).join(' / '), '', ''],
    [`nested <div> refused ${sizes.join('/')} (ms)`, sizes.map((s) => num(nest[`nestedDiv_${s}`])).join(' / '), '', ''],
    [
      '  unclosed <font>: time per element, 200k over 25k',
      num(r.import_nesting_growth_200k_over_25k),
      '',
      'import_nesting_growth_200k_over_25k',
    ],
  ];
}

/**
 * The report core, in this process: full validation (every rule, with last year's report for the YEAR-* rules),
 * the published page, and reading a submitted workbook (real .xlsx bytes written by the template writer, read by
 * the server's reader). Each validation gets a fresh report object, as the server and the task pane do, so the
 * prose is read afresh every time (the reading is cached per report object).
 */
import { renderReportHtml } from '../report/render';
import { validate } from '../report/rules';
import type { Report } from '../report/model/types';
import { readWorkbook } from '../report/workbook/read';
import { writeWorkbook } from '../report/workbook/template';
import { largeCityYears, proseBytes, seedReport } from './fixtures';
import { cpuTimeSync, summarize, timeAsync, timeSync, type Summary } from './stats';

export interface CoreCase {
  readonly name: 'seed' | 'large' | 'xlarge';
  readonly report: Report;
  readonly previous: Report;
  readonly proseBytes: number;
}

export interface CoreResults {
  /** Wall and CPU time per validation, microseconds. */
  readonly validateUs: Record<CoreCase['name'], { wall: Summary; cpu: Summary; findings: number }>;
  readonly renderMs: Partial<Record<CoreCase['name'], Summary>>;
  readonly xlsxParseMs: Partial<Record<CoreCase['name'], Summary & { bytes: number }>>;
  readonly proseBytes: Record<CoreCase['name'], number>;
}

/** A report and the one of the year before (same tables, other prose), so YEAR-* runs too. */
export function coreCases(): CoreCase[] {
  const seed = seedReport();
  // Last year's report as filed: the documents in force one fewer (one issued this year), other prose.
  const seedPrevious: Report = {
    ...seed,
    year: 2020,
    values: {
      ...seed.values,
      't2.normative.inForce':
        (seed.values['t2.normative.inForce'] as number) - (seed.values['t2.normative.issued'] as number),
    },
    sections: {
      overview: '2020年，本机关依法做好政府信息公开工作。',
      problems: '公开的及时性有待提高。',
      other: '本年度未收取信息处理费。',
    },
  };
  // A large city's report with 30 KB of prose (the long real ones run 20–30 KB), and the top of the range the issue
  // names (50 KB), reported beside it.
  const large = largeCityYears(2022, 30_000);
  const xlarge = largeCityYears(2022, 50_000);
  return [
    { name: 'seed', report: seed, previous: seedPrevious, proseBytes: proseBytes(seed) },
    { name: 'large', report: large.report, previous: large.previous, proseBytes: proseBytes(large.report) },
    { name: 'xlarge', report: xlarge.report, previous: xlarge.previous, proseBytes: proseBytes(xlarge.report) },
  ];
}

const fresh = (r: Report): Report => ({ ...r, sections: { ...r.sections }, values: r.values });

export async function benchCore(quick: boolean): Promise<CoreResults> {
  const cases = coreCases();
  const scale = quick ? 1 : 4;
  const validateUs = {} as CoreResults['validateUs'];
  const renderMs = {} as CoreResults['renderMs'];
  const xlsxParseMs = {} as CoreResults['xlsxParseMs'];
  const prose = {} as CoreResults['proseBytes'];
  // Wall time per call, the cases taking turns call by call (a busy moment of the machine then falls on all of them
  // alike, and a call rarely meets a context switch where a batch often does); CPU time per batch of calls.
  const runs = cases.map((c) => () => validate(fresh(c.report), { previous: c.previous }));
  for (let i = 0; i < 300; i++) for (const run of runs) run();
  const wallSamples: number[][] = cases.map(() => []);
  for (let i = 0; i < 500 * scale; i++) {
    runs.forEach((run, k) => {
      const t = performance.now();
      run();
      wallSamples[k]!.push((performance.now() - t) * 1000);
    });
  }
  for (const [k, c] of cases.entries()) {
    prose[c.name] = c.proseBytes;
    const findings = validate(fresh(c.report), { previous: c.previous }).length;
    const cpu = summarize(cpuTimeSync(runs[k]!, { warmup: 0, samples: 25 * scale, batch: 20 }).map((ms) => ms * 1000));
    validateUs[c.name] = { wall: summarize(wallSamples[k]!), cpu, findings };
    if (c.name === 'xlarge') continue;

    const page = { version: 3, publishedAt: '2022-01-20T02:05:00Z', openDataUrl: '/api/open-data/2021?agency=x' };
    renderMs[c.name] = summarize(
      timeSync(() => renderReportHtml(c.report, page), { warmup: 200, samples: 300 * scale }),
    );

    const bytes = await writeWorkbook({ report: c.report });
    const parsed = await readWorkbook(bytes);
    const differs = Object.keys(c.report.values).filter((id) => parsed.report.values[id] !== c.report.values[id]);
    if (differs.length)
      throw new Error(`${c.name}: the workbook does not read back the same (${differs.slice(0, 3).join(', ')})`);
    const xlsx = summarize(await timeAsync(() => readWorkbook(bytes), { warmup: 3, samples: 12 * scale }));
    xlsxParseMs[c.name] = { ...xlsx, bytes: bytes.length };
  }
  return { validateUs, renderMs, xlsxParseMs, proseBytes: prose };
}

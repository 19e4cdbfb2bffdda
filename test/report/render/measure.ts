/**
 * Render timing (not a test; speed targets are measured, not asserted): `npx tsx test/report/render/measure.ts`.
 * Reports the first render (compiles the format's table templates) and the median/p99 of warm renders.
 */
import { renderIndexHtml, renderReportHtml, reportToOpenData, toCsv } from '../../../report/render';
import { consistentReport2019, consistentReport2021 } from './fixtures';

function time(label: string, n: number, fn: () => unknown) {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(3);
  console.log(`${label}: median ${q(0.5)} ms, p99 ${q(0.99)} ms (n=${n})`);
}

const r21 = consistentReport2021();
const r19 = consistentReport2019();
const opts = { version: 2, publishedAt: '2022-01-20T02:05:00Z', openDataUrl: '/open/x.json' };
let t = performance.now();
const html = renderReportHtml(r21, opts);
console.log(`first render (2021, compiles the tables): ${(performance.now() - t).toFixed(3)} ms, ${html.length} chars`);
t = performance.now();
renderReportHtml(r19, opts);
console.log(`first render (2019): ${(performance.now() - t).toFixed(3)} ms`);
time('renderReportHtml 2021', 2000, () => renderReportHtml(r21, opts));
time('renderReportHtml 2019', 2000, () => renderReportHtml(r19, opts));
const entries = Array.from({ length: 500 }, (_, i) => ({
  agencyId: `a${i}`,
  agency: `某市第${i}局`,
  year: 2021,
  version: 1,
  publishedAt: '2022-01-20T02:05:00Z',
  url: `/r/a${i}`,
}));
time('renderIndexHtml (500 agencies)', 200, () =>
  renderIndexHtml(2021, entries, { jsonUrl: 'a.json', csvUrl: 'a.csv' }),
);
const records = Array.from({ length: 500 }, () => reportToOpenData(r21));
time('toCsv (500 reports)', 50, () => toCsv(records));

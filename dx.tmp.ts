import { readFileSync } from 'fs';
import { loadReport } from './report/input';
import { importHtml } from './report/import';
import { FORMATS } from './report/format';
(async () => {
for (const n of process.argv.slice(2)) {
  const ref = importHtml(readFileSync(`/tmp/probe/${n}.html`, 'utf8')).report;
  const { report, findings } = await loadReport(readFileSync(`/tmp/probe/lo/${n}.docx`), 'docx' as any);
  const cells = FORMATS[ref.format].cells;
  const diff = cells.filter((c) => JSON.stringify(report.values[c.id] ?? null) !== JSON.stringify(ref.values[c.id] ?? null));
  console.log(n, report.format, diff.length, diff.slice(0, 4).map((c) => `${c.id}=${JSON.stringify(report.values[c.id])}/${JSON.stringify(ref.values[c.id])}`).join(' '), findings.filter((x) => x.severity !== 'info').map((x) => x.rule + ':' + x.message.zh.slice(0, 60)).join(' ; '));
}
})();

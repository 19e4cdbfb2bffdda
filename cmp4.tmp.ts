import { readFileSync } from 'fs';
import { importText, importHtml } from './report/import';
import { FORMATS } from './report/format';
for (const n of process.argv.slice(2)) {
  const refHtml = readFileSync(`/tmp/probe/${n}.html`, 'utf8');
  const ref = (importHtml as any)(refHtml).report;
  for (const mode of (process.env.MODES ?? 'IT,TC').split(',')) {
    const { report, findings } = importText(readFileSync(`/tmp/probe/${n}.${mode}.txt`, 'utf8'));
    const cells = FORMATS[ref.format as '2021'].cells;
    const diff = cells.filter((c) => JSON.stringify(report.values[c.id] ?? null) !== JSON.stringify(ref.values[c.id] ?? null));
    const errs = findings.filter((x) => x.severity !== 'info').map((x) => x.rule);
    console.log(n, mode, report.format === ref.format ? '' : 'FORMAT ' + report.format, 'diff', diff.length, diff.slice(0, 4).map((c) => `${c.id}=${JSON.stringify(report.values[c.id])}/${JSON.stringify(ref.values[c.id])}`).join(' '), errs.join(','));
  }
}

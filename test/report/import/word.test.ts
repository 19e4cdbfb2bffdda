/**
 * Word documents (issue 14): each real report as an agency's Word file (its own words and rows, merged cells made
 * by LibreOffice Writer), read through the CLI's and server's way in (loadReport 'docx') with the same outcome as
 * its text; the product's own page of each report, and of a consistent report in the official layout, converted
 * to Word and read back to the same figures and findings.
 */
import { importText } from '../../../report/import';
import { loadReport } from '../../../report/input';
import type { Finding, Report } from '../../../report/model/types';
import { renderReportHtml } from '../../../report/render';
import { validate } from '../../../report/rules';
import { consistentReport } from '../../../harness/reports';
import { readAgainstTruth, readExample, reportName, textFiles } from './truth';
import { htmlToDocx, relaidAsHtml } from './word';

const relaid = textFiles('real').filter((f) => !f.endsWith('.raw.txt'));
const base = consistentReport({ year: 2023, agency: '测试市人力资源和社会保障局' });
const consistent: Report = {
  ...base,
  sections: {
    overview: '本年度依法做好政府信息公开工作。',
    problems: '公开内容还需进一步丰富。',
    other: `本年度发出收费通知${base.values['t3.otherUnpaid.total']}件，申请人均未按期缴费，未实际收取信息处理费。`,
  },
};
let docs: Record<string, Uint8Array>;

beforeAll(async () => {
  const html: Record<string, string> = { consistent: renderReportHtml(consistent) };
  for (const file of relaid) {
    const name = reportName(file);
    html[`${name}.agency`] = relaidAsHtml(readExample('real', file));
    html[`${name}.page`] = renderReportHtml(importText(readExample('real', file)).report);
  }
  docs = await htmlToDocx(html);
}, 300_000);

/** What the rules say, without what reading said (which depends on the form read). */
const ruleFindings = (r: Report) => validate(r).map((f: Finding) => [f.rule, f.severity, f.cells.map((c) => c.id)]);

describe.each(relaid)('real/%s as an agency’s Word document', (file) => {
  const name = reportName(file);

  it('reads as its text does: tables 三/四 as re-laid, every error of truth.json, nothing unlisted', async () => {
    const { report, differences, verdict } = readAgainstTruth(name, await loadReport(docs[`${name}.agency`]!, 'docx'));
    expect(differences).toEqual([]);
    expect(verdict.missedErrors).toEqual([]);
    expect(verdict.unlistedErrors.map((f) => f.message.zh)).toEqual([]);
    expect(verdict.unlistedWarnings.length).toBeLessThanOrEqual(1);
    // The same figures as the text gives, table 二 included.
    expect(report.values).toEqual(importText(readExample('real', file)).report.values);
  });
});

describe.each(relaid)('the product’s page of real/%s, converted to Word', (file) => {
  it('reads back to the same figures and the same findings of the rules', async () => {
    const name = reportName(file);
    const original = importText(readExample('real', file)).report;
    const { report } = await loadReport(docs[`${name}.page`]!, 'docx');
    expect(report.values).toEqual(original.values);
    expect(ruleFindings(report)).toEqual(ruleFindings(original));
  });
});

describe('a consistent report in the official layout, as a Word file', () => {
  it('reads back whole: every cell, the prose, agency and year; no finding at all', async () => {
    const { report, findings } = await loadReport(docs.consistent!, 'docx');
    expect(report.values).toEqual(consistent.values);
    expect(report.sections).toEqual(consistent.sections);
    expect([report.agency, report.year]).toEqual([consistent.agency, consistent.year]);
    expect(findings).toEqual([]);
    expect(validate(report)).toEqual([]);
  });
});

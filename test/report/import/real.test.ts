/**
 * Real published reports as they are (issue 14): the page text as a crawler copies it (`*.raw.txt`: cells run
 * together, headings mid-line), the same re-laid by hand (`*.txt`), and the text of 江苏 PDFs (columns set apart by
 * spaces, labels wrapped, page breaks). Each must read as the re-laid copy and give the faults a careful reader
 * found — no error where the reader found none, at most one warning the reader did not list.
 */
import { execFileSync } from 'node:child_process';
import { FORMATS } from '../../../report/format';
import { loadReport } from '../../../report/input';
import { importText } from '../../../report/import';
import { validate } from '../../../report/rules';
import { judge, readAgainstTruth, readExample, reportName, textFiles, truthOf } from './truth';

describe.each(textFiles('real'))('real/%s', (file) => {
  const { findings, expected, differences, verdict } = readAgainstTruth(
    reportName(file),
    importText(readExample('real', file)),
  );

  it('reads every figure of tables 三 and 四 as the re-laid copy has it', () => {
    expect(differences).toEqual([]);
  });

  it('where a run of figures is truly ambiguous, offers the right split among its candidates', () => {
    for (const f of findings.filter((x) => x.rule === 'SHAPE-ROW' && x.severity === 'error' && x.repairs?.length)) {
      const right = f.repairs!.some((r) => Object.entries(r.values).every(([id, v]) => expected[id] === v));
      expect([f.message.zh, right]).toEqual([f.message.zh, true]);
    }
  });

  it('finds every error of truth.json at its table, row and column', () => {
    expect(verdict.missedErrors).toEqual([]);
  });

  it('reports no error where the careful reader found nothing', () => {
    expect(verdict.unlistedErrors.map((f) => f.message.zh)).toEqual([]);
  });

  it('gives at most one warning that truth.json does not list', () => {
    expect(verdict.unlistedWarnings.map((f) => f.message.zh).length).toBeLessThanOrEqual(1);
  });
});

/** Saved as GB18030 (what Chinese Windows saves): read exactly as the UTF-8 file, through the CLI's and server's way in. */
describe.each([
  ...textFiles('real').map((f) => ['real', f] as const),
  ...textFiles('other').map((f) => ['other', f] as const),
])('%s/%s as GB18030 text', (set, file) => {
  it('gives the same report and the same findings as the UTF-8 file', async () => {
    const text = readExample(set, file);
    const gb = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: Buffer.from(text, 'utf8') });
    expect(gb.equals(Buffer.from(text, 'utf8'))).toBe(false);
    const loaded = await loadReport(gb, 'text');
    const direct = importText(text);
    expect(loaded.report).toEqual(direct.report);
    expect(loaded.findings).toEqual(direct.findings);
  });
});

describe.each(textFiles('other'))('other/%s (the text of a PDF)', (file) => {
  const { report, findings: read } = importText(readExample('other', file));
  const findings = validate(report, { inputFindings: read });
  const verdict = judge(report, findings, truthOf('other')[file]!);

  it('reads tables 三 and 四 whole: every cell filled, the balance of table 三 holds', () => {
    const blank = FORMATS[report.format].cells.filter((c) => c.table !== '二' && report.values[c.id] === null);
    // The 2019-style single （六） row leaves the three 2021 items for a person to confirm (FORMAT-VERSION).
    const confirm = new Set(
      findings.filter((f) => f.rule === 'FORMAT-VERSION').flatMap((f) => f.cells.map((c) => c.id)),
    );
    expect(blank.filter((c) => !confirm.has(c.id)).map((c) => c.id)).toEqual([]);
    expect(findings.filter((f) => f.rule.startsWith('T3-') && f.severity === 'error')).toEqual([]);
  });

  it('finds the faults of truth.json', () => {
    expect(verdict.missedErrors).toEqual([]);
  });

  // truth.json of other/ lists the arithmetic faults only (its FORMAT-VERSION and TEXT-FEE are real, not listed).
  it('reports no other arithmetic, shape or value error', () => {
    const errors = verdict.unlistedErrors.filter((f) => /^(T3|T4|SHAPE|TYPE)-/.test(f.rule));
    expect(errors.map((f) => f.message.zh)).toEqual([]);
  });
});

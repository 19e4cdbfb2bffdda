/**
 * Published reports through the CLI (issue 14): what validate could read, a file with no tables refused, any
 * encoding read alike, and the repairs an import offers applied with --repair.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { htmlToDocx, relaidAsHtml } from '../report/import/word';
import { EXAMPLES, nianbao } from './run';

const REAL = join(EXAMPLES, 'real');
const SEED = join(EXAMPLES, 'yiyang-hrss-2021.txt');

describe('nianbao validate and import on published reports', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'nianbao-published-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('validate says first how much it could read; --json carries the same', () => {
    const text = nianbao(['validate', join(REAL, 'pingtan-htp-2023.raw.txt')]);
    expect(text.code).toBe(1);
    expect(text.stdout.split('\n')[0]).toBe('读取情况：表格 3/3（二、三、四），单元格 176/200，部分 6/6');
    const en = nianbao(['validate', join(REAL, 'pingtan-htp-2023.raw.txt'), '--lang', 'en']);
    expect(en.stdout.split('\n')[0]).toBe('Read: tables 3/3 (二、三、四), cells 176/200, sections 6/6');
    const json = JSON.parse(nianbao(['validate', join(REAL, 'pingtan-czj-2021.raw.txt'), '--json']).stdout);
    expect(json.reading).toEqual({
      tables: ['二', '三', '四'],
      cellsRead: 200,
      cellsTotal: 200,
      sections: ['overview', 'active', 'applications', 'review', 'problems'],
    });
    expect(json.findings.map((f: { rule: string }) => f.rule)).toContain('FORMAT-SECTIONS');
  });

  it('a text in which no table can be found: exit 2, “could not find the report’s tables”, not a list of blanks', () => {
    const r = nianbao(['validate', join(EXAMPLES, 'shenzhen-longhua-amr-2023.excerpt.txt')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/未能找到年报的表格[\s\S]*Could not find the report's tables/);
    const prose = join(dir, 'prose.txt');
    writeFileSync(prose, '关于做好2024年政务公开工作的通知\n各单位：请认真落实。');
    expect(nianbao(['validate', prose]).code).toBe(2);
  });

  it('GB18030 and UTF-16 files read as the UTF-8 one; bytes that are no text: exit 2 naming the encodings tried', () => {
    const utf8 = readFileSync(join(REAL, 'pingtan-jjf-2023.raw.txt'));
    const expected = nianbao(['validate', join(REAL, 'pingtan-jjf-2023.raw.txt'), '--json']).stdout;
    for (const to of ['GB18030', 'UTF-16']) {
      const file = join(dir, `jjf-${to}.txt`);
      writeFileSync(file, execFileSync('iconv', ['-f', 'UTF-8', '-t', to], { input: utf8 }));
      expect(nianbao(['validate', file, '--json']).stdout).toBe(expected);
    }
    const binary = join(dir, 'binary.txt');
    writeFileSync(binary, Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256)));
    const r = nianbao(['validate', binary]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/UTF-8、GB18030 \(GBK\)、UTF-16LE、UTF-16BE/);
  });

  it('import lists numbered repairs; --repair applies one and settles its finding; an unknown id is exit 2', () => {
    const r = nianbao(['import', SEED, '--year', '2021']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/可选修正 R1: /);
    const out = join(dir, 'seed.json');
    const repaired = nianbao(['import', SEED, '--year', '2021', '--repair', 'R1', '-o', out]);
    expect(repaired.code).toBe(0);
    expect(repaired.stderr).toContain('已应用修正 R1');
    expect(repaired.stderr).not.toContain('SHAPE-ROW');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    // R1 is the reading the comma in “,1” points at: 结果维持 0, 结果纠正 1 (test/report/import/seed.test.ts).
    expect([report.values['t4.review.upheld'], report.values['t4.review.corrected']]).toEqual([0, 1]);
    const validated = JSON.parse(nianbao(['validate', out, '--json']).stdout);
    expect(validated.findings.filter((f: { rule: string }) => f.rule.startsWith('T4-'))).toEqual([]);
    const unknown = nianbao(['import', SEED, '--year', '2021', '--repair', 'R99']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/没有编号为 R99 的修正（可用：R1, R2/);
  });

  it('a Word document is read as its text; a PDF gets a clear message (exit 2)', async () => {
    const text = readFileSync(join(REAL, 'pingtan-shs-2024.txt'), 'utf8');
    const { report: docx } = await htmlToDocx({ report: relaidAsHtml(text) });
    const file = join(dir, 'report.docx');
    writeFileSync(file, docx!);
    const asText = JSON.parse(nianbao(['validate', join(REAL, 'pingtan-shs-2024.txt'), '--json']).stdout);
    const asWord = JSON.parse(nianbao(['validate', file, '--json']).stdout);
    expect(asWord.reading).toEqual(asText.reading);
    const rules = (j: { findings: { rule: string; severity: string }[] }) =>
      j.findings.filter((f) => f.severity !== 'info').map((f) => f.rule);
    expect(rules(asWord)).toEqual(rules(asText));
    const imported = nianbao(['import', file]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).values['t4.litigationAfterReview.total']).toBe(15);

    const scan = join(dir, 'scan.pdf');
    writeFileSync(scan, '%PDF-1.4\n1 0 obj << /Type /XObject /Subtype /Image >> endobj\n%%EOF\n');
    const pdf = nianbao(['validate', scan]);
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toMatch(/没有文字层[\s\S]*no text layer/);
    const typed = join(dir, 'typed.pdf');
    writeFileSync(typed, '%PDF-1.4\n1 0 obj << /Type /Font /Subtype /Type1 >> endobj\n%%EOF\n');
    expect(nianbao(['import', typed]).stderr).toMatch(/pdftotext -layout/);
  }, 300_000);

  it('a 2021 report with the 2019 single （六） row: FORMAT-VERSION offers to read it as the old row', () => {
    const file = join(REAL, 'pingtan-htp-2023.txt');
    const r = nianbao(['import', file, '--lang', 'en']);
    expect(r.stderr).toMatch(/FORMAT-VERSION[\s\S]*candidate repair R1: Read as the 2019 row “（六）其他处理”/);
    const out = join(dir, 'htp.json');
    expect(nianbao(['import', file, '--repair', 'r1', '-o', out]).code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.values['t3.otherMisc.total']).toBe(0);
    expect(report.values['t3.otherNoCorrection.natural']).toBe(0);
  });
});

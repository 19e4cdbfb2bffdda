import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consistentReport } from '../../harness/reports';
import { EXAMPLES, nianbao } from './run';

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  cells: { table: string; row: string; column: string; address?: string }[];
}

describe('nianbao validate', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'nianbao-cli-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the seed report: exit 1 with SHAPE-ROW, TEXT-COUNT, TEXT-CATEGORY, TYPE-FEE, TEXT-FEE and no T3-*', () => {
    const r = nianbao(['validate', join(EXAMPLES, 'yiyang-hrss-2021.txt'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const { findings } = JSON.parse(r.stdout) as { findings: JsonFinding[] };
    const rules = new Set(findings.map((f) => f.rule));
    for (const code of ['SHAPE-ROW', 'TEXT-COUNT', 'TEXT-CATEGORY', 'TYPE-FEE', 'TEXT-FEE'])
      expect(rules).toContain(code);
    expect([...rules].filter((c) => c.startsWith('T3-'))).toEqual([]);
    const shape = findings.find((f) => f.rule === 'SHAPE-ROW')!;
    expect(shape.severity).toBe('error');
    expect(shape.cells.every((c) => c.table === '四')).toBe(true);
    expect(shape.message).toMatch(/14/);
    const count = findings.find((f) => f.rule === 'TEXT-COUNT')!;
    expect(count.message).toMatch(/6/);
    expect(count.cells).toContainEqual({ table: '三', row: '一、本年新收政府信息公开申请数量', column: '总计' });
    const fee = findings.find((f) => f.rule === 'TYPE-FEE')!;
    expect(fee.message).toContain('8.97723');
  });

  it('English messages with --lang en', () => {
    const r = nianbao(['validate', join(EXAMPLES, 'yiyang-hrss-2021.txt'), '--json', '--lang', 'en']);
    const { findings } = JSON.parse(r.stdout) as { findings: JsonFinding[] };
    expect(findings.find((f) => f.rule === 'TYPE-FEE')!.message).toMatch(/decimals/);
  });

  it('a consistent JSON report: exit 0; one broken number: exit 1 naming the cell', () => {
    const file = join(dir, 'ok.json');
    const report = consistentReport({ seed: 5 });
    report.sections = {
      overview: '本年度依法做好政府信息公开工作。',
      problems: '公开内容还需进一步丰富。',
      other: `本年度发出收费通知${report.values['t3.otherUnpaid.total']}件，申请人均未按期缴费，未实际收取信息处理费。`,
    };
    writeFileSync(file, JSON.stringify(report));
    const ok = nianbao(['validate', file, '--json']);
    expect(ok.code).toBe(0);
    expect(
      (JSON.parse(ok.stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.severity === 'error'),
    ).toEqual([]);
    report.values['t4.litigationDirect.corrected'] = (report.values['t4.litigationDirect.corrected'] as number) + 1;
    writeFileSync(file, JSON.stringify(report));
    const bad = nianbao(['validate', file, '--json']);
    expect(bad.code).toBe(1);
    const f = (JSON.parse(bad.stdout) as { findings: JsonFinding[] }).findings.find((x) => x.rule === 'T4-GROUP-SUM')!;
    expect(f.cells[0]).toEqual({ table: '四', row: '未经复议直接起诉', column: '总计' });
  });

  it('unreadable input: exit 2 with a clear message in both languages', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format": "2021",');
    let r = nianbao(['validate', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/JSON 格式错误[\s\S]*Malformed JSON/);
    r = nianbao(['validate', join(dir, 'missing.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/找不到文件[\s\S]*No such file/);
    r = nianbao(['validate', join(dir, 'report.doc')]);
    expect(r.code).toBe(2);
    r = nianbao(['validate']);
    expect(r.code).toBe(2);
    r = nianbao(['validate', bad, '--bogus']);
    expect(r.code).toBe(2);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReport } from '../../report/schema';
import { readWorkbook } from '../../report/workbook/read';
import { EXAMPLES, nianbao } from './run';

// Each case starts the real CLI in a child process (a second or more when the machine is busy).
jest.setTimeout(60_000);

describe('nianbao template, import, render', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'nianbao-cmd-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('template writes a workbook that reads back as a blank report for that agency and year', async () => {
    const out = join(dir, 'template.xlsx');
    const r = nianbao(['template', '--year', '2025', '--agency', '益阳市人力资源和社会保障局', '-o', out]);
    expect(r.code).toBe(0);
    const { report } = await readWorkbook(readFileSync(out));
    expect(report).toMatchObject({ format: '2021', year: 2025, agency: '益阳市人力资源和社会保障局' });
    expect(Object.values(report.values).every((v) => v === null)).toBe(true);
    expect(nianbao(['template', '-o', join(dir, 'x.txt')]).code).toBe(2);
  });

  it('import turns the published text into the JSON form, reporting what it found on stderr', () => {
    const out = join(dir, 'seed.json');
    const r = nianbao(['import', join(EXAMPLES, 'yiyang-hrss-2021.txt'), '--year', '2021', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('SHAPE-ROW');
    const parsed = parseReport(JSON.parse(readFileSync(out, 'utf8')));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.report.year).toBe(2021);
      expect(parsed.report.values['t2.fees.amount']).toBe(8.97723);
      expect(parsed.report.values['t3.new.total']).toBe(1);
    }
  });

  it('render writes the published page; an unreadable input is exit 2 and writes nothing', () => {
    const out = join(dir, 'seed.html');
    const r = nianbao([
      'render',
      join(EXAMPLES, 'yiyang-hrss-2021.txt'),
      '--year',
      '2021',
      '--agency',
      '益阳市人力资源和社会保障局',
      '-o',
      out,
    ]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('益阳市人力资源和社会保障局2021年政府信息公开工作年度报告');
    const bad = join(dir, 'bad.html');
    expect(nianbao(['render', join(dir, 'missing.json'), '-o', bad]).code).toBe(2);
    expect(existsSync(bad)).toBe(false);
  });
});

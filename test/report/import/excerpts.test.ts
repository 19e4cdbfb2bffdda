/** Cut-off and cut-down copies: import what is there, report what is missing, never fail. */
import { FORMAT_2021 } from '../../../report/format';
import { importText } from '../../../report/import';
import { importTextStrict } from '../../../report/import/importer';
import { validate } from '../../../report/rules';
import { example } from './serialise';

describe('长春新区科技局 2023 (cut off inside table 三, blocks compressed with ...)', () => {
  const text = example('changchun-xinqu-kjj-2023.excerpt.txt');
  const strict = () => importTextStrict(text, { year: 2023 });

  it('imports without throwing (the strict core too), as the 2021 format', () => {
    expect(strict).not.toThrow();
    const { report } = importText(text, { year: 2023 });
    expect(report.format).toBe('2021');
    expect(report.year).toBe(2023);
  });

  const { report, findings } = importText(text, { year: 2023 });

  it('reports the label drift 只计这一情况 for 只计这一情形 as FORMAT-LABEL info, and still reads the row', () => {
    const drift = findings.filter((f) => f.rule === 'FORMAT-LABEL');
    expect(drift).toHaveLength(1);
    expect(drift[0]!.severity).toBe('info');
    expect(drift[0]!.excerpt).toContain('只计这一情况');
    expect(drift[0]!.message.zh).toContain('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(drift[0]!.message.en).toContain('只计这一情况');
    for (const c of FORMAT_2021.cells.filter((c) => c.rowKey === 'partial')) expect(report.values[c.id]).toBe(0);
  });

  it('reads what is there: table 二 through the ... elisions, table 三 up to the cut', () => {
    for (const c of FORMAT_2021.cells.filter((c) => c.table === '二'))
      expect([c.id, report.values[c.id]]).toEqual([c.id, 0]);
    for (const row of ['new', 'carried', 'granted', 'partial', 'deniedSecret', 'deniedLaw']) {
      for (const c of FORMAT_2021.cells.filter((c) => c.table === '三' && c.rowKey === row))
        expect(report.values[c.id]).toBe(0);
    }
    expect(report.sections.overview).toContain('出台四项规范性文件');
  });

  it('reports the missing sections 四、五、六 and the missing rows of table 三 (from the cut row on)', () => {
    const sections = findings.filter((f) => f.rule === 'FORMAT-SECTIONS');
    expect(sections).toHaveLength(1);
    expect(sections[0]!.message.zh).toContain(
      '「四、政府信息公开行政复议、行政诉讼情况」、「五、存在的主要问题及改进情况」、「六、其他需要报告的事项」',
    );
    expect(sections[0]!.message.zh).not.toContain('三、收到');
    expect(sections[0]!.section).toBe('review');
    const missing = findings.filter((f) => f.rule === 'SHAPE-ROW');
    expect(missing).toHaveLength(1);
    const rows = new Set(missing[0]!.cells.map((c) => c.id.split('.')[1]));
    expect([...rows]).toEqual([
      'deniedSafety',
      'deniedThirdParty',
      'deniedInternal',
      'deniedProcess',
      'deniedEnforcement',
      'deniedInquiry',
      'unableNotHeld',
      'unableNeedCreate',
      'unableUnclear',
      'unprocessedPetition',
      'unprocessedRepeat',
      'unprocessedPublication',
      'unprocessedMassive',
      'unprocessedConfirm',
      'otherNoCorrection',
      'otherUnpaid',
      'otherMisc',
      'total',
      'carryOver',
    ]);
    for (const c of missing[0]!.cells) expect(report.values[c.id]).toBeNull();
  });

  it('the cut-off label “3.危及“三安全一稳” is not reported as an unknown label', () => {
    expect(findings.some((f) => f.excerpt?.includes('三安全一稳'))).toBe(false);
  });

  it('validate runs on it and adds no T3 error for what could not be read', () => {
    const all = validate(report, { inputFindings: findings });
    expect(all.filter((f) => f.rule.startsWith('T3-') && f.severity === 'error')).toEqual([]);
  });
});

describe('深圳市市场监督管理局龙华监管局 2023 (the beginning only, figures in prose)', () => {
  const text = example('shenzhen-longhua-amr-2023.excerpt.txt');

  it('imports without throwing, taking agency and year from the preamble', () => {
    expect(() => importTextStrict(text)).not.toThrow();
    const { report } = importText(text);
    expect(report.agency).toBe('深圳市市场监督管理局龙华监管局');
    expect(report.year).toBe(2023);
    expect(report.format).toBe('2021');
  });

  const { report, findings } = importText(text);

  it('keeps the preamble without the breadcrumb, and (一)…(四) inside 一、总体情况', () => {
    expect(report.preamble).toMatch(/^根据《中华人民共和国政府信息公开条例》/);
    expect(report.preamble).not.toContain('首页');
    expect(report.sections.overview).toContain('(二)依申请公开政府信息情况。');
    expect(report.sections.overview).toContain('(四)信息公开机制建设情况。');
  });

  it('reports the five missing sections; no table is read, so nothing is invented', () => {
    const sections = findings.filter((f) => f.rule === 'FORMAT-SECTIONS');
    expect(sections).toHaveLength(1);
    for (const h of FORMAT_2021.sections.slice(1)) expect(sections[0]!.message.zh).toContain(h.heading);
    expect(sections[0]!.message.zh).not.toContain('一、总体情况');
    expect(Object.values(report.values).every((v) => v === null)).toBe(true);
    expect(report.sections.problems).toBeNull();
  });
});

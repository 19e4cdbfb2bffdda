/** Normalising labels and headings, label drift (FORMAT-LABEL) and the six sections (FORMAT-SECTIONS). */
import { FORMAT_2021, SECTIONS } from '../../../report/format';
import { importText } from '../../../report/import';
import { matchHeading, splitSections, textItems } from '../../../report/import/document';
import { labelKey } from '../../../report/import/normalize';
import { example } from './serialise';

const seed = example('yiyang-hrss-2021.txt');

describe('normalising labels', () => {
  it.each([
    ['（一）予以公开', '(一)予以公开'],
    ['自 然 人', '自然人'],
    ['商业\u3000企业', '商业企业'],
    ['本年收费金额（单位：万元）', '本年收费金额(单位:万元) |'],
    ['3.危及“三安全一稳定”', '3．危及"三安全一稳定"'],
    ['1.属于国家秘密', '1、属于国家秘密'],
    ['一、本年新收政府信息公开申请数量', '一.本年新收政府信息公开申请数量'],
  ])('%s ≡ %s', (official, published) => {
    expect(labelKey(published)).toBe(labelKey(official));
  });

  it('keeps what distinguishes labels', () => {
    expect(labelKey('（七）总计')).not.toBe(labelKey('总计'));
    expect(labelKey('3.其他')).not.toBe(labelKey('其他'));
    expect(labelKey('规范性文件')).not.toBe(labelKey('行政规范性文件'));
  });
});

describe('section headings', () => {
  it.each([
    ['一、总体情况', 'overview'],
    ['一.总体情况', 'overview'],
    ['一、 总体情况', 'overview'],
    ['四、政府信息公开行政复议,行政诉讼情况', 'review'],
    ['三、收到和处理政府信息公开申请情况 |', 'applications'],
    ['六、其他需要报告的事项:', 'other'],
  ])('“%s” is the heading of %s', (line, id) => {
    expect(matchHeading(line)?.id).toBe(id);
  });

  it.each([
    '(一)深化组织领导。局党组高度重视',
    '(一)总体情况',
    '一是主动公开信息。',
    '三、本年度办理结果',
    '四、结转下年度继续办理',
    '二、上年结转政府信息公开申请数量',
  ])('“%s” is not a section heading', (line) => {
    expect(matchHeading(line)).toBeUndefined();
  });

  it('“一、总体情况良好,成效明显。” inside section 一 is its prose, not the heading again', () => {
    const sections = splitSections(textItems('一、总体情况\n一、总体情况良好,成效明显。\n二、主动公开政府信息情况'));
    expect(sections.order).toEqual(['overview', 'active']);
    expect(sections.content.get('overview')).toEqual([{ kind: 'line', text: '一、总体情况良好,成效明显。' }]);
  });

  it('headings by their meaning: drift is kept as written, found mid-line too', () => {
    const sections = splitSections(
      textItems(
        '一、总体情况2021年，本局…。二、主动公开政府信息情况第二十条第（一）项 三、收到和处理政府信息公开申请情况（本列…） 四、政府信息公开行政复议与行政诉讼情况行政复议0五、存在的主要问题及改进措施无。六、其他需要报告的事项无。',
      ),
    );
    expect(sections.order).toEqual(['overview', 'active', 'applications', 'review', 'problems', 'other']);
    expect(sections.drifts).toEqual([
      { section: 'review', text: '四、政府信息公开行政复议与行政诉讼情况' },
      { section: 'problems', text: '五、存在的主要问题及改进措施' },
    ]);
    expect(sections.content.get('overview')).toEqual([{ kind: 'line', text: '2021年，本局…。' }]);
  });

  it('a table of contents in the preamble lists headings; it does not start sections', () => {
    const sections = splitSections(
      textItems(
        '本报告包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况。\n一、总体情况',
      ),
    );
    expect(sections.order).toEqual(['overview']);
  });

  it('a heading followed by text on its line: the text goes into the section', () => {
    expect(matchHeading('一、总体情况:2021年,我局…')).toEqual({ id: 'overview', rest: '2021年,我局…' });
    expect(matchHeading('六、其他需要报告的事项 |')).toEqual({ id: 'other', rest: '' });
  });

  it('missing, out-of-order and repeated sections are one FORMAT-SECTIONS error listing them', () => {
    const lines = seed.split('\n');
    const at = (h: string) => lines.findIndex((l) => l.startsWith(h));
    const five = at('五、'),
      six = at('六、');
    // Move 六 before 五, drop 二's heading, repeat 一's heading at the end.
    const moved = [
      ...lines.slice(0, five),
      ...lines.slice(six),
      ...lines.slice(five, six),
      '一、总体情况',
      '补充说明。',
    ].filter((l) => !l.startsWith('二、主动公开政府信息情况'));
    const { findings, report } = importText(moved.join('\n'), { year: 2021 });
    const f = findings.filter((x) => x.rule === 'FORMAT-SECTIONS');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.message.zh).toContain('缺少「二、主动公开政府信息情况」');
    expect(f[0]!.message.zh).toContain('顺序不对：「五、存在的主要问题及改进情况」');
    expect(f[0]!.message.zh).toContain('重复出现：「一、总体情况」');
    expect(f[0]!.message.en).toContain('missing: “二、主动公开政府信息情况”');
    expect(f[0]!.section).toBe('active');
    expect(report.sections.overview).toMatch(/补充说明。$/);
    // Without its heading, table 二 lies in section 一's text and is not guessed at.
    expect(report.values['t2.license.decisions']).toBeNull();
  });

  it('the seed has all six in order: no FORMAT-SECTIONS', () => {
    expect(importText(seed).findings.map((f) => f.rule)).not.toContain('FORMAT-SECTIONS');
    expect(SECTIONS).toHaveLength(6);
  });
});

describe('label drift (FORMAT-LABEL, info): normalised, reported, the official form kept', () => {
  const drifted = (from: string, to: string) => importText(seed.replace(from, to), { year: 2021 });

  it('an annotation: 规章(县级无此项) is read as 规章', () => {
    const { report, findings } = drifted('规章 |', '规章(县级无此项) |');
    const f = findings.filter((x) => x.rule === 'FORMAT-LABEL');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('info');
    expect(f[0]!.message.zh).toBe('表二「规章(县级无此项)」与官方表述「规章」不一致（多了注释），已按官方表述读取。');
    expect(f[0]!.section).toBe('active');
    expect([report.values['t2.rules.issued'], report.values['t2.rules.inForce']]).toEqual([0, 0]);
  });

  it('a changed word: 只计这一情况 for 只计这一情形', () => {
    const { report, findings } = drifted('只计这一情形', '只计这一情况');
    const f = findings.filter((x) => x.rule === 'FORMAT-LABEL');
    expect(f.map((x) => x.message.zh)).toEqual([
      '表三「(二)部分公开(区分处理的,只计这一情况,不计其他情形)」与官方表述「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」不一致（措辞不同），已按官方表述读取。',
    ]);
    expect(report.values['t3.partial.total']).toBe(0);
  });

  it('a missing list marker: 予以公开 for （一）予以公开', () => {
    const { report, findings } = drifted('(一)予以公开 |', '予以公开 |');
    expect(findings.find((x) => x.rule === 'FORMAT-LABEL')?.message.en).toContain(
      '“予以公开” differs from the official wording “（一）予以公开” (its numbering missing)',
    );
    expect(report.values['t3.granted.total']).toBe(1);
  });

  it('the other version’s wording: 规范性文件 in a 2021 report is 行政规范性文件', () => {
    const { report, findings } = drifted('行政规范性文件 |', '规范性文件 |');
    expect(findings.find((x) => x.rule === 'FORMAT-LABEL')?.message.zh).toContain(
      '「规范性文件」与官方表述「行政规范性文件」',
    );
    expect(report.values['t2.normative.inForce']).toBe(16);
  });

  it('text that is no label is reported and ignored; its figures belong to no row (SHAPE-ROW)', () => {
    const { report, findings } = drifted('行政许可 |', '行政审批服务 |');
    expect(findings.find((x) => x.rule === 'FORMAT-LABEL')?.message.zh).toBe(
      '表二中的「行政审批服务」不是官方格式中的标签，已忽略。',
    );
    const stray = findings.find((x) => x.rule === 'SHAPE-ROW' && x.message.zh.includes('不属于任何一行'));
    expect(stray?.excerpt).toBe('4');
    expect(report.values['t2.license.decisions']).toBeNull();
  });

  it('what is only written differently (punctuation, spaces) is no drift', () => {
    const spaced = seed.replace('行政规范性文件 |', '行政 规范性 文件 |').replace('(本列数据', '（本列数据');
    expect(importText(spaced).findings.filter((f) => f.rule === 'FORMAT-LABEL')).toEqual([]);
  });

  it('published labels are stored in the official form only (the model has no label text)', () => {
    const { report } = drifted('规章 |', '规章(县级无此项) |');
    expect(Object.keys(report.values).sort()).toEqual(FORMAT_2021.cells.map((c) => c.id).sort());
  });
});

/**
 * The agency and year of a report, as published titles and preambles word them: the agency before the year or the
 * year first (`2019年上海市人民政府办公厅政府信息公开工作年度报告`), the statistics period with 至, 到 or a dash.
 * Without them a report has no year: a submission must name it, and the rules of a year (TEXT-FEE from 2021) cannot
 * tell which apply.
 */
import { importText } from '../../../report/import';
import { consistentReport } from '../../../harness/reports';
import { toFlatText } from './serialise';

const body = toFlatText(consistentReport({ seed: 3, max: 300 }), { rowPerLine: true, spaced: false, halfWidth: false });

describe('title and period', () => {
  it.each([
    ['上海市人民政府办公厅2019年政府信息公开工作年度报告', '上海市人民政府办公厅', 2019],
    ['2019年上海市人民政府办公厅政府信息公开工作年度报告', '上海市人民政府办公厅', 2019],
    ['2023年度 某县 交通运输局 政府信息公开工作年度报告', '某县交通运输局', 2023],
    ['平潭综合实验区自然资源与生态环境局2020年政府信息公开年度报告', '平潭综合实验区自然资源与生态环境局', 2020],
  ])('the title %s names %s, %i', (title, agency, year) => {
    const { report } = importText(`${title}\n发布日期：2020-01-31\n${body}`);
    expect([report.agency, report.year]).toEqual([agency, year]);
  });

  it.each([
    '本年度报告中所列数据统计期限从2019年1月1日到12月31日止。',
    '本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。',
    '统计期限为2019年1月1日—12月31日。',
  ])('without a title, the period gives the year: %s', (period) => {
    const { report } = importText(`${period}\n${body}`);
    expect(report.year).toBe(2019);
  });

  it.each([
    ['淮安市人民政府', '2024 年政府信息公开工作年度报告', '淮安市人民政府', 2024],
    ['2024年', '淮安市洪泽区人民政府政府信息公开工作年度报告', '淮安市洪泽区人民政府', 2024],
  ])('a title set on two lines (%s / %s), as a PDF or Word document sets it, names %s, %i', (a, b, agency, year) => {
    const { report } = importText(`${a}\n${b}\n本报告由办公室编制。\n${body}`);
    expect([report.agency, report.year]).toEqual([agency, year]);
    expect(report.preamble).toBe('本报告由办公室编制。');
  });

  it('a line above a whole title is not taken into it; nor a line that is no name', () => {
    const named = importText(`政府信息公开\n某县交通运输局2023年政府信息公开工作年度报告\n${body}`).report;
    expect([named.agency, named.year]).toEqual(['某县交通运输局', 2023]);
    const numbered = importText(`附件1\n2023年政府信息公开工作年度报告\n${body}`).report;
    expect([numbered.agency, numbered.year]).toEqual([null, 2023]);
  });

  it('a title without an agency, or a year alone, names no agency', () => {
    expect(importText(`2023年政府信息公开工作年度报告\n${body}`).report).toMatchObject({ agency: null, year: 2023 });
  });

  it("reads a page as a crawler saved it: its record fields are the page's, not the report's words", () => {
    const saved = [
      '标题: 平潭综合实验区市场监督管理局2024年度政府信息公开工作年度报告',
      '发布时间: 2025-01-27 09:15',
      '文号: ',
      '发布机构: 平潭综合实验区市场监督管理局',
      '栏目: 政府信息公开年报',
      '原文链接: https://www.example.gov.cn/zfxxgknb/202501/t20250127_97007.htm',
      '本地目录: zfxxgknb/202501/97007_平潭综合实验区市场监督管理局2024年度政府信息公开工作年度报告',
      '页面链接与图片详见 links.tsv(同目录)',
      '==================== 正文 ====================',
      // The page's heading says the title again before the text.
      '平潭综合实验区市场监督管理局2024年度政府信息公开工作年度报告 根据《条例》编制本报告。',
    ].join('\n');
    const { report } = importText(`${saved}\n${body}`);
    expect([report.agency, report.year]).toEqual(['平潭综合实验区市场监督管理局', 2024]);
    expect(report.preamble).toBe('根据《条例》编制本报告。');
  });

  it.each([
    [
      'a line of page furniture with the title and the text on it',
      '当前位置： 首页政务公开政府信息公开年报 平潭综合实验区市场监督管理局2019年度政府信息公开工作年度报告 来源： 时间：2020-01-17 16:24 --> 微信 微博 相关链接： 根据《条例》编制本报告。',
      ['平潭综合实验区市场监督管理局', 2019, '根据《条例》编制本报告。'],
    ],
    [
      'the title and the text on one line',
      '平潭综合实验区财政金融局2021年度政府信息公开工作年度报告 根据《条例》编制本报告。',
      ['平潭综合实验区财政金融局', 2021, '根据《条例》编制本报告。'],
    ],
    [
      'a sentence that names the report',
      '现公布本局2024年政府信息公开工作年度报告。统计期限自2024年1月1日至12月31日。',
      [null, 2024, '现公布本局2024年政府信息公开工作年度报告。统计期限自2024年1月1日至12月31日。'],
    ],
  ])('reads a saved page without its record fields: %s', (_, first, [agency, year, preamble]) => {
    const { report } = importText(`${first}\n${body}`);
    expect([report.agency, report.year, report.preamble]).toEqual([agency, year, preamble]);
  });
});

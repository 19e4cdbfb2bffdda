/** Published pages: the seed as its HTML page, an old table-layout page, and the form sniffing. */
import { FORMAT_2021 } from '../../../report/format';
import {
  ImportRefused,
  MAX_HTML_DEPTH,
  MAX_IMPORT_CHARS,
  importHtml,
  importReport,
  importText,
} from '../../../report/import';
import { importHtmlStrict } from '../../../report/import/importer';
import { validate } from '../../../report/rules';
import { example, fixture } from './serialise';

const seedText = example('yiyang-hrss-2021.txt');
const seedHtml = fixture('yiyang-hrss-2021.html');

describe('the seed as a published page (tables with rowspan/colspan, prose in <p>, the title)', () => {
  const fromHtml = importHtml(seedHtml);
  const fromText = importText(seedText, { year: 2021, agency: '益阳市人力资源和社会保障局' });

  it('imports to the same report as the flattened text (given the agency and year the text lacks)', () => {
    expect(fromHtml.report).toEqual(fromText.report);
  });

  it('takes agency and year from the page’s title, not from the navigation before it', () => {
    expect(fromHtml.report.agency).toBe('益阳市人力资源和社会保障局');
    expect(fromHtml.report.year).toBe(2021);
    expect(fromHtml.report.preamble).toBeNull();
  });

  it('decodes entities in prose (&lt;关于…&gt;) and drops page tools and footer', () => {
    expect(fromHtml.report.sections.overview).toContain(
      '《国务院办公厅印发<关于全面推进政务公开工作的意见>实施细则的通知》',
    );
    expect(fromHtml.report.sections.other).toBe(
      '全年共受理市长热线816件、市长(局长)信箱信件405件,全部在规定时限内予以回复。',
    );
  });

  it('reports the same findings, the table 四 row of 14 cells with the same repairs', () => {
    expect(fromHtml.findings).toEqual(fromText.findings);
    expect(fromHtml.findings[0]!.repairs).toHaveLength(3);
  });

  it('importReport sniffs the form', () => {
    expect(importReport(seedHtml)).toEqual(fromHtml);
    expect(importReport(seedText, { year: 2021, agency: '益阳市人力资源和社会保障局' })).toEqual(fromText);
  });
});

describe('an old table-layout page (nested layout tables, <br> paragraphs, <th>, a heading inside a table)', () => {
  const { report, findings } = importHtml(fixture('layout-2022.html'));

  it('reads agency and year from the title inside the layout; navigation, dates and footer are not the report', () => {
    expect(report.agency).toBe('某区市场监督管理局');
    expect(report.year).toBe(2022);
    expect(report.format).toBe('2021');
    expect(report.preamble).toBeNull();
  });

  it('splits <br> paragraphs into lines and takes the text after a heading on its line into the section', () => {
    expect(report.sections.overview!.split('\n')).toEqual([
      '2022年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外。',
      '（一）主动公开。全年主动公开政府信息326条，其中行政许可信息1523条。',
      '（二）依申请公开。全年共收到政府信息公开申请12件，上年结转1件，办结12件，结转下年度1件。',
      '（三）平台建设。持续完善政府信息公开专栏，做到“应公开、尽公开”。',
    ]);
    expect(report.sections.other).toBe('本年度我局未向申请人收取信息处理费。\n某区市场监督管理局\n2023年1月20日');
  });

  it('reads table 二 from a table whose first row is the section heading; / stays text; full-width digits are numbers', () => {
    expect([report.values['t2.rules.issued'], report.values['t2.rules.inForce']]).toEqual(['/', '/']);
    expect([
      report.values['t2.normative.issued'],
      report.values['t2.normative.repealed'],
      report.values['t2.normative.inForce'],
    ]).toEqual([2, 1, 9]);
    // 行政许可 drawn as one value and two spare empty cells instead of a colspan.
    expect(report.values['t2.license.decisions']).toBe(1523);
    expect(report.values['t2.penalty.decisions']).toBe(287);
    expect(report.values['t2.fees.amount']).toBe(0);
  });

  it('reads table 三 through rowspans, an empty cell staying blank', () => {
    const nonZero = Object.fromEntries(
      FORMAT_2021.cells
        .filter((c) => c.table === '三' && report.values[c.id] !== 0)
        .map((c) => [c.id, report.values[c.id]]),
    );
    expect(nonZero).toEqual({
      't3.new.natural': 9,
      't3.new.business': 3,
      't3.new.total': 12,
      't3.carried.natural': 1,
      't3.carried.total': 1,
      't3.granted.natural': 5,
      't3.granted.business': 1,
      't3.granted.total': 6,
      't3.partial.natural': 1,
      't3.partial.total': 1,
      't3.deniedInquiry.research': null,
      't3.unableNotHeld.natural': 2,
      't3.unableNotHeld.business': 1,
      't3.unableNotHeld.total': 3,
      't3.unprocessedRepeat.business': 1,
      't3.unprocessedRepeat.total': 1,
      't3.otherMisc.natural': 1,
      't3.otherMisc.total': 1,
      't3.total.natural': 9,
      't3.total.business': 3,
      't3.total.total': 12,
      't3.carryOver.natural': 1,
      't3.carryOver.total': 1,
    });
  });

  it('reads table 四’s 15 cells, an empty first cell (&nbsp;) blank rather than lost', () => {
    const t4 = FORMAT_2021.cells.filter((c) => c.table === '四').map((c) => report.values[c.id]);
    expect(t4).toEqual([null, 1, 0, 0, 1, 1, 0, 0, 1, 2, 0, 0, 0, 0, 0]);
    expect(findings.filter((f) => f.rule === 'SHAPE-ROW')).toEqual([]);
  });

  it('reports the annotated label, and the engine the blanks and the text where numbers belong', () => {
    expect(findings.map((f) => [f.rule, f.excerpt])).toEqual([['FORMAT-LABEL', '规章（县级无此项）']]);
    const all = validate(report, { inputFindings: findings });
    const blank = all.filter((f) => f.rule === 'TYPE-BLANK').flatMap((f) => f.cells.map((c) => c.id));
    expect(blank).toEqual(expect.arrayContaining(['t3.deniedInquiry.research', 't4.review.upheld']));
    expect(all.filter((f) => f.rule === 'TYPE-INT').map((f) => f.cells[0]!.id)).toEqual([
      't2.rules.issued',
      't2.rules.repealed',
      't2.rules.inForce',
    ]);
    expect(all.filter((f) => f.rule.startsWith('T3-') || f.rule === 'T4-GROUP-SUM')).toEqual([]);
  });
});

describe('pages that are hardly pages', () => {
  it.each([
    ['empty', ''],
    ['no body', '<html><head><title>x</title></head></html>'],
    ['unclosed everything', '<table><tr><td>一、总体情况<td>二、主动公开政府信息情况<tr><td>规章<td>1<td>2'],
    ['stray closers', '</td></tr></table></div><p>一、总体情况</p></span></table>'],
    ['comments and CDATA', '<!-- 一、总体情况 --><![CDATA[ x ]]><p>六、其他需要报告的事项</p>'],
  ])('%s: no throw, a report in some format', (_name, html) => {
    expect(() => importHtmlStrict(html)).not.toThrow();
    expect(['2021', '2019']).toContain(importHtml(html).report.format);
  });

  it('thousands of unclosed <font> (old pages) change nothing; deep nesting of blocks is flattened, not overflowing', () => {
    const fonts = seedHtml.replace('<div class="article">', `<div class="article">${'<font size="3">'.repeat(3000)}`);
    expect(importHtmlStrict(fonts)).toEqual(importHtmlStrict(seedHtml));
    const divs = `${'<div>'.repeat(MAX_HTML_DEPTH - 10)}<p>一、总体情况</p><p>正文。</p>`;
    expect(importHtmlStrict(divs).report.sections.overview).toBe('正文。');
  });

  it('nesting beyond MAX_HTML_DEPTH is refused (ImportRefused, E-IMPORT-TOO-DEEP), as is text beyond 5 million characters', () => {
    const divs = `${'<div>'.repeat(MAX_HTML_DEPTH + 1)}<p>一、总体情况</p>`;
    expect(() => importHtml(divs)).toThrow(expect.objectContaining({ code: 'E-IMPORT-TOO-DEEP' }));
    const closed = `${'<div></div>'.repeat(MAX_HTML_DEPTH * 2)}<p>一、总体情况</p><p>正文。</p>`;
    expect(importHtml(closed).report.sections.overview).toBe('正文。');
    const big = '一、总体情况\n' + '字'.repeat(MAX_IMPORT_CHARS);
    expect(() => importText(big)).toThrow(ImportRefused);
    expect(() => importHtml(`<p>${big}</p>`)).toThrow(expect.objectContaining({ code: 'E-IMPORT-TOO-LARGE' }));
  });

  it('closing tags with nothing of their name open are ignored; </p> alone still breaks the line', () => {
    const { report } = importHtml(`<p>一、总体情况</p>${'</span></td>'.repeat(1000)}第一句</p>第二句`);
    expect(report.sections.overview).toBe('第一句\n第二句');
  });

  it('a heading in a table cell of its own starts its section', () => {
    const { report } = importHtml(
      '<table><tr><td>一、总体情况</td></tr><tr><td>全年无申请。</td></tr></table><p>五、存在的主要问题及改进情况</p><p>无。</p>',
    );
    expect(report.sections.overview).toBe('全年无申请。');
    expect(report.sections.problems).toBe('无。');
  });
});

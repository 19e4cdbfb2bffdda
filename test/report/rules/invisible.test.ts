/**
 * TEXT-INVISIBLE: invisible and direction-control characters are removed from the report as it is read — JSON, a
 * workbook, published text — with one finding per place that held them; the renderer drops any a stored report
 * still holds, so no page, index or CSV carries them.
 */
import { FORMAT_2021 } from '../../../report/format';
import { loadReport, reportFromJson } from '../../../report/input';
import { emptyReport } from '../../../report/model';
import { INVISIBLE } from '../../../report/model/invisible';
import type { Report } from '../../../report/model/types';
import { renderIndexHtml, renderReportHtml, reportToOpenData, toCsv } from '../../../report/render';
import { findInvisible, validate, withoutInvisible } from '../../../report/rules';
import { writeWorkbook } from '../../../report/workbook/template';

/** Every character the rule removes, one of each. */
const ALL = [
  '\u061c',
  ...Array.from({ length: 5 }, (_, i) => String.fromCharCode(0x200b + i)),
  ...Array.from({ length: 5 }, (_, i) => String.fromCharCode(0x202a + i)),
  ...Array.from({ length: 5 }, (_, i) => String.fromCharCode(0x2060 + i)),
  ...Array.from({ length: 4 }, (_, i) => String.fromCharCode(0x2066 + i)),
  '\ufeff',
];
const RLO = '\u202e';
const PDF = '\u202c';
const ZWSP = '\u200b';

function clean(year = 2021): Report {
  const r = emptyReport({ year, agency: '益阳市人力资源和社会保障局' });
  for (const c of FORMAT_2021.cells) r.values[c.id] = 0;
  r.preamble = '本报告依据《中华人民共和国政府信息公开条例》编制。';
  r.sections = {
    overview: '本机关依法做好政府信息公开工作。',
    problems: '公开内容的及时性有待提高。',
    other: '本年度未收取信息处理费。',
  };
  return r;
}

/** A report whose name reads the right way on screen, with a right-to-left override, and hidden characters all over. */
function spoofed(): Report {
  const r = clean();
  r.agency = `益阳市${RLO}局障保会社和源资力人${PDF}`;
  r.preamble = `本报告${ZWSP}依据条例编制。`;
  r.sections.overview = `本机关${ALL.join('')}依法公开。`;
  r.sections.other = `${'\ufeff'}本年度未收取信息处理费。`;
  r.values['t3.new.natural'] = `3${ZWSP}`;
  r.values['t3.new.total'] = `${'\u2066'}减4${'\u2069'}`;
  return r;
}

const hasInvisible = (s: string) => new RegExp(INVISIBLE.source).test(s);

describe('findInvisible and withoutInvisible', () => {
  test('every character of the set, and nothing else, is removed', () => {
    for (const ch of ALL) expect(hasInvisible(`a${ch}b`)).toBe(true);
    // Look-alikes that are visible or are ordinary spaces stay.
    for (const ch of ['\u00a0', '\u3000', '\u2002', '\u00ad', '\u180e', 'a', '中'])
      expect(hasInvisible(`a${ch}b`)).toBe(false);
  });

  test('one finding per place, naming it and the characters; the copy holds none and the original is untouched', () => {
    const r = spoofed();
    const found = findInvisible(r);
    expect(found.every((f) => f.rule === 'TEXT-INVISIBLE' && f.severity === 'info')).toBe(true);
    expect(found.map((f) => f.message.zh.replace(/中有.*$/, ''))).toEqual([
      '基本信息的「行政机关名称」',
      '基本信息的「报告前言」',
      '「一、总体情况」',
      '「六、其他需要报告的事项」',
      '表三「一、本年新收政府信息公开申请数量」行「自然人」列',
      '表三「一、本年新收政府信息公开申请数量」行「总计」列',
    ]);
    expect(found.map((f) => f.message.zh.match(/中有 (\d+) 个/)?.[1])).toEqual(['2', '1', '21', '1', '1', '2']);
    expect(found[0]!.message.zh).toContain('U+202E 从右至左强制、U+202C 方向格式结束');
    expect(found[2]!.section).toBe('overview');
    // The name and the preamble point at their 基本信息 cells (the task pane selects them).
    expect(found.slice(0, 2).map((f) => f.cells.map((c) => `${c.table}/${c.id}`))).toEqual([
      ['基本信息/meta.agency'],
      ['基本信息/meta.preamble'],
    ]);
    expect(found[4]!.cells.map((c) => c.id)).toEqual(['t3.new.natural']);

    const cleaned = withoutInvisible(r);
    expect(cleaned.agency).toBe('益阳市局障保会社和源资力人');
    expect(JSON.stringify(cleaned)).not.toMatch(INVISIBLE);
    // A cell's text is read again: 3 and a zero-width space is the number 3; 减4 stays text for TYPE-INT.
    expect(cleaned.values['t3.new.natural']).toBe(3);
    expect(cleaned.values['t3.new.total']).toBe('减4');
    expect(findInvisible(cleaned)).toEqual([]);
    expect(r.agency).toContain(RLO);
  });

  test('a name of nothing but invisible characters is no name', () => {
    expect(withoutInvisible({ ...clean(), agency: `${ZWSP}${RLO}` }).agency).toBeNull();
  });
});

describe('every way in removes them', () => {
  test('JSON', () => {
    const loaded = reportFromJson(spoofed());
    expect(JSON.stringify(loaded.report)).not.toMatch(INVISIBLE);
    expect(loaded.findings.filter((f) => f.rule === 'TEXT-INVISIBLE')).toHaveLength(6);
    // The rule set shows them among the findings, as hints.
    const findings = validate(loaded.report, { inputFindings: loaded.findings });
    expect(findings.filter((f) => f.rule === 'TEXT-INVISIBLE')).toHaveLength(6);
  });

  test('a workbook, the cells located', async () => {
    const bytes = await writeWorkbook({ report: spoofed() });
    const loaded = await loadReport(bytes, 'xlsx');
    expect(JSON.stringify(loaded.report)).not.toMatch(INVISIBLE);
    const found = loaded.findings.filter((f) => f.rule === 'TEXT-INVISIBLE');
    expect(found.length).toBeGreaterThanOrEqual(5);
    expect(loaded.report.agency).toBe('益阳市局障保会社和源资力人');
  });

  test('published text', async () => {
    // A published text needs a table figure to be read as a report at all (else: could not find the report's tables).
    const text = `益阳市${RLO}人力资源和社会保障局${PDF}2021年政府信息公开工作年度报告\n一、总体情况\n本机关${ZWSP}依法公开。\n二、主动公开政府信息情况\n规章 | 0 | 0 | 0\n`;
    const loaded = await loadReport(Buffer.from(text), 'text', { year: 2021 });
    expect(JSON.stringify(loaded.report)).not.toMatch(INVISIBLE);
  });
});

describe('the renderer never publishes them, even from a report stored before they were removed', () => {
  const raw = spoofed();
  const scan = (what: string, out: string) => {
    const at = out.search(INVISIBLE);
    if (at >= 0)
      throw new Error(`${what}: U+${out.codePointAt(at)!.toString(16)} at ${at}: …${out.slice(at - 20, at + 20)}…`);
  };
  test('the page and the index', () => {
    scan('page', renderReportHtml(raw, { version: 1, publishedAt: '2022-01-20T00:00:00Z' }));
    scan(
      'index',
      renderIndexHtml(2021, [
        { agencyId: 'x', agency: raw.agency!, year: 2021, version: 1, publishedAt: '2022-01-20T00:00:00Z', url: '/p' },
      ]),
    );
  });
  test('open data: CSV (past its byte-order mark) and JSON', () => {
    const record = reportToOpenData(raw, { agencyId: 'x', version: 1 });
    const csv = toCsv([record]);
    expect(csv.startsWith('\ufeff')).toBe(true);
    scan('csv', csv.slice(1));
    scan('json', JSON.stringify(record));
  });
  test('a zero-width space cannot hide a formula from the CSV guard', () => {
    const record = reportToOpenData({ ...clean(), agency: `${ZWSP}=HYPERLINK("https://evil.example")` });
    expect(toCsv([record])).toContain(`"'=HYPERLINK(`);
  });
});

/** @jest-environment jsdom */
import { createHash } from 'crypto';
import { FORMAT_2019, FORMAT_2021, FORMATS, reportTitle } from '../../../report/format';
import { tableGrids } from '../../../report/format/grid';
import type { TableId } from '../../../report/format/types';
import { renderReportHtml } from '../../../report/render';
import { consistentReport2019, consistentReport2021 } from './fixtures';
import { headerTexts, parse, tableCells } from './dom';

const TABLES: TableId[] = ['二', '三', '四'];
const TABLE_NO = { 二: 2, 三: 3, 四: 4 } as const;

describe('the published report page: document', () => {
  const report = consistentReport2021();
  const html = renderReportHtml(report);
  const doc = parse(html);

  it('is a complete zh-CN document with charset, the CSP first, a viewport and the official title', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(doc.documentElement.getAttribute('lang')).toBe('zh-CN');
    const metas = Array.from(doc.head.querySelectorAll('meta'));
    expect(metas[0]!.getAttribute('charset')).toBe('utf-8');
    expect(metas[1]!.getAttribute('http-equiv')).toBe('Content-Security-Policy');
    expect(doc.querySelector('meta[name="viewport"]')?.getAttribute('content')).toContain('width=device-width');
    const title = reportTitle('益阳市人力资源和社会保障局', 2021);
    expect(doc.title).toBe(title);
    expect(doc.querySelectorAll('h1')).toHaveLength(1);
    expect(doc.querySelector('h1')!.textContent).toBe(title);
  });

  it('has a strict CSP whose style hash is that of the page’s one stylesheet (checked with Node’s own SHA-256)', () => {
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(csp).toMatch(/(^|; )default-src 'none'(;|$)/);
    expect(csp).not.toMatch(/script-src|unsafe-inline|unsafe-eval/);
    const styles = doc.querySelectorAll('style');
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0]!.textContent!, 'utf8').digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(doc.querySelectorAll('[style]')).toHaveLength(0);
  });

  it('has no script and no event handler attribute anywhere', () => {
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) expect(a.name).not.toMatch(/^on/i);
    }
  });

  it('puts the preamble before the first section, one paragraph per line', () => {
    const pre = doc.querySelector('main .preamble')!;
    expect(pre.textContent).toContain('本报告根据《中华人民共和国政府信息公开条例》');
    expect(pre.compareDocumentPosition(doc.querySelector('section')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const noPreamble = parse(renderReportHtml({ ...report, preamble: null }));
    expect(noPreamble.querySelector('.preamble')).toBeNull();
  });

  it('keeps prose as written: one <p> per non-empty line, sub-headings like （一） unchanged', () => {
    const overview = doc.querySelector('section[aria-labelledby="sec-overview"] .prose')!;
    const lines = report.sections.overview!.split('\n').filter((l) => l.trim());
    expect(Array.from(overview.querySelectorAll('p')).map((p) => p.textContent)).toEqual(lines);
    expect(overview.querySelector('p.subhead')?.textContent).toBe('（一）主动公开');
    const crlf = parse(
      renderReportHtml({ ...report, sections: { ...report.sections, other: '第一段\r\n\r\n  第二段  \r第三段' } }),
    );
    const other = crlf.querySelectorAll('section[aria-labelledby="sec-other"] p');
    expect(Array.from(other).map((p) => p.textContent)).toEqual(['第一段', '第二段', '第三段']);
  });

  it('shows no footer without publication details, and version, Beijing time and the JSON link when given', () => {
    expect(doc.querySelector('footer')).toBeNull();
    const pub = parse(
      renderReportHtml(report, {
        version: 3,
        publishedAt: '2022-01-20T02:05:00Z',
        openDataUrl: '/open/2021/a1.json',
        canonicalUrl: 'https://example.gov.cn/r/2021/a1',
      }),
    );
    const foot = pub.querySelector('footer')!;
    expect(foot.textContent).toContain('第 3 版');
    expect(foot.querySelector('time')!.getAttribute('datetime')).toBe('2022-01-20T02:05:00Z');
    expect(foot.querySelector('time')!.textContent).toBe('2022-01-20 10:05');
    expect(foot.querySelector('a')!.getAttribute('href')).toBe('/open/2021/a1.json');
    expect(pub.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe('https://example.gov.cn/r/2021/a1');
    expect(pub.querySelector('link[rel="alternate"]')!.getAttribute('href')).toBe('/open/2021/a1.json');
  });

  it('is a pure function of its input: same output twice, input untouched', () => {
    const before = JSON.stringify(report);
    expect(renderReportHtml(report, { version: 1 })).toBe(renderReportHtml(report, { version: 1 }));
    expect(JSON.stringify(report)).toBe(before);
  });
});

describe.each([
  ['2021', consistentReport2021],
  ['2019', consistentReport2019],
])('the published report page (%s format): sections and tables', (version, make) => {
  const report = make();
  const format = FORMATS[report.format];
  const doc = parse(renderReportHtml(report));

  it('has the six official headings in order, each in its own section', () => {
    const headings = Array.from(doc.querySelectorAll('main section > h2')).map((h) => h.textContent);
    expect(headings).toEqual(format.sections.map((s) => s.heading));
    expect(format.version).toBe(version);
  });

  it('draws each table in its own section, with a caption', () => {
    for (const s of format.sections) {
      const section = doc.querySelector(`section[aria-labelledby="sec-${s.id}"]`)!;
      const tables = section.querySelectorAll('table');
      expect(tables).toHaveLength(s.table ? 1 : 0);
      if (s.table) expect(tables[0]!.querySelector('caption')?.textContent).toBe(s.heading);
    }
  });

  it.each(TABLES)('table %s: every grid cell appears at its place with the grid’s rowspan, colspan and text', (t) => {
    const grid = tableGrids(format)[t];
    const table = doc.querySelector<HTMLTableElement>(`table#table-${TABLE_NO[t]}`)!;
    const got = tableCells(table).map(({ el: _el, ...rest }) => rest);
    const want = grid.cells.map((g) => ({
      r: g.r,
      c: g.c,
      rowSpan: g.rowSpan,
      colSpan: g.colSpan,
      kind: g.kind,
      ...(g.kind === 'value' ? { cellId: g.cellId } : { text: g.text }),
    }));
    const key = (x: { r: number; c: number }) => x.r * 100 + x.c;
    expect(got.sort((a, b) => key(a) - key(b))).toEqual(want.sort((a, b) => key(a) - key(b)));
  });

  it('shows every cell’s value in its own cell, as written (blank empty, numbers plain, the fee as its decimal)', () => {
    for (const c of format.cells) {
      const td = doc.querySelectorAll(`td[data-cell="${c.id}"]`);
      expect(td).toHaveLength(1);
      const v = report.values[c.id];
      expect(td[0]!.textContent).toBe(v === null || v === undefined ? '' : String(v));
    }
  });

  it('names all headers of every value cell (headers/id), and every named id exists', () => {
    for (const td of Array.from(doc.querySelectorAll('td[data-cell]'))) {
      const texts = headerTexts(doc, td);
      const def = format.cellById.get(td.getAttribute('data-cell')!)!;
      expect(texts).toContain(def.column);
      if (def.table !== '四') expect(texts).toContain(def.row);
      if (def.group) expect(texts).toContain(def.group);
    }
    for (const th of Array.from(doc.querySelectorAll('th[headers]'))) headerTexts(doc, th);
  });
});

describe('header associations and scopes, in detail', () => {
  const doc = parse(renderReportHtml(consistentReport2021()));
  const cell = (id: string) => doc.querySelector(`td[data-cell="${id}"]`)!;

  it('table 三: a sub-row names its group rows and the two levels of applicant headers', () => {
    expect(headerTexts(doc, cell('t3.deniedSecret.business'))).toEqual([
      '三、本年度办理结果',
      '（三）不予公开',
      '1.属于国家秘密',
      '申请人情况',
      '法人或其他组织',
      '商业企业',
    ]);
    expect(headerTexts(doc, cell('t3.new.natural'))).toEqual([
      '一、本年新收政府信息公开申请数量',
      '申请人情况',
      '自然人',
    ]);
  });

  it('table 四: three levels of column headers', () => {
    expect(headerTexts(doc, cell('t4.litigationAfterReview.total'))).toEqual(['行政诉讼', '复议后起诉', '总计']);
    expect(headerTexts(doc, cell('t4.review.upheld'))).toEqual(['行政复议', '结果维持']);
  });

  it('table 二: a value names its row, its block heading and its column, not another block’s', () => {
    expect(headerTexts(doc, cell('t2.penalty.decisions'))).toEqual([
      '行政处罚',
      '第二十条第（六）项',
      '本年处理决定数量',
    ]);
    const blockHead = doc.querySelector('#table-2 tbody:nth-of-type(2) th.block')!;
    expect(blockHead.getAttribute('scope')).toBe('rowgroup');
    expect(blockHead.hasAttribute('headers')).toBe(false);
    expect(doc.querySelectorAll('#table-2 tbody')).toHaveLength(FORMAT_2021.table2.length);
  });

  it('uses scope on every header: col/colgroup in heads, row on labels; the 勾稽关系 note sits in table 三’s corner', () => {
    for (const th of Array.from(doc.querySelectorAll('th')))
      expect(th.getAttribute('scope')).toMatch(/^(col|colgroup|row|rowgroup)$/);
    expect(doc.querySelector('#table-3 thead th[colspan="7"]')!.getAttribute('scope')).toBe('colgroup');
    expect(doc.querySelector('#table-3 colgroup[span="7"]')).not.toBeNull();
    const note = doc.querySelector('#table-3 thead td.note')!;
    expect(note.textContent).toBe(FORMAT_2021.table3.note);
    expect([note.getAttribute('rowspan'), note.getAttribute('colspan')]).toEqual(['3', '3']);
  });

  it('2019: 本年增/减 keeps its minus sign, 采购总金额 its decimal', () => {
    const d = parse(renderReportHtml(consistentReport2019()));
    expect(d.querySelector('td[data-cell="t2.license.change"]')!.textContent).toBe('-3');
    expect(d.querySelector('td[data-cell="t2.procurement.amount"]')!.textContent).toBe('132.5');
    expect(FORMAT_2019.cellById.get('t2.license.change')!.kind).toBe('signedCount');
  });

  it('shows text written where a number belongs as written, and blank as empty (not 0)', () => {
    const r = consistentReport2021();
    r.values['t3.new.natural'] = '减4';
    r.values['t3.new.business'] = null;
    delete r.values['t3.new.research'];
    r.values['t2.fees.amount'] = 0.0000001;
    const d = parse(renderReportHtml(r));
    expect(d.querySelector('td[data-cell="t3.new.natural"]')!.textContent).toBe('减4');
    expect(d.querySelector('td[data-cell="t3.new.business"]')!.textContent).toBe('');
    expect(d.querySelector('td[data-cell="t3.new.research"]')!.textContent).toBe('');
    expect(d.querySelector('td[data-cell="t2.fees.amount"]')!.textContent).toBe('0.0000001');
  });

  it('uses the template’s placeholders when agency or year are missing', () => {
    const r = consistentReport2021();
    r.agency = null;
    r.year = null;
    expect(parse(renderReportHtml(r)).querySelector('h1')!.textContent).toBe(
      '（行政机关名称）XXXX年政府信息公开工作年度报告',
    );
  });
});

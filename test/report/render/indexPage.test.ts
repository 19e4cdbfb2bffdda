/** @jest-environment jsdom */
import { reportTitle } from '../../../report/format';
import { renderIndexHtml, type IndexEntry } from '../../../report/render';
import { parse } from './dom';

const ENTRIES: IndexEntry[] = [
  {
    agencyId: 'yy-hrss',
    agency: '益阳市人力资源和社会保障局',
    year: 2021,
    version: 2,
    publishedAt: '2022-01-20T02:05:00Z',
    url: '/reports/2021/yy-hrss',
  },
  {
    agencyId: 'cc-kjj',
    agency: '长春新区科技局',
    year: 2021,
    version: 1,
    publishedAt: '2022-01-31T16:30:00Z',
    url: 'https://example.gov.cn/reports/2021/cc-kjj',
  },
];

describe('the index page of a year', () => {
  const doc = parse(renderIndexHtml(2021, ENTRIES, { jsonUrl: '/open/2021.json', csvUrl: '/open/2021.csv' }));

  it('is a zh-CN document with the same CSP, no script, and a year title', () => {
    expect(doc.documentElement.lang).toBe('zh-CN');
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toMatch(
      /default-src 'none'/,
    );
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelector('h1')!.textContent).toBe('2021年政府信息公开工作年度报告目录');
  });

  it('lists one row per entry, in the order given: agency as row header, year, version, Beijing time, link', () => {
    const table = doc.querySelector('table')!;
    expect(table.querySelector('caption')!.textContent).toContain('共 2 份');
    expect(
      Array.from(table.querySelectorAll('thead th')).map((th) => [th.textContent, th.getAttribute('scope')]),
    ).toEqual([
      ['行政机关名称', 'col'],
      ['年度', 'col'],
      ['版本', 'col'],
      ['发布时间', 'col'],
      ['报告全文', 'col'],
    ]);
    const rows = Array.from(table.querySelectorAll('tbody tr'));
    expect(rows).toHaveLength(ENTRIES.length);
    rows.forEach((row, i) => {
      const e = ENTRIES[i]!;
      const th = row.querySelector('th')!;
      expect([th.textContent, th.getAttribute('scope')]).toEqual([e.agency, 'row']);
      const cells = Array.from(row.querySelectorAll('td')).map((td) => td.textContent);
      expect(cells.slice(0, 2)).toEqual([String(e.year), `第 ${e.version} 版`]);
      expect(row.querySelector('time')!.getAttribute('datetime')).toBe(e.publishedAt);
      const a = row.querySelector('a')!;
      expect([a.getAttribute('href'), a.textContent]).toEqual([e.url, reportTitle(e.agency, e.year)]);
    });
    // 16:30 UTC on 31 January is already 1 February in Beijing.
    expect(rows[1]!.querySelector('time')!.textContent).toBe('2022-02-01 00:30');
  });

  it('links the year’s open data (JSON and CSV) in the footer and the head', () => {
    expect(Array.from(doc.querySelectorAll('footer a')).map((a) => a.getAttribute('href'))).toEqual([
      '/open/2021.json',
      '/open/2021.csv',
    ]);
    expect(Array.from(doc.querySelectorAll('link[rel="alternate"]')).map((l) => l.getAttribute('type'))).toEqual([
      'application/json',
      'text/csv',
    ]);
  });

  it('says so when nothing is published yet, and has no footer without open-data links', () => {
    const empty = parse(renderIndexHtml(2023, []));
    expect(empty.querySelectorAll('tbody tr')).toHaveLength(1);
    expect(empty.querySelector('tbody td')!.textContent).toContain('暂无已发布的报告');
    expect(empty.querySelector('tbody td')!.getAttribute('colspan')).toBe('5');
    expect(empty.querySelector('footer')).toBeNull();
  });
});

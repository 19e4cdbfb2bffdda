/** @jest-environment jsdom */
import { reportTitle } from '../../../report/format';
import { renderIndexHtml, renderReportHtml } from '../../../report/render';
import { escapeHtml, safeUrl } from '../../../report/render/escape';
import { hostileReport, PAYLOADS } from './fixtures';
import { parse } from './dom';

const ACTIVE = 'script, img, svg, iframe, object, embed, math, textarea, form, input, base, meta[http-equiv="refresh"]';

/** Nothing that runs or loads: no active elements, no on* attributes, no link to a non-http(s) scheme. */
function expectInert(doc: Document) {
  expect(doc.querySelectorAll(ACTIVE)).toHaveLength(0);
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) {
      expect(a.name).not.toMatch(/^on/i);
      if (a.name === 'href' || a.name === 'src') {
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(a.value.replace(/[\s\p{Cc}]/gu, ''))?.[1];
        if (scheme) expect(scheme.toLowerCase()).toMatch(/^https?$/);
      }
    }
  }
  // The only elements the renderer writes in the body.
  const allowed = new Set([
    'DIV',
    'MAIN',
    'HEADER',
    'H1',
    'H2',
    'SECTION',
    'P',
    'TABLE',
    'CAPTION',
    'COLGROUP',
    'COL',
    'THEAD',
    'TBODY',
    'TR',
    'TH',
    'TD',
    'FOOTER',
    'SPAN',
    'A',
    'TIME',
  ]);
  for (const el of Array.from(doc.body.querySelectorAll('*'))) expect(allowed).toContain(el.tagName);
}

describe('escaping on the report page', () => {
  const report = hostileReport();
  const html = renderReportHtml(report, {
    version: 1,
    publishedAt: '"><script>alert(1)</script>',
    canonicalUrl: 'https://x.gov.cn/a?b="><script>alert(1)</script>',
  });
  const doc = parse(html);

  it('leaves no active element or handler from payloads in the agency, preamble, prose, cells and options', () => {
    expectInert(doc);
  });

  it('shows every payload as the text it is', () => {
    expect(doc.title).toBe(reportTitle(report.agency!, 2021));
    expect(doc.querySelector('h1')!.textContent).toBe(reportTitle(report.agency!, 2021));
    expect(doc.querySelector('.preamble p')!.textContent).toBe(PAYLOADS[1]);
    const overview = Array.from(doc.querySelectorAll('section[aria-labelledby="sec-overview"] p')).map(
      (p) => p.textContent,
    );
    expect(overview).toEqual([...PAYLOADS]);
    expect(doc.querySelector('td[data-cell="t3.new.legal"]')!.textContent).toBe(PAYLOADS[0]);
    expect(doc.querySelector('td[data-cell="t2.fees.amount"]')!.textContent).toBe(PAYLOADS[1]);
    expect(doc.querySelector('td[data-cell="t4.review.other"]')!.textContent).toBe(PAYLOADS[3]);
    // Already-escaped text stays visible as written, not decoded into markup.
    expect(doc.body.textContent).toContain('&lt;script&gt;已转义的文本&lt;/script&gt;');
  });

  it('keeps attribute values intact: the canonical URL with quotes and brackets is one attribute, not markup', () => {
    expect(doc.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(
      'https://x.gov.cn/a?b="><script>alert(1)</script>',
    );
    expect(doc.querySelector('time')).toBeNull();
    expect(doc.querySelector('footer')!.textContent).toContain('"><script>alert(1)</script>');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\nscript:alert(1)',
    ' \tjavascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
  ])('drops a dangerous open-data URL: %j', (url) => {
    const d = parse(renderReportHtml(report, { openDataUrl: url, canonicalUrl: url }));
    expect(d.querySelectorAll('a, link')).toHaveLength(0);
    expectInert(d);
  });

  it('keeps http(s) and relative URLs', () => {
    for (const u of ['https://a.gov.cn/x.json', 'http://a/x', '/open/x.json', 'x.json', '../x.json?a=1&b=2'])
      expect(safeUrl(u)).toBe(u);
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('escaping on the index page', () => {
  it('escapes agencies, ids and URLs, and drops non-http(s) links', () => {
    const doc = parse(
      renderIndexHtml(
        2021,
        [
          {
            agencyId: '"><script>1</script>',
            agency: PAYLOADS[1],
            year: 2021,
            version: 2,
            publishedAt: PAYLOADS[0],
            url: 'javascript:alert(1)',
          },
          {
            agencyId: 'a2',
            agency: PAYLOADS[0],
            year: 2021,
            version: 1,
            publishedAt: '2022-01-30T00:00:00Z',
            url: '/r/2021/a2?x="><img src=x onerror=alert(1)>',
          },
        ],
        { jsonUrl: 'javascript:alert(1)', csvUrl: PAYLOADS[1] },
      ),
    );
    expectInert(doc);
    const rows = doc.querySelectorAll('tbody tr');
    expect(rows[0]!.querySelector('th')!.textContent).toBe(PAYLOADS[1]);
    expect(rows[0]!.getAttribute('data-agency-id')).toBe('"><script>1</script>');
    expect(rows[0]!.querySelector('a')).toBeNull();
    expect(rows[0]!.textContent).toContain(reportTitle(PAYLOADS[1], 2021));
    expect(rows[1]!.querySelector('a')!.getAttribute('href')).toBe('/r/2021/a2?x="><img src=x onerror=alert(1)>');
    // The JSON link (javascript:) is dropped; the odd CSV URL is a relative reference, kept and escaped.
    expect(Array.from(doc.querySelectorAll('footer a')).map((a) => a.getAttribute('href'))).toEqual([PAYLOADS[1]]);
  });
});

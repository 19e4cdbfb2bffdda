/** The public list of a year's published reports: one table row per agency, linking to its report page. */
import { reportTitle } from '../format';
import { htmlDocument, timeElement } from './document';
import { escapeHtml, safeUrl } from './escape';

export interface IndexEntry {
  agencyId: string;
  agency: string;
  /** The reporting year. */
  year: number;
  version: number;
  /** ISO 8601. */
  publishedAt: string;
  /** The report page. */
  url: string;
}

export interface IndexPageOptions {
  /** The year's reports as open data. */
  jsonUrl?: string;
  csvUrl?: string;
}

/** Rows appear in the order given (the caller decides: by agency, by time). */
export function renderIndexHtml(year: number, entries: IndexEntry[], opts: IndexPageOptions = {}): string {
  const title = `${year}年政府信息公开工作年度报告目录`;
  const rows = entries.map(entryRow).join('\n');
  const empty = `<tr><td class="empty" colspan="5">暂无已发布的报告 <span lang="en">No report published yet</span></td></tr>`;
  const body = `<div class="sheet">
<main>
<header class="doc-head">
<h1>${escapeHtml(title)}</h1>
<p class="sub" lang="en">Published annual reports on government information disclosure, ${escapeHtml(String(year))}</p>
</header>
<div class="table-wrap" role="region" aria-label="${escapeHtml(title)}" tabindex="0">
<table class="index">
<caption>${escapeHtml(title)}（共 ${entries.length} 份）</caption>
<thead>
<tr><th scope="col">行政机关名称</th><th scope="col">年度</th><th scope="col">版本</th><th scope="col">发布时间</th><th scope="col">报告全文</th></tr>
</thead>
<tbody>
${entries.length ? rows : empty}
</tbody>
</table>
</div>
</main>
${openDataFooter(opts)}</div>`;
  return htmlDocument({
    title,
    body,
    alternates: [
      { type: 'application/json', href: opts.jsonUrl },
      { type: 'text/csv', href: opts.csvUrl },
    ],
  });
}

function entryRow(e: IndexEntry): string {
  const url = safeUrl(e.url);
  const name = escapeHtml(reportTitle(e.agency, e.year));
  const link = url ? `<a href="${escapeHtml(url)}">${name}</a>` : name;
  return (
    `<tr data-agency-id="${escapeHtml(e.agencyId)}"><th scope="row">${escapeHtml(e.agency)}</th>` +
    `<td class="num">${escapeHtml(String(e.year))}</td><td class="num">第 ${escapeHtml(String(e.version))} 版</td>` +
    `<td class="num">${timeElement(e.publishedAt)}</td><td>${link}</td></tr>`
  );
}

function openDataFooter(opts: IndexPageOptions): string {
  const links: string[] = [];
  const json = safeUrl(opts.jsonUrl);
  const csv = safeUrl(opts.csvUrl);
  if (json)
    links.push(`<span class="item"><a href="${escapeHtml(json)}" type="application/json">开放数据（JSON）</a></span>`);
  if (csv)
    links.push(
      `<span class="item"><a href="${escapeHtml(csv)}" type="text/csv">开放数据（CSV，Excel 可直接打开）</a></span>`,
    );
  if (!links.length) return '';
  return `<footer class="doc-foot">\n<p>${links.join('')}</p>\n</footer>\n`;
}

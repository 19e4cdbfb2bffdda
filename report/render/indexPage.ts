/**
 * The public index of a year's reports, one page of one node of the published tree at a time (全部 → 省 → 市 → 县):
 * where it sits (links up), the regions below it with their counts (first page), and one table row per report of
 * the node's own, linking to its page. Each row is one line of the document, so that a builder can replace a row
 * without rendering the others again (indexRowsOf reads them back).
 */
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

export interface IndexLink {
  readonly name: string;
  readonly url: string;
}

export interface IndexPageOptions {
  /** The node's name; none for the top of the tree. */
  readonly node?: string;
  /** The nodes above, top first (the year's first page first), each linking to its first page. */
  readonly path?: readonly IndexLink[];
  /** The regions below (first page only), with the reports published in each. */
  readonly children?: readonly (IndexLink & { readonly reports: number })[];
  /** Reports of the node itself, and of its whole subtree (first page only). */
  readonly own?: number;
  readonly reports?: number;
  /** This page's number and every page's address (the first is the node's first page). */
  readonly page?: number;
  readonly pages?: readonly string[];
  /** Open data: the node's manifest (JSON), and this page's rows as CSV and JSON Lines. */
  readonly jsonUrl?: string;
  readonly csvUrl?: string;
  readonly jsonlUrl?: string;
}

const ROW_START = '<tr data-agency-id="';

/** HTML text on one line: a line break in a name renders as a space anyway. */
const oneLine = (text: string) => escapeHtml(text).replace(/[\r\n]+/g, ' ');

/** One row of the index table, on one line. */
export function indexRow(e: IndexEntry): string {
  const url = safeUrl(e.url);
  const name = oneLine(reportTitle(e.agency, e.year));
  const link = url ? `<a href="${escapeHtml(url)}">${name}</a>` : name;
  return (
    `${ROW_START}${escapeHtml(e.agencyId)}"><th scope="row">${oneLine(e.agency)}</th>` +
    `<td class="num">${escapeHtml(String(e.year))}</td><td class="num">第 ${escapeHtml(String(e.version))} 版</td>` +
    `<td class="num">${timeElement(e.publishedAt)}</td><td>${link}</td></tr>`
  );
}

/** The agency id of a row indexRow wrote (ids are slugs: nothing to unescape). */
export function indexRowAgency(row: string): string {
  return row.slice(ROW_START.length, row.indexOf('"', ROW_START.length));
}

/** The rows of a page renderIndexPage wrote, in order. */
export function indexRowsOf(html: string): string[] {
  const start = html.indexOf('<tbody>\n');
  const end = html.indexOf('\n</tbody>', start);
  if (start < 0 || end < 0) return [];
  return html
    .slice(start + '<tbody>\n'.length, end)
    .split('\n')
    .filter((line) => line.startsWith(ROW_START));
}

/** A page of the index: rows (from indexRow) appear in the order given. */
export function renderIndexPage(year: number, rows: readonly string[], opts: IndexPageOptions = {}): string {
  const title = `${opts.node ?? ''}${year}年政府信息公开工作年度报告目录`;
  const page = opts.page ?? 1;
  const pages = opts.pages ?? [];
  const empty = `<tr><td class="empty" colspan="5">暂无已发布的报告 <span lang="en">No report published yet</span></td></tr>`;
  const counted =
    page === 1 && opts.own !== undefined
      ? opts.reports !== undefined && opts.reports !== opts.own
        ? `本级 ${opts.own} 份，含下级共 ${opts.reports} 份`
        : `共 ${opts.own} 份`
      : '';
  const note = [counted, pages.length > 1 ? `第 ${page} 页，共 ${pages.length} 页` : ''].filter(Boolean).join('；');
  const caption = note ? `${title}（${note}）` : title;
  const body = `<div class="sheet">
<main>
<header class="doc-head">
${crumbs(opts.path)}<h1>${escapeHtml(title)}</h1>
<p class="sub" lang="en">Published annual reports on government information disclosure, ${escapeHtml(String(year))}</p>
${note ? `<p class="sub">${escapeHtml(note)}</p>\n` : ''}</header>
${page === 1 ? regions(opts.children) : ''}<div class="table-wrap" role="region" aria-label="${escapeHtml(title)}" tabindex="0">
<table class="index">
<caption>${escapeHtml(caption)}</caption>
<thead>
<tr><th scope="col">行政机关名称</th><th scope="col">年度</th><th scope="col">版本</th><th scope="col">发布时间</th><th scope="col">报告全文</th></tr>
</thead>
<tbody>
${rows.length ? rows.join('\n') : empty}
</tbody>
</table>
</div>
${pager(page, pages)}</main>
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

/** The index of entries on one page (no tree): the year's list as it was before pages, e.g. for a small site. */
export function renderIndexHtml(year: number, entries: readonly IndexEntry[], opts: IndexPageOptions = {}): string {
  return renderIndexPage(year, entries.map(indexRow), { own: entries.length, ...opts });
}

function link(l: IndexLink): string {
  const url = safeUrl(l.url);
  return url ? `<a href="${escapeHtml(url)}">${escapeHtml(l.name)}</a>` : escapeHtml(l.name);
}

function crumbs(path: readonly IndexLink[] | undefined): string {
  if (!path?.length) return '';
  return `<nav class="crumbs" aria-label="上级 Up">${path.map(link).join(' › ')}</nav>\n`;
}

function regions(children: IndexPageOptions['children']): string {
  if (!children?.length) return '';
  const items = children.map((c) => `<li>${link(c)}（${escapeHtml(String(c.reports))} 份）</li>`).join('\n');
  return `<section aria-labelledby="regions">\n<h2 id="regions">下级 <span lang="en">Regions</span></h2>\n<ul class="regions">\n${items}\n</ul>\n</section>\n`;
}

function pager(page: number, pages: readonly string[]): string {
  if (pages.length < 2) return '';
  const items = pages.map((url, i) =>
    i + 1 === page ? `<span aria-current="page">${i + 1}</span>` : link({ name: String(i + 1), url }),
  );
  return `<nav class="pager" aria-label="分页 Pages">${items.join(' ')}</nav>\n`;
}

function openDataFooter(opts: IndexPageOptions): string {
  const links: string[] = [];
  const add = (url: string | undefined, type: string, text: string) => {
    const safe = safeUrl(url);
    if (safe) links.push(`<span class="item"><a href="${escapeHtml(safe)}" type="${type}">${text}</a></span>`);
  };
  add(opts.jsonUrl, 'application/json', '开放数据（JSON）');
  add(opts.csvUrl, 'text/csv', '开放数据（CSV，Excel 可直接打开）');
  add(opts.jsonlUrl, 'application/x-ndjson', '开放数据（JSON Lines）');
  if (!links.length) return '';
  return `<footer class="doc-foot">\n<p>${links.join('')}</p>\n</footer>\n`;
}

/**
 * The published report page: a pure function from a report to a complete HTML document (no I/O, no clock). The
 * official title, the preamble, the six sections in order under their official headings, the prose as paragraphs
 * and the three tables as the official grids. Every text is escaped; the page has no script and a CSP that allows
 * nothing but its own stylesheet.
 */
import { reportTitle } from '../format';
import { formatOf } from '../model/report';
import type { Report } from '../model/types';
import { htmlDocument, timeElement } from './document';
import { escapeHtml, safeUrl } from './escape';
import { proseHtml } from './prose';
import { renderTable } from './tables';

export interface RenderOptions {
  /** The published version number (1, 2, …). */
  version?: number;
  /** When this version was published, ISO 8601; shown as Beijing time. */
  publishedAt?: string;
  canonicalUrl?: string;
  /** The report as open data (JSON). */
  openDataUrl?: string;
}

/** The title for a report that may still lack its agency or year (the template's placeholders then). */
export function titleOf(report: Pick<Report, 'agency' | 'year'>): string {
  return reportTitle(report.agency?.trim() || '（行政机关名称）', report.year ?? 'XXXX');
}

export function renderReportHtml(report: Report, opts: RenderOptions = {}): string {
  const format = formatOf(report);
  const title = titleOf(report);
  let body = `<div class="sheet">\n<main>\n<header class="doc-head">\n<h1>${escapeHtml(title)}</h1>\n</header>\n`;
  if (report.preamble?.trim()) body += `<div class="preamble">\n${proseHtml(report.preamble)}</div>\n`;
  for (const section of format.sections) {
    const hid = `sec-${section.id}`;
    body += `<section aria-labelledby="${hid}">\n<h2 id="${hid}">${escapeHtml(section.heading)}</h2>\n`;
    if (section.table) {
      // What the report says beside the table (imported published reports often carry a sentence or two).
      const notes = report.notes?.[section.id as keyof NonNullable<Report['notes']>];
      if (notes?.trim()) body += `<div class="prose">\n${proseHtml(notes)}</div>\n`;
      // A focusable, labelled region so that keyboard users can scroll a wide table on a phone.
      body += `<div class="table-wrap" role="region" aria-labelledby="${hid}" tabindex="0">\n`;
      body += renderTable(format, section.table, report);
      body += '\n</div>\n';
    } else {
      const prose = proseHtml(report.sections[section.id as keyof Report['sections']]);
      body += `<div class="prose">\n${prose}</div>\n`;
    }
    body += '</section>\n';
  }
  body += '</main>\n' + footer(opts) + '</div>';
  return htmlDocument({
    title,
    body,
    canonicalUrl: opts.canonicalUrl,
    alternates: [{ type: 'application/json', href: opts.openDataUrl }],
  });
}

function footer(opts: RenderOptions): string {
  const items: string[] = [];
  if (opts.version !== undefined && Number.isFinite(opts.version)) {
    items.push(
      `<span class="item">版本 <span lang="en">Version</span>：第 ${escapeHtml(String(opts.version))} 版</span>`,
    );
  }
  if (opts.publishedAt)
    items.push(`<span class="item">发布时间 <span lang="en">Published</span>：${timeElement(opts.publishedAt)}</span>`);
  const data = safeUrl(opts.openDataUrl);
  if (data) {
    items.push(
      `<span class="item"><a href="${escapeHtml(data)}" type="application/json">开放数据（JSON） <span lang="en">Open data</span></a></span>`,
    );
  }
  if (items.length === 0) return '';
  return `<footer class="doc-foot">\n<p>${items.join('')}</p>\n</footer>\n`;
}

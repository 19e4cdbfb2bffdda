/**
 * Test-only serialisers: a Report written out the way published copies look — the flattened text (one cell a line
 * or a row a line, half-width punctuation, spaces inside labels, `||` residue) and an HTML page whose tables are
 * drawn from the official grids with their rowspan/colspan — so that importing them must give the report back.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { FORMATS, reportTitle } from '../../../report/format';
import { tableGrids } from '../../../report/format/grid';
import type { FormatDef, TableId } from '../../../report/format/types';
import type { CellValue, Report } from '../../../report/model/types';

/** A real published report from test/fixtures/examples. */
export function example(name: string): string {
  return readFileSync(join(__dirname, '../../fixtures/examples', name), 'utf8');
}

/** A hand-written fixture of this suite (HTML pages, the trial-format report). */
export function fixture(name: string): string {
  return readFileSync(join(__dirname, 'fixtures', name), 'utf8');
}

/** What web pages do to the official wording: half-width punctuation. */
export function halfWidth(s: string): string {
  return s.replace(/[（）：，．]/g, (ch) => ({ '（': '(', '）': ')', '：': ':', '，': ',', '．': '.' })[ch]!);
}

export interface TextStyle {
  /** One cell a line (the seed) or one row a line (the changchun excerpt). */
  rowPerLine: boolean;
  /** Spaces inside short labels (`自 然 人`). */
  spaced: boolean;
  halfWidth: boolean;
}

function label(text: string, style: TextStyle): string {
  let s = style.halfWidth ? halfWidth(text) : text;
  if (style.spaced && s.length <= 6) s = [...s].join(' ');
  return s;
}

function cellText(v: CellValue): string {
  return v === null ? '' : String(v);
}

/** The rows of a table as label runs followed by values, in grid reading order. */
function gridRows(format: FormatDef, table: TableId, report: Report): string[][] {
  const g = tableGrids(format)[table];
  const rows: string[][] = Array.from({ length: g.rows }, () => []);
  for (const c of g.cells) rows[c.r]!.push(c.kind === 'value' ? cellText(report.values[c.cellId!] ?? null) : c.text!);
  return rows;
}

export function toFlatText(report: Report, style: TextStyle, prose: { title?: string } = {}): string {
  const format = FORMATS[report.format];
  const out: string[] = [];
  if (prose.title) out.push(prose.title);
  const sectionText = {
    overview: report.sections.overview,
    problems: report.sections.problems,
    other: report.sections.other,
  };
  for (const s of format.sections) {
    out.push(style.halfWidth ? halfWidth(s.heading) : s.heading);
    if (!s.table) {
      const text = sectionText[s.id as keyof typeof sectionText];
      if (text) out.push(...text.split('\n'));
      continue;
    }
    for (const row of gridRows(format, s.table, report)) {
      const cells = row.map((c, i) => (i === 0 || Number.isNaN(Number(c)) ? label(c, style) : c));
      if (style.rowPerLine) out.push(`${cells.join(' | ')} |`);
      else {
        out.push(...cells.map((c) => `${c} |`));
        out.push('||');
      }
    }
  }
  return out.join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function htmlTable(format: FormatDef, table: TableId, report: Report): string {
  const g = tableGrids(format)[table];
  const rows: string[] = [];
  for (let r = 0; r < g.rows; r++) {
    const tds = g.cells
      .filter((c) => c.r === r)
      .map((c) => {
        const span = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
        const text = c.kind === 'value' ? cellText(report.values[c.cellId!] ?? null) : esc(c.text!);
        return `<td${span}><p align="center">${text}</p></td>`;
      });
    rows.push(`<tr>${tds.join('')}</tr>`);
  }
  return `<table border="1" cellspacing="0"><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

export function toHtml(report: Report, title: string): string {
  const format = FORMATS[report.format];
  const body: string[] = [`<h1>${esc(title)}</h1>`];
  if (report.preamble) body.push(...report.preamble.split('\n').map((l) => `<p>${esc(l)}</p>`));
  const sectionText = {
    overview: report.sections.overview,
    problems: report.sections.problems,
    other: report.sections.other,
  };
  for (const s of format.sections) {
    body.push(`<p><strong>${s.heading}</strong></p>`);
    if (s.table) body.push(htmlTable(format, s.table, report));
    else {
      const text = sectionText[s.id as keyof typeof sectionText];
      if (text) body.push(...text.split('\n').map((l) => `<p style="text-indent:2em">${esc(l)}</p>`));
    }
  }
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><div class="nav"><a href="/">首页</a></div><div class="article">\n${body.join('\n')}\n</div><div class="footer">版权所有</div></body></html>`;
}

/** Prose in sections 一、五、六 that no TEXT rule holds against the tables (a report judged by its tables alone). */
export function withPlainProse(report: Report): Report {
  report.sections.overview = '本机关认真贯彻落实《条例》，全面推进政务公开。';
  report.sections.problems = '主要问题：政策解读形式较为单一。改进措施：丰富解读形式。';
  report.sections.other = '本年度未收取信息处理费。';
  return report;
}

/**
 * The report under its title, one table row a line, every row (`a | b |  | d |`) redrawn by `draw` from its cells
 * (one line or several); prose and headings as they are.
 */
export function redrawnRows(report: Report, draw: (cells: string[]) => string | string[]): string {
  const text = toFlatText(
    report,
    { rowPerLine: true, spaced: false, halfWidth: false },
    { title: reportTitle(report.agency!, report.year!) },
  );
  return text
    .split('\n')
    .flatMap((line) => (line.endsWith(' |') ? draw(line.slice(0, -2).split(' | ')) : [line]))
    .join('\n');
}

/**
 * The page as a crawler's text of it (the real examples' `.raw.txt`): the title on its line, then everything on one
 * line — headings mid-line, prose, and every table row's labels and figures run together with no separator.
 */
export function runTogether(report: Report): string {
  const format = FORMATS[report.format];
  const prose: Record<string, string | null> = {
    overview: report.sections.overview,
    problems: report.sections.problems,
    other: report.sections.other,
  };
  let body = '';
  for (const s of format.sections) {
    body += s.heading;
    if (!s.table) body += prose[s.id] ?? '';
    else
      body += gridRows(format, s.table, report)
        .map((row) => row.join(''))
        .join('');
  }
  return `${reportTitle(report.agency!, report.year!)}\n${body}`;
}

/**
 * The shape both input forms are read into: a sequence of lines and tables, split into the preamble and the six
 * official sections by their headings, with the title's agency and year.
 */
import { SECTIONS } from '../format';
import type { SectionDef, SectionId } from '../format/types';
import { firstHeadingChar, headingEnd, headingKey, isSeparatorLine } from './normalize';

/** A line of text (prose, a heading, or a flattened table row), or a table of an HTML page (cell texts by row). */
export type Item = { kind: 'line'; text: string } | { kind: 'table'; rows: string[][] };

export interface Sections {
  preamble: Item[];
  /** Content of each section found, in the order met (a heading met twice appends to its section). */
  content: Map<SectionId, Item[]>;
  /** The headings in the order they occur, repeats included. */
  order: SectionId[];
}

const HEADING_KEYS: readonly { def: SectionDef; key: string }[] = SECTIONS.map((def) => ({
  def,
  key: headingKey(def.heading),
}));
const HEADING_STARTS = new Set(HEADING_KEYS.map((h) => h.key.charAt(0)));

/** The section whose heading begins `line`, and the rest of the line after it. */
export function matchHeading(line: string): { id: SectionId; rest: string } | undefined {
  const first = firstHeadingChar(line.slice(0, 16));
  if (!HEADING_STARTS.has(first)) return undefined;
  for (const { def, key } of HEADING_KEYS) {
    const end = headingEnd(line, key);
    if (end >= 0)
      return {
        id: def.id,
        rest: line
          .slice(end)
          .replace(/^[\s|｜:：,，、.。;；]+/, '')
          .trim(),
      };
  }
  return undefined;
}

/** The flattened text form: one line per item; lines that are only separators or blank are dropped. */
export function textItems(text: string): Item[] {
  const items: Item[] = [];
  for (const raw of text.split(/\r\n|\r|\n|\u2028|\u2029/)) {
    const line = raw.trim();
    if (line !== '' && !isSeparatorLine(line) && !isToolsLine(line)) items.push({ kind: 'line', text: line });
  }
  return items;
}

/** A table whose row holds nothing but a section heading is split there (some pages put the heading in the table). */
function splitTableAtHeadings(rows: string[][]): Item[] {
  const out: Item[] = [];
  let current: string[][] = [];
  for (const row of rows) {
    const filled = row.filter((c) => c.trim() !== '');
    const heading = filled.length === 1 ? matchHeading(filled[0]!) : undefined;
    if (heading && heading.rest === '') {
      if (current.length > 0) out.push({ kind: 'table', rows: current });
      out.push({ kind: 'line', text: filled[0]! });
      current = [];
    } else current.push(row);
  }
  if (current.length > 0) out.push({ kind: 'table', rows: current });
  return out;
}

export function splitSections(items: readonly Item[]): Sections {
  const out: Sections = { preamble: [], content: new Map(), order: [] };
  let target = out.preamble;
  const flat = items.flatMap((it) => (it.kind === 'table' ? splitTableAtHeadings(it.rows) : [it]));
  for (const item of flat) {
    if (item.kind === 'line') {
      const heading = matchHeading(item.text);
      if (heading) {
        out.order.push(heading.id);
        let list = out.content.get(heading.id);
        if (!list) out.content.set(heading.id, (list = []));
        target = list;
        if (heading.rest !== '') target.push({ kind: 'line', text: heading.rest });
        continue;
      }
    }
    target.push(item);
  }
  return out;
}

export interface TitleInfo {
  agency?: string;
  year?: number;
  /** The preamble without the title and page furniture. */
  preamble: string | null;
}

const TITLE = /^(.{2,80}?)(?:关于)?((?:19|20)\d{2})年度?政府信息公开工作年度报告$/;
const MENTIONED =
  /现将(.{2,60}?)(?:[(（]以下简称[^)）]{0,20}[)）])?((?:19|20)\d{2})年度?(?:政府)?信息公开(?:工作)?年度报告/;
const PERIOD = /((?:19|20)\d{2})年1月1日(?:起)?至(?:(?:19|20)\d{2}年)?12月31日/;
const YEAR_REPORT = /((?:19|20)\d{2})年度?(?:政府)?信息公开(?:工作)?年度报告/;
/** Page furniture around a published report: breadcrumbs, dates, sources, font-size and print links. */
const FURNITURE =
  /^(首页|当前位置|您的位置|您现在的位置)|\s[>»]\s|^(发布时间|发布日期|时间|来源|信息来源|作者|字号|浏览次数|点击数|阅读次数|分享|打印|关闭)[:：\s]|【(打印|关闭)/;

/** A line of page tools only (`【打印本页】 【关闭窗口】`): never the report's words, wherever it stands. */
const TOOLS_LINE =
  /^(?:[\s|｜]*[【[]?\s*(?:打印(?:本页|此页|正文)?|关闭(?:窗口|本页)?|返回顶部|收藏(?:本页)?|分享(?:到)?|字号|[大中小])\s*[】\]]?[\s|｜]*)+$/;

export function isToolsLine(line: string): boolean {
  return TOOLS_LINE.test(line);
}

function compact(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/g, '');
}

function title(line: string): { agency: string; year: number } | undefined {
  const m = TITLE.exec(compact(line));
  return m ? { agency: m[1]!, year: Number(m[2]) } : undefined;
}

/** Agency and year from the title line (or a page title), the statistics period or the preamble's wording. */
export function readTitle(preamble: readonly Item[], pageTitle?: string): TitleInfo {
  const lines = preamble.filter((i): i is Extract<Item, { kind: 'line' }> => i.kind === 'line').map((i) => i.text);
  const titleAt = lines.findIndex((l) => title(l) !== undefined);
  const found = titleAt >= 0 ? title(lines[titleAt]!) : undefined;
  // What precedes the title on a page is navigation; furniture lines are not the report's words.
  const body = lines.slice(titleAt + 1).filter((l) => !FURNITURE.test(l));
  const info: TitleInfo = { preamble: body.length > 0 ? body.join('\n') : null };
  const fromPage = !found && pageTitle ? pageTitleInfo(pageTitle) : undefined;
  const t = found ?? fromPage;
  if (t) {
    info.agency = t.agency;
    info.year = t.year;
    return info;
  }
  const all = compact(lines.join('\n'));
  const mentioned = MENTIONED.exec(all);
  if (mentioned) {
    info.agency = mentioned[1]!;
    info.year = Number(mentioned[2]);
    return info;
  }
  const year = PERIOD.exec(all) ?? YEAR_REPORT.exec(all);
  if (year) info.year = Number(year[1]);
  return info;
}

/** A page's <title> often carries the site name too: `…年度报告_益阳市人民政府`. */
function pageTitleInfo(text: string): { agency: string; year: number } | undefined {
  for (const part of compact(text).split(/[_|｜\-—–]+/)) {
    const t = title(part);
    if (t) return t;
  }
  return undefined;
}

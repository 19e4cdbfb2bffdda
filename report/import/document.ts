/**
 * The shape both input forms are read into: a sequence of lines and tables, split into the preamble and the six
 * official sections by their headings, with the title's agency and year.
 */
import type { SectionId } from '../format/types';
import { headingsIn } from './headings';
import { isRuleLine, isSeparatorLine } from './normalize';

/** A line of text (prose, a heading, or a flattened table row), or a table of an HTML page (cell texts by row). */
export type Item = { kind: 'line'; text: string } | { kind: 'table'; rows: string[][] };

export interface Sections {
  preamble: Item[];
  /** Content of each section found, in the order met (a heading met twice appends to its section). */
  content: Map<SectionId, Item[]>;
  /** The headings in the order they occur, repeats included. */
  order: SectionId[];
  /** Headings worded otherwise than the official ones, as written. */
  drifts: { section: SectionId; text: string }[];
}

/** The section whose heading begins `line`, and the rest of the line after it. */
export function matchHeading(line: string): { id: SectionId; rest: string } | undefined {
  const h = headingsIn(line)[0];
  if (!h || line.slice(0, h.start).trim() !== '') return undefined;
  return { id: h.id, rest: restAfter(line.slice(h.end)) };
}

function restAfter(s: string): string {
  return s.replace(/^[\s|｜:：,，、.。;；]+/, '').trim();
}

/** Page furniture of a PDF's text: page numbers (`-2-`, `— 3 —`, `第 2 页 共 5 页`). */
const PAGE_NUMBER =
  /^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/;
const COMMENT = /<!--[\s\S]*?-->/g;

/** A line trimmed, but a tab-separated row keeps its trailing tabs: each closes a blank last cell (`…\t1\t`). */
function trimLine(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.includes('\t') ? trimmed + raw.slice(raw.trimEnd().length).replace(/[^\t]/g, '') : trimmed;
}

/**
 * The flattened text form: one line per item; lines that are only separators, a table's drawn rules, page tools or
 * page numbers are dropped, and HTML comments a crawler left in the text (`<!--[if !supportLists]-->`) removed.
 */
export function textItems(text: string): Item[] {
  const items: Item[] = [];
  for (const raw of text.replace(COMMENT, '').split(/\r\n|\r|\n|\f|\v|\u2028|\u2029/)) {
    const line = trimLine(raw);
    if (line !== '' && !isSeparatorLine(line) && !isRuleLine(line) && !isToolsLine(line) && !PAGE_NUMBER.test(line))
      items.push({ kind: 'line', text: line });
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
  const out: Sections = { preamble: [], content: new Map(), order: [], drifts: [] };
  let target = out.preamble;
  const flat = items.flatMap((it) => (it.kind === 'table' ? splitTableAtHeadings(it.rows) : [it]));
  const push = (text: string) => {
    const t = trimLine(text);
    if (t !== '') target.push({ kind: 'line', text: t });
  };
  for (const item of flat) {
    if (item.kind !== 'line') {
      target.push(item);
      continue;
    }
    // A heading may stand anywhere in a line: what precedes it ends the section before.
    let at = 0;
    for (const h of headingsIn(item.text)) {
      // `一、总体情况良好，…` inside section 一 is its prose, not the heading again.
      if (h.glued && out.order.includes(h.id)) continue;
      push(item.text.slice(at, h.start));
      // The heading of the section being read, again (a table's caption under it, even after the section's prose —
      // a page's screen-reader caption copies with the text), continues the section: it is one heading.
      if (out.order[out.order.length - 1] === h.id) {
        at = h.end;
        continue;
      }
      out.order.push(h.id);
      if (!h.official) out.drifts.push({ section: h.id, text: h.text });
      let list = out.content.get(h.id);
      if (!list) out.content.set(h.id, (list = []));
      target = list;
      at = h.end;
    }
    push(at === 0 ? item.text : restAfter(item.text.slice(at)));
  }
  return out;
}

export interface TitleInfo {
  agency?: string;
  year?: number;
  /** The preamble without the title and page furniture. */
  preamble: string | null;
}

/** `…2024年政府信息公开工作年度报告`; some titles leave out 工作 (`…2020年政府信息公开年度报告`). */
const TITLE = /^(.{2,80}?)(?:关于)?((?:19|20)\d{2})年度?政府信息公开(?:工作)?年度报告$/;
/** The year first (`2019年上海市人民政府办公厅政府信息公开工作年度报告`), as many titles are worded. */
const TITLE_YEAR_FIRST = /^((?:19|20)\d{2})年度?(.{2,80}?)政府信息公开(?:工作)?年度报告$/;
/** The field name a site or a crawler sets before a page's title (`标题: …`). */
const TITLE_FIELD = /^(?:标题|题目|文章标题|信息名称|名称)[:：]/;
const MENTIONED =
  /现将(.{2,60}?)(?:[(（]以下简称[^)）]{0,20}[)）])?((?:19|20)\d{2})年度?(?:政府)?信息公开(?:工作)?年度报告/;
const PERIOD = /((?:19|20)\d{2})年1月1日(?:起)?(?:至|到|[-—–－~～])(?:(?:19|20)\d{2}年)?12月31日/;
const YEAR_REPORT = /((?:19|20)\d{2})年度?(?:政府)?信息公开(?:工作)?年度报告/;
/** Page furniture around a published report: breadcrumbs, dates, sources, font-size and print links. */
const FURNITURE =
  /^(首页|当前位置|您的位置|您现在的位置)|\s[>»]\s|^(发布时间|发布日期|时间|来源|信息来源|作者|字号|浏览次数|点击数|阅读次数|分享|打印|关闭)[:：\s]|【(打印|关闭)/;
/**
 * A page's record fields, as a site lists them above the text or a crawler writes them out (`文号:`, `发布机构: …`,
 * `原文链接: https://…`, `==== 正文 ====`): the page's, not the report's.
 */
const RECORD_FIELD =
  /^(?:标题|文号|发文字号|索引号|发布机构|发文机关|栏目|所属栏目|主题分类|组配分类|成文日期|发文日期|有效性|原文链接|本地目录|链接|网址|关键词)[:：]|^页面链接与图片详见|^[=＝\-—~]{3,}\s*(?:正文)?\s*[=＝\-—~]*$/;

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
  const text = compact(line).replace(TITLE_FIELD, '');
  const m = TITLE.exec(text);
  if (m) return { agency: m[1]!, year: Number(m[2]) };
  const first = TITLE_YEAR_FIRST.exec(text);
  return first ? { agency: first[2]!, year: Number(first[1]) } : undefined;
}

/** A line that is only a name (`淮安市人民政府`: Han characters and brackets) or a year (`2024年`). */
const NAME_LINE = /^(?:[\p{Script=Han}（）()·]{2,40}|(?:19|20)\d{2}年度?)$/u;

/**
 * The title and the line it ends on (-1: none): one line, or an agency's name on the line above the rest
 * (`淮安市人民政府` / `2024 年政府信息公开工作年度报告`, as a PDF or a Word document sets a title).
 */
function findTitle(lines: readonly string[]): { at: number; found?: { agency: string; year: number } } {
  for (let i = 0; i < lines.length; i++) {
    const one = title(lines[i]!);
    if (one) return { at: i, found: one };
    const next = lines[i + 1];
    if (next === undefined || !NAME_LINE.test(compact(lines[i]!)) || title(next)) continue;
    const two = title(lines[i]! + next);
    if (two) return { at: i + 1, found: two };
  }
  return { at: -1 };
}

/** Agency and year from the title line (or a page title), the statistics period or the preamble's wording. */
export function readTitle(preamble: readonly Item[], pageTitle?: string): TitleInfo {
  const lines = preamble.filter((i): i is Extract<Item, { kind: 'line' }> => i.kind === 'line').map((i) => i.text);
  const { at: titleAt, found } = findTitle(lines);
  // What precedes the title on a page is navigation; furniture lines are not the report's words.
  const body = lines
    .slice(titleAt + 1)
    .filter((l) => !RECORD_FIELD.test(compact(l)))
    .map((l) => (FURNITURE.test(l) ? reportWordsIn(l) : l))
    .filter((l): l is string => l !== undefined);
  // The page's heading often says the title again at the start of the text (`…2021年度政府信息公开工作年度报告 根据…`).
  const repeated = body.length > 0 ? LEADING_TITLE.exec(body[0]!) : null;
  if (repeated) {
    const rest = body[0]!.slice(repeated[0].length);
    if (rest) body[0] = rest;
    else body.shift();
  }
  const info: TitleInfo = { preamble: body.length > 0 ? body.join('\n') : null };
  const fromPage = !found && pageTitle ? pageTitleInfo(pageTitle) : undefined;
  const t = found ?? fromPage ?? embeddedTitle(lines);
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

/** A title at the start of a line, set off from what follows by spaces (`…年度报告 根据…`; never `…年度报告。`). */
const LEADING_TITLE =
  /^[\s\u3000]*[\p{Script=Han}（）()·\s\u3000]{2,60}?(?:19|20)\d{2}[\s\u3000]*年度?[\s\u3000]*政府信息公开(?:工作)?年度报告(?:[\s\u3000]+|$)/u;

/** How a report's preamble opens (`根据《中华人民共和国政府信息公开条例》…`, `本报告由…`). */
const OPENING = /(?:根据|依据|按照)(?:新修订的)?《|本(?:年度)?报告(?:根据|依据|按照|由|是)/;

/** The report's words on a line of page furniture: from where its preamble opens, if it does (a saved page's text). */
function reportWordsIn(line: string): string | undefined {
  const at = line.search(OPENING);
  return at > 0 ? line.slice(at).trim() : undefined;
}

/**
 * A title amid page furniture (`当前位置： 首页…年报 某局2019年度政府信息公开工作年度报告 来源：…`), set off by spaces
 * on both sides (a sentence that names the report, `现公布本局2024年…年度报告。`, is no title).
 */
const EMBEDDED_TITLE =
  /(?:^|[\s>»：:|｜])([\p{Script=Han}（）()·]{2,40})\s*((?:19|20)\d{2})\s*年度?\s*政府信息公开(?:工作)?年度报告(?=[\s\u3000]|$)/u;

function embeddedTitle(lines: readonly string[]): { agency: string; year: number } | undefined {
  for (const line of lines) {
    const m = EMBEDDED_TITLE.exec(line);
    if (m) return { agency: m[1]!, year: Number(m[2]) };
  }
  return undefined;
}

/** A page's <title> often carries the site name too: `…年度报告_益阳市人民政府`. */
function pageTitleInfo(text: string): { agency: string; year: number } | undefined {
  for (const part of compact(text).split(/[_|｜\-—–]+/)) {
    const t = title(part);
    if (t) return t;
  }
  return undefined;
}

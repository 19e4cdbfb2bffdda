/**
 * Normalising what published copies make of the official wording (half-width punctuation, stray spaces, other
 * quotes, other list-marker punctuation) so that it can be matched against the labels of report/format.
 */

const INVISIBLE = /[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]+/g;
const QUOTES = /["'“”„‟‘’‚‛「」『』〝〞〟＂＇]/g;
const TRAILING_NOISE = /[|｜:]+$/;

/** NFKC, falling back to the text itself where the engine lacks it. */
function nfkc(s: string): string {
  try {
    return s.normalize('NFKC');
  } catch {
    return s;
  }
}

/**
 * A figure as a published copy may print it, its thousands grouped (`1,881`, `１２，３４５`, `1,234,567`): the digits
 * alone, so that it reads as the number it is. Anything else (`,1`, `1,88`, `1,2345`) stays as written, for the
 * rules to report.
 */
export function ungrouped(text: string): string {
  const half = nfkc(text).trim();
  return /^\d{1,3}(?:,\d{3})+$/.test(half) ? half.replace(/,/g, '') : text;
}

const keyMemo = new Map<string, string>();
const MEMO_LIMIT = 4096;

/**
 * The key a table label is matched by: full-width → half-width (NFKC), no spaces, one kind of quote, and the
 * leading list marker written one way (`一、` `1.` `(一)`), no trailing `|` or `:`. Memoised: cells repeat.
 */
export function labelKey(text: string): string {
  const hit = keyMemo.get(text);
  if (hit !== undefined) return hit;
  let s = nfkc(text).replace(INVISIBLE, '').replace(QUOTES, '"').replace(TRAILING_NOISE, '');
  s = s.replace(/^([一二三四五六七八九十]+)[、.,，．]/, '$1、');
  s = s.replace(/^(\d{1,2})[、.,，．]/, '$1.');
  if (keyMemo.size >= MEMO_LIMIT) keyMemo.clear();
  keyMemo.set(text, s);
  return s;
}

const HEADING_DROP = /[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff、,，.．:：;；"'“”‘’「」]/;

/** One character of a heading as it counts for matching: punctuation other than brackets and spaces count for nothing. */
function headingChar(ch: string): string {
  if (HEADING_DROP.test(ch)) return '';
  const n = nfkc(ch);
  return HEADING_DROP.test(n) ? '' : n;
}

/** The key a section heading is matched by: NFKC, without spaces, list punctuation or quotes (brackets stay). */
export function headingKey(text: string): string {
  let out = '';
  for (const ch of text) out += headingChar(ch);
  return out;
}

/** The first character of `line` that counts for heading matching ('' if none). */
export function firstHeadingChar(line: string): string {
  for (const ch of line) {
    const h = headingChar(ch);
    if (h !== '') return h;
  }
  return '';
}

/**
 * If `line` begins with the heading whose key is `key`, the index in `line` where the heading ends; else -1.
 * What follows may be anything: a page's text runs the heading into its first words (`一、总体情况2021年…`).
 */
export function headingEnd(line: string, key: string): number {
  let acc = '';
  let i = 0;
  let lastCounted = '';
  while (i < line.length && acc.length < key.length) {
    const ch = String.fromCodePoint(line.codePointAt(i)!);
    i += ch.length;
    const h = headingChar(ch);
    if (h === '') continue;
    acc += h;
    lastCounted = ch;
    if (!key.startsWith(acc)) return -1;
  }
  if (acc !== key || lastCounted === '') return -1;
  // Trailing punctuation belongs to the heading line.
  while (i < line.length) {
    const ch = String.fromCodePoint(line.codePointAt(i)!);
    if (headingChar(ch) !== '') break;
    i += ch.length;
  }
  return i;
}

/** Elision marks in cut-down copies: `...`, `…`, `……`, `。。。`, `⋯`, `···`. */
export const ELISION = /\.{3,}|…+|。{3,}|⋯+|·{3,}/;
const ELISION_SPLIT = /(\.{3,}|…+|。{3,}|⋯+|·{3,})/;

export type Piece = { elision: true } | { elision: false; text: string };

/** Splits a cell's text at elision marks: `... 行政许可` → elision, `行政许可`. */
export function splitElisions(text: string): Piece[] {
  if (!ELISION.test(text)) return [{ elision: false, text }];
  const out: Piece[] = [];
  for (const part of text.split(ELISION_SPLIT)) {
    if (ELISION.test(part) && part.replace(ELISION_SPLIT, '') === '') out.push({ elision: true });
    else if (part.trim() !== '') out.push({ elision: false, text: part.trim() });
  }
  return out;
}

/** A line that is only cell separators (`|`, `||`, `|||`): the residue of merged cells in the flattened form. */
export function isSeparatorLine(line: string): boolean {
  return /^[\s|｜]*$/.test(line);
}

/** Box-drawing characters (U+2500–U+257F): `─`, `│`, `┼`, `╋`, `═`… */
const BOX = /[\u2500-\u257f]/;

/**
 * A line that only draws a table: a border of box-drawing characters (`├────┼────┤`), an ASCII border
 * (`+------+----+`), a Markdown table's delimiter row (`|---|:---:|`; one cell only between two pipes) or a long rule (eight
 * dashes or more). None is a cell; a short run of dashes (`—`, `--`) is, a cell saying nothing happened.
 */
export function isRuleLine(line: string): boolean {
  const s = line.replace(/[\s\u00a0\u3000]+/g, '');
  if (s === '') return false;
  if (BOX.test(s) && /^[\u2500-\u257f|｜+:=-]+$/.test(s)) return true;
  if (/^\+?(?:[-=]{3,}\+)+[-=]*$/.test(s)) return true;
  const cells = s.split(/[|｜]/).filter((c) => c !== '');
  const piped = cells.length >= 2 || /^[|｜].*[|｜]$/.test(s);
  if (/[|｜]/.test(s) && piped && cells.length > 0 && cells.every((c) => /^:?-{3,}:?$/.test(c))) return true;
  return /^[-—–_=]{8,}$/.test(s);
}

/** Two spaces or more: columns set apart as a PDF's text lays them out. */
const SPACE_RUN = /[ \u00a0\u3000]{2,}/;
/** The marks that set cells apart in a flattened line: pipes, a tab, drawn borders. */
const SEPARATOR = /[|｜\t│┃║]/;

/** Whether a line ends with a separator (`a | b |`): in a text whose rows all do, that one closes the row. */
export function closedBySeparator(line: string): boolean {
  return /[|｜\t│┃║][\s\u00a0\u3000]*$/.test(line);
}

/**
 * Splits a flattened line into its cells' texts (`a | b | c |`, `│ a │ b │` with drawn borders, tab-separated, or
 * columns set apart by runs of spaces as a PDF's text lays them out) → a, b, c. Single spaces stay inside a cell
 * (`4.无正当理由大量反复 申请`): the label scanner splits figures from labels there. Between separators, an empty cell
 * after the line's first cell is kept as '' — a blank the copy shows (`821 |  |  | 2 | `, a browser's `821\t\t\t2`),
 * which the reader counts where it makes a row whole. Before it is layout, and so are a framed line's borders
 * (`| a | b |`) and, where the text closes every row with one (`closing`), the last separator.
 */
export function splitCells(line: string, closing = false): string[] {
  const framed = /^[\s\u00a0\u3000]*[|｜│┃║]/.test(line);
  const parts = line.split(SEPARATOR);
  if (framed) parts.shift();
  if ((framed || closing) && parts.length > 1 && parts[parts.length - 1]!.trim() === '') parts.pop();
  const out: string[] = [];
  for (const part of parts) {
    const text = part.trim();
    if (text === '') {
      if (out.length > 0 && parts.length > 1) out.push('');
    } else if (!SPACE_RUN.test(text)) out.push(text);
    else for (const cell of text.split(SPACE_RUN)) if (cell.trim() !== '') out.push(cell.trim());
  }
  return out;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;

export function cjkCount(text: string): number {
  return text.match(CJK)?.length ?? 0;
}

/**
 * A number read leniently, for proposing repairs only (never for the model): `,1` → 1, `1,` → 1. Separators
 * around a figure are what a lost neighbouring cell leaves behind.
 */
export function lenientNumber(text: string): number | undefined {
  const s = nfkc(text)
    .replace(INVISIBLE, '')
    .replace(/^[,，、;；]+|[,，、;；]+$/g, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Whether a cell's text starts with a separator, the mark of an empty cell lost just before it (`,1`). */
export function startsWithSeparator(text: string): boolean {
  return /^[,，、;；]/.test(nfkc(text).trimStart());
}

/** Whether a cell's text ends with a separator, the mark of an empty cell lost just after it (`1,`). */
export function endsWithSeparator(text: string): boolean {
  return /[,，、;；]$/.test(nfkc(text).trimEnd());
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > 2 * max) return max + 1;
  const A = [...a];
  const B = [...b];
  if (Math.abs(A.length - B.length) > max) return max + 1;
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= B.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (A[i - 1] === B[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[B.length]!;
}

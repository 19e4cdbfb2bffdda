/**
 * Finding the official labels inside a run of text, where a page's cells ran together (`规章000行政规范性文件303`,
 * `…政府信息0000000 2.其他法律…`): a trie of the normalised label keys walked once over the text, then each label
 * kept only where it stands like a table cell (next to another label or a value run), never inside a sentence.
 * What lies between the labels is value runs (`000`, `0 0 0 0 0 00`, `156805947.43元`), marked as glued when their
 * cell boundaries may have been lost, or text.
 */
import { parseCellText } from '../model/value';
import { annotatedLabel, type LabelIndex } from './labels';
import { labelKey } from './normalize';
import type { RawToken } from './tokens';

interface TrieNode {
  next: Map<string, TrieNode>;
  key?: string;
}

interface Trie {
  root: TrieNode;
  first: Set<string>;
}

const tries = new WeakMap<LabelIndex, Trie>();

function trieOf(idx: LabelIndex): Trie {
  let trie = tries.get(idx);
  if (trie) return trie;
  trie = { root: { next: new Map() }, first: new Set() };
  for (const key of idx.byKey.keys()) {
    if ([...key].length < 2) continue;
    let node = trie.root;
    for (const ch of key) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map() }));
      node = child;
    }
    node.key = key;
    trie.first.add([...key][0]!);
  }
  tries.set(idx, trie);
  return trie;
}

const SKIP = /[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]/;
const QUOTE = /["'“”„‟‘’‚‛「」『』〝〞〟＂＇]/;
const CN_NUMERAL = /[一二三四五六七八九十]/;
const MARK = /[、.,，．]/;

/** The text as labelKey() sees it, one character at a time, with where each character came from. */
interface Normalised {
  readonly chars: string[];
  /** Offset in the original text of each normalised character, and the end of its source character. */
  readonly from: number[];
  readonly to: number[];
}

function nfkc(ch: string): string {
  try {
    return ch.normalize('NFKC');
  } catch {
    return ch;
  }
}

function normalise(text: string): Normalised {
  const chars: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const end = i + ch.length;
    if (!SKIP.test(ch)) {
      let out = QUOTE.test(ch) ? '"' : nfkc(ch);
      // A list marker written another way (`1、` `一.`) is keyed like the labels (`1.` `一、`); a decimal point is not.
      const prev = chars[chars.length - 1];
      if (prev !== undefined && MARK.test(ch)) {
        const nextCh = text.charAt(end);
        if (CN_NUMERAL.test(prev)) out = '、';
        else if (/\d/.test(prev) && !/[\d\s]/.test(nextCh) && nextCh !== '') out = '.';
      }
      for (const c of out) {
        chars.push(c);
        from.push(i);
        to.push(end);
      }
    }
    i = end;
  }
  return { chars, from, to };
}

interface Candidate {
  /** Normalised positions [start, end). */
  readonly start: number;
  readonly end: number;
}

function longestAt(trie: Trie, chars: readonly string[], i: number): number {
  let node: TrieNode | undefined = trie.root;
  let best = -1;
  for (let j = i; j < chars.length && node; j++) {
    node = node.next.get(chars[j]!);
    if (node?.key !== undefined) best = j + 1;
  }
  return best;
}

/** A figure as a table cell holds it: digits with a decimal part, a sign or a unit; or a placeholder. */
const VALUE_TOKEN = /^(?:[-+－＋]?[\d０-９][\d０-９,，]*(?:[.．][\d０-９]+)?(?:万?元|[%％])?|[/／—–\-－]+|无)$/;

function isValueToken(s: string): boolean {
  return VALUE_TOKEN.test(s);
}

/** Punctuation that ends a sentence or clause, which no label holds (labels do hold ，and ：). */
const SENTENCE = /[。；;！？!?]/;
/** A word that counts the figure before it (`198 条`, `2021 年`, `400 元`: a PDF's text spaces digits from words). */
const UNIT_NEXT = /^[条件个项次人名家份例宗元万亿年月日号%％]/;

/**
 * Splits a stretch between labels into leading figures, text and trailing figures. Figures count only where spaces
 * set them off from the text (`7816 (二)主动公开…`), never when a word follows at once (`3件`) or counts them
 * (`198 条，依申请公开…`: a sentence's figure, wrapped to the start of a line).
 */
function gapPieces(gap: string): { lead: string[]; text: string; trail: string[] } {
  const words = gap.split(/[\s\u00a0\u3000]+/).filter((w) => w !== '');
  let a = 0;
  while (a < words.length && isValueToken(words[a]!) && !UNIT_NEXT.test(words[a + 1] ?? '')) a++;
  if (a === words.length) return { lead: words, text: '', trail: [] };
  let b = words.length;
  while (b > a && isValueToken(words[b - 1]!)) b--;
  // After a sentence, figures are its own, wrapped before their word (`…公示公告信息 17` / `条等。`).
  if (SENTENCE.test(words.slice(a, b).join(''))) b = words.length;
  return { lead: words.slice(0, a), text: words.slice(a, b).join(' '), trail: words.slice(b) };
}

/**
 * Whether a chunk is one cell: a label (or one with an annotation: `规章（县级无此项）`), a figure, or text without
 * figures (labels run together without figures between them are not told apart from a sentence).
 */
function wholeCell(text: string, idx: LabelIndex): boolean {
  if (!/[0-9０-９]/.test(text)) return true;
  const key = labelKey(text);
  if (idx.byKey.has(key) || annotatedLabel(idx, key, null)) return true;
  // Figures a space apart are a row's cells (`67 3 0 0 1 0 71`, as pdftotext -raw prints a row), not one number.
  if (/[0-9０-９][\s\u00a0\u3000]+[0-9０-９]/.test(text)) return false;
  return typeof parseCellText(text) === 'number';
}

const cell = (text: string, glued = false): RawToken =>
  glued ? { kind: 'cell', text, glued } : { kind: 'cell', text };

/**
 * The cells of one chunk of text (a line, or one `|`-separated part of it): labels found inside it become cells of
 * their own, figures around them value cells (glued: their boundaries may be lost), the rest text cells.
 */
export function scanChunk(text: string, idx: LabelIndex): RawToken[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (wholeCell(trimmed, idx)) return [cell(trimmed)];
  const trie = trieOf(idx);
  const norm = normalise(trimmed);
  const { chars } = norm;
  const cands: Candidate[] = [];
  for (let i = 0; i < chars.length;) {
    const end = trie.first.has(chars[i]!) ? longestAt(trie, chars, i) : -1;
    if (end > 0) {
      cands.push({ start: i, end });
      i = end;
    } else i++;
  }
  const origStart = (c: Candidate) => norm.from[c.start]!;
  const origEnd = (c: Candidate) => norm.to[c.end - 1]!;
  // The stretches around the candidates, in the original text.
  const gapBefore = (k: number) => trimmed.slice(k === 0 ? 0 : origEnd(cands[k - 1]!), origStart(cands[k]!));
  const gapAfter = (k: number) =>
    trimmed.slice(origEnd(cands[k]!), k + 1 < cands.length ? origStart(cands[k + 1]!) : trimmed.length);
  const startsWithValues = (g: string) => g.trim() === '' || gapPieces(g).lead.length > 0;
  const endsWithValues = (g: string) => {
    if (g.trim() === '') return true;
    const p = gapPieces(g);
    return p.trail.length > 0 || p.text === '';
  };
  const accepted = cands.filter((_, k) => endsWithValues(gapBefore(k)) || startsWithValues(gapAfter(k)));
  const out: RawToken[] = [];
  const pushGap = (gap: string) => {
    if (gap.trim() === '') return;
    const p = gapPieces(gap);
    for (const v of p.lead) out.push(cell(v, true));
    if (p.text !== '') out.push(cell(p.text));
    for (const v of p.trail) out.push(cell(v, true));
  };
  let at = 0;
  for (const c of accepted) {
    const s = origStart(c);
    pushGap(trimmed.slice(at, s));
    out.push(cell(trimmed.slice(s, origEnd(c))));
    at = origEnd(c);
  }
  pushGap(trimmed.slice(at));
  return out;
}

/**
 * Table content as a stream of tokens: cells (a label of the format, a value, or text that is neither), blanks
 * (an empty HTML cell), elisions (`...` in cut-down copies) and row ends (HTML rows; the flattened form has none,
 * its rows are found by their labels).
 */
import type { TableId } from '../format/types';
import { parseCellText } from '../model/value';
import type { Item } from './document';
import { annotatedLabel, exactLabel, fuzzyLabel, truncatedLabel, type LabelIndex, type LabelMatch } from './labels';
import { scanChunk } from './scan';
import { cjkCount, closedBySeparator, labelKey, splitCells, splitElisions } from './normalize';

/**
 * A cell of the input: `glued` when it is a run of figures found inside a longer text (`0000000` after a label), whose
 * cell boundaries may have been lost; `last` for the last cell of a page cut off inside a table. A note is a line
 * of prose beside a table (an HTML page's paragraphs around its <table>).
 */
export type RawToken =
  | { kind: 'cell'; text: string; last?: boolean; glued?: boolean }
  | { kind: 'note'; text: string }
  | { kind: 'blank'; soft?: boolean }
  | { kind: 'elision' }
  | { kind: 'rowEnd' };

export type Token =
  | { kind: 'label'; text: string; match: LabelMatch }
  | { kind: 'value'; text: string; glued?: boolean }
  | { kind: 'text'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'blank'; soft?: boolean }
  | { kind: 'elision' }
  | { kind: 'rowEnd' };

function cellTokens(text: string, idx: LabelIndex, out: RawToken[]) {
  for (const piece of splitElisions(text)) {
    if (piece.elision) out.push({ kind: 'elision' });
    else for (const t of scanChunk(piece.text, idx)) out.push(t);
  }
}

/** Digits that are no single count: a leading 0, or more than the 8 digits of the largest count of tables 三/四. */
const RUN_TOGETHER = /^(?:0[0-9]+|[0-9]{9,})$/;
/** A line with cells set apart by pipes, tabs or drawn borders. */
const SEPARATED = /[|｜\t│┃║]/;
/** Share of such lines ending with a separator from which the text is taken to close every row with one. */
const CLOSING_SHARE = 0.8;

/**
 * The raw tokens of a section's items. Lines are read as flattened table rows only where the section has no HTML
 * table (a page's notes around a real table are not cells).
 */
export function rawTokens(items: readonly Item[], idx: LabelIndex): RawToken[] {
  const out: RawToken[] = [];
  const hasTable = items.some((i) => i.kind === 'table');
  // Rows that all end with a separator (`a | b |`) are closed by it: the empty after it is no blank last cell.
  const rows = items.flatMap((i) => (i.kind === 'line' && SEPARATED.test(i.text) ? [i.text] : []));
  const closing = rows.length > 0 && rows.filter(closedBySeparator).length >= CLOSING_SHARE * rows.length;
  for (const item of items) {
    if (item.kind === 'table') {
      for (const row of item.rows) {
        for (const cell of row) {
          if (cell.trim() === '') out.push({ kind: 'blank' });
          else cellTokens(cell.trim(), idx, out);
        }
        out.push({ kind: 'rowEnd' });
      }
    } else if (!hasTable) {
      // A blank between a text line's separators is soft: a cell where it makes a row whole, else layout.
      const cells = splitCells(item.text, closing);
      // A line that is a run of digits no count is written as (`000000000000000`, `315090000000000`: a row's figures
      // run together by a copy) holds several cells, as a run after a label does; a row short of cells is split by
      // its sums. (A figure alone on its line, `14`, is one cell: a layout of one cell a line.)
      if (cells.length === 1 && RUN_TOGETHER.test(cells[0]!)) out.push({ kind: 'cell', text: cells[0]!, glued: true });
      else
        for (const cell of cells) {
          if (cell === '') out.push({ kind: 'blank', soft: true });
          else cellTokens(cell, idx, out);
        }
    } else out.push({ kind: 'note', text: item.text });
  }
  return out;
}

/** Text that stands where a number belongs (`减4`, `251000元`, `/`, `—`, `无`): kept as a value for TYPE-INT. */
const PLACEHOLDER = /^(\/|／|\\|-+|－+|—+|–+|_+|×|x|X|无|空|零|暂无|没有)$/;

function valueLike(text: string): boolean {
  if (PLACEHOLDER.test(text)) return true;
  return /\d/.test(text) && text.length <= 12 && cjkCount(text) <= 2;
}

/** Where labels stop and prose begins: long text or sentences are not meant as cells. */
export function proseLike(text: string): boolean {
  return text.length > 60 || /[。；;！？!?]/.test(text);
}

/**
 * Classifies a cell: an exact label first, then a number, then a label with an annotation or without its
 * numbering, then other value-like text, then a label a few edits away, then (at the very end of a cut-off
 * page) the start of a label.
 */
/** How many fuzzy comparisons one import may spend: a page of noise must not make the import slow. */
export interface MatchBudget {
  fuzzy: number;
}

export const FUZZY_BUDGET = 2000;

export function classify(
  raw: RawToken,
  idx: LabelIndex,
  table: TableId | null,
  budget: MatchBudget = { fuzzy: FUZZY_BUDGET },
): Token {
  if (raw.kind !== 'cell') return raw;
  const { text } = raw;
  const key = labelKey(text);
  const exact = exactLabel(idx, key, table);
  if (exact) return { kind: 'label', text, match: exact };
  if (typeof parseCellText(text) === 'number')
    return raw.glued ? { kind: 'value', text, glued: true } : { kind: 'value', text };
  const annotated = annotatedLabel(idx, key, table);
  if (annotated) return { kind: 'label', text, match: annotated };
  if (raw.glued) return { kind: 'value', text, glued: true };
  if (valueLike(text)) return { kind: 'value', text };
  if (!proseLike(text) && budget.fuzzy-- > 0) {
    const fuzzy = fuzzyLabel(idx, key, table);
    if (fuzzy) return { kind: 'label', text, match: fuzzy };
    const truncated = raw.last ? truncatedLabel(idx, key, table) : undefined;
    if (truncated) return { kind: 'label', text, match: truncated };
  }
  return { kind: 'text', text };
}

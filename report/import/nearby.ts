/**
 * Labels as a PDF's text or a careless copy leaves them: wrapped over lines (the beginning on one, the rest on the
 * next), printed down the side a character or two a line, split into words, or garbled beyond a few edits. A cell
 * that is no label is matched by its beginning, or as the row expected next in the table's order, or known as a
 * piece of a label (and then neither read nor reported).
 */
import type { TableId } from '../format/types';
import type { LabelEntry, LabelIndex, LabelMatch } from './labels';
import { labelKey } from './normalize';

/** Keys of a table's labels joined (to find a fragment of one by indexOf). */
const joinedKeys = new WeakMap<LabelIndex, Map<TableId, string>>();

function joinedOf(idx: LabelIndex, table: TableId): string {
  let byTable = joinedKeys.get(idx);
  if (!byTable) joinedKeys.set(idx, (byTable = new Map()));
  let s = byTable.get(table);
  if (s === undefined) {
    s = idx.keys
      .filter((k) => k.entry.table === table)
      .map((k) => k.key)
      .join('\u0000');
    byTable.set(table, s);
  }
  return s;
}

/**
 * Whether a text is a piece of one of the table's labels: the tail of a label wrapped over lines (`形，不计其他情形）`),
 * a header split into words (`商业`, `企业`), a group label printed down the side (`（三）不`, `予公开`).
 */
export function isLabelFragment(idx: LabelIndex, key: string, table: TableId): boolean {
  return key !== '' && !key.includes('\u0000') && joinedOf(idx, table).includes(key);
}

/** The one label of the table that a wrapped cell begins (`（二）部分公开（区分处理的，只计这一情`), if long enough. */
export function prefixLabel(idx: LabelIndex, key: string, table: TableId): LabelMatch | undefined {
  if ([...key].length < 5) return undefined;
  const hits = idx.keys.filter((k) => k.entry.table === table && k.key.startsWith(key) && k.key !== key);
  const distinct = new Set(hits.map((h) => h.entry.official));
  return distinct.size === 1 ? { entry: hits[0]!.entry, kind: 'truncated' } : undefined;
}

const rowOrders = new WeakMap<LabelIndex, Map<TableId, LabelEntry[]>>();

/** The rows of a table (with figures), in the format's order. */
function rowOrder(idx: LabelIndex, table: TableId): LabelEntry[] {
  let byTable = rowOrders.get(idx);
  if (!byTable) rowOrders.set(idx, (byTable = new Map()));
  let rows = byTable.get(table);
  if (!rows) {
    const labels =
      table === '二'
        ? idx.format.table2.flatMap((b) => b.rows.map((r) => r.label))
        : table === '三'
          ? idx.format.table3.rows.filter((r) => r.hasValues).map((r) => r.label)
          : [];
    rows = labels.map((l) => (idx.byKey.get(labelKey(l)) ?? []).find((e) => e.table === table && !e.alias)!);
    byTable.set(table, rows);
  }
  return rows;
}

/** Length of the longest common subsequence (short strings only: labels and the cells read as them). */
function lcs(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = [0];
    for (let j = 1; j <= b.length; j++)
      cur.push(a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!));
    prev = cur;
  }
  return prev[b.length]!;
}

/** How many rows after the last one read a garbled label may stand for. */
const EXPECTED_AHEAD = 3;

/**
 * A row label garbled beyond a few edits (`2.其他法律行政止公开` for `2.其他法律行政法规禁止公开`), matched against the
 * rows expected next in the table's order: most of the official label found in it, and little else.
 */
export function expectedRowLabel(
  idx: LabelIndex,
  key: string,
  table: TableId,
  lastRow: string | null,
): LabelMatch | undefined {
  const text = [...key];
  if (text.length < 4 || text.length > 80) return undefined;
  const rows = rowOrder(idx, table);
  const from = lastRow === null ? 0 : rows.findIndex((e) => e.official === lastRow) + 1;
  let best: { entry: LabelEntry; score: number } | undefined;
  for (const entry of rows.slice(from, from + EXPECTED_AHEAD)) {
    const label = [...labelKey(entry.official)];
    const common = lcs(text, label);
    if (common / label.length < 0.6 || common / text.length < 0.75) continue;
    const score = common / label.length;
    if (!best || score > best.score) best = { entry, score };
  }
  return best ? { entry: best.entry, kind: 'fuzzy' } : undefined;
}

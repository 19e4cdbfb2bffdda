/**
 * Reading tables 二, 三 and 四 from a token stream. Rows are found by their labels (which survive flattening),
 * not by position: a row label opens a row and the values after it fill it, in the official column order, until
 * the next label, row end, elision or unrecognised text. Table 四 has no row labels: its values are what follows
 * its headers. Labels wrapped over lines, printed down the side or garbled are matched by their beginning, as the
 * row expected next, or recognised as a piece of a label; prose beside a table is kept as that section's notes.
 */
import type { FormatDef, SectionId, TableId } from '../format/types';
import { exactLabel, type LabelEntry, type LabelIndex, type LabelMatch, type MatchKind } from './labels';
import { expectedRowLabel, isLabelFragment, prefixLabel } from './nearby';
import { labelKey } from './normalize';
import { FUZZY_BUDGET, classify, proseLike, type RawToken } from './tokens';

/** A row of the official tables as the importer fills it: its cells in official order. */
export interface RowSpec {
  readonly key: string;
  readonly table: TableId;
  /** The official row label (table 四: 行政复议、行政诉讼). */
  readonly label: string;
  readonly ids: readonly string[];
}

/** One reading of a row: the texts of its cells as found (null: an empty HTML cell). */
export interface Reading {
  readonly texts: readonly (string | null)[];
  /** Per cell: a run of figures whose cell boundaries may have been lost (./runs splits it by the sums). */
  readonly glued: readonly boolean[];
  readonly excerpt: string;
}

export interface Drift {
  readonly table: TableId;
  readonly text: string;
  readonly official: string;
  readonly kind: MatchKind;
}

export interface Stray {
  readonly table: TableId;
  readonly after: string | null;
  readonly texts: readonly string[];
}

/** Figures after a group row of this format that the other version fills (2021 （六）其他处理 read as the 2019 row). */
export interface MixedRow {
  readonly table: TableId;
  readonly text: string;
  readonly official: string;
  readonly otherRowKey: string;
  readonly reading: Reading;
}

export interface TablesRead {
  readonly readings: ReadonlyMap<string, readonly Reading[]>;
  readonly drifts: readonly Drift[];
  readonly unknown: readonly { table: TableId; text: string }[];
  readonly stray: readonly Stray[];
  readonly mixed: readonly MixedRow[];
  /** Tables with at least one of their labels in the input. */
  readonly met: ReadonlySet<TableId>;
  /** Tables with an elision (`...`) in them: rows missing there were left out of the copy. */
  readonly elided: ReadonlySet<TableId>;
  /** Prose found among a section's table content, by section. */
  readonly notes: ReadonlyMap<SectionId, readonly string[]>;
}

export interface Segment {
  /** The table of the section the tokens come from (null: a table found in a prose section). */
  readonly table: TableId | null;
  readonly section: SectionId;
  readonly tokens: readonly RawToken[];
}

const specCache = new WeakMap<FormatDef, RowSpec[]>();

/** The rows of a format's tables, in reading order; table 四 is one row of 15 cells. */
export function rowSpecs(format: FormatDef): readonly RowSpec[] {
  const hit = specCache.get(format);
  if (hit) return hit;
  const byKey = new Map<string, { table: TableId; label: string; ids: string[] }>();
  for (const c of format.cells) {
    const key = c.table === '四' ? '四' : `${c.table}|${c.rowKey}`;
    const label = c.table === '四' ? `${format.table4.reviewHeading}、${format.table4.litigationHeading}` : c.row;
    let spec = byKey.get(key);
    if (!spec) byKey.set(key, (spec = { table: c.table, label, ids: [] }));
    spec.ids.push(c.id);
  }
  const specs = [...byKey].map(([key, s]) => ({ key, ...s }));
  specCache.set(format, specs);
  return specs;
}

export const TABLE4_KEY = '四';

/** Whether every official label with this wording belongs to one table (only such labels switch the table being read). */
function distinctive(idx: LabelIndex, official: string, table: TableId): boolean {
  return (idx.byKey.get(labelKey(official)) ?? []).every((e) => e.table === table);
}

/** A cell of a row as read; `soft`: a blank a text line showed between its separators (see splitCells). */
type Cell = { text: string | null; glued: boolean; soft?: boolean };

/** Soft blanks are cells where the row is whole with them, and layout where it is whole (or no less broken) without. */
function fitted(cells: readonly Cell[], n: number): readonly Cell[] {
  return cells.length === n ? cells : cells.filter((c) => !c.soft);
}

function reading(label: string | null, cells: readonly Cell[]): Reading {
  const texts = cells.map((c) => c.text);
  const excerpt = [...(label === null ? [] : [label]), ...texts.map((t) => t ?? '')].join(' | ');
  return { texts, glued: cells.map((c) => c.glued), excerpt };
}

/**
 * A text cell that is no label: matched as a wrapped or garbled row label, or known as a piece of one. Pieces of a
 * group label printed down the side may stand before it on its line (`三、本 （一）予以公开`, `（六）其他 1.申请人…`,
 * as a PDF of a page with merged cells prints): they are set aside, and the rest read as the label or its beginning.
 */
function nearbyLabel(idx: LabelIndex, text: string, table: TableId, lastRow: string | null): LabelMatch | undefined {
  const key = labelKey(text);
  const begun = prefixLabel(idx, key, table);
  if (begun) return begun;
  const words = text.split(/[\s\u00a0\u3000]+/).filter((w) => w !== '');
  for (let k = 1; k < words.length && isLabelFragment(idx, labelKey(words[k - 1]!), table); k++) {
    const rest = labelKey(words.slice(k).join(' '));
    const found = exactLabel(idx, rest, table) ?? prefixLabel(idx, rest, table);
    if (found) return found;
  }
  return expectedRowLabel(idx, key, table, lastRow);
}

/** Pieces of labels: one, or several a single space apart (a header split into words: `商业 科研`). */
function fragments(idx: LabelIndex, text: string, table: TableId): boolean {
  return text
    .split(/[\s\u00a0\u3000]+/)
    .every((w) => w === '' || isLabelFragment(idx, labelKey(w), table) || idx.byKey.has(labelKey(w)));
}

export function readTables(segments: readonly Segment[], idx: LabelIndex): TablesRead {
  const specs = new Map(rowSpecs(idx.format).map((s) => [s.key, s]));
  const readings = new Map<string, Reading[]>();
  const drifts: Drift[] = [];
  const unknown: { table: TableId; text: string }[] = [];
  const stray: Stray[] = [];
  const mixed: MixedRow[] = [];
  const met = new Set<TableId>();
  const elided = new Set<TableId>();
  const notes = new Map<SectionId, string[]>();
  const budget = { fuzzy: FUZZY_BUDGET };
  const addReading = (key: string, r: Reading) => {
    const list = readings.get(key) ?? [];
    list.push(r);
    readings.set(key, list);
  };

  for (const segment of segments) {
    let current = segment.table;
    type Open = { spec?: RowSpec; entry: LabelEntry; label: string; cells: Cell[] };
    let open = null as Open | null;
    let strayRun: string[] = [];
    let lastLabel: string | null = null;
    let lastRow: string | null = null;
    // Table 四: the values of the HTML row being read, whether that row holds headers, and the run so far.
    let t4Row: Cell[] = [];
    let t4RowHasLabel = false;
    let t4Run: Cell[] = [];
    const note = (text: string) => {
      const list = notes.get(segment.section) ?? [];
      list.push(text);
      notes.set(segment.section, list);
    };

    const closeRow = () => {
      if (open) {
        const { spec, entry, label } = open;
        const cells = [...open.cells];
        const n = spec?.ids.length ?? 0;
        // Spare empty cells at the end (a colspan drawn as separate cells) are not cells of the row.
        while (cells.length > n && cells[cells.length - 1]!.text === null) cells.pop();
        if (cells.length > 0 && spec) addReading(spec.key, reading(label, fitted(cells, n)));
        else if (cells.some((c) => c.text !== null) && entry.otherVersionRow)
          mixed.push({
            table: entry.table,
            text: label,
            official: entry.official,
            otherRowKey: entry.otherVersionRow,
            reading: reading(label, cells),
          });
        open = null;
      }
      if (strayRun.length > 0 && current && current !== '四')
        stray.push({ table: current, after: lastLabel, texts: strayRun });
      strayRun = [];
    };
    const flushT4Row = () => {
      // Empty cells in a header row are layout, not blank values (a text line's soft blanks are judged at the end).
      for (const c of t4Row) if (c.text !== null || c.soft || !t4RowHasLabel) t4Run.push(c);
      t4Row = [];
      t4RowHasLabel = false;
    };
    const closeT4 = () => {
      flushT4Row();
      const spec = specs.get(TABLE4_KEY)!;
      // Soft blanks before the first figure stood among the headers.
      while (t4Run[0]?.soft) t4Run.shift();
      while (t4Run.length > spec.ids.length && t4Run[t4Run.length - 1]!.text === null) t4Run.pop();
      while (t4Run.length > spec.ids.length && t4Run[0]!.text === null) t4Run.shift();
      const run = fitted(t4Run, spec.ids.length);
      if (run.length > 0) addReading(TABLE4_KEY, reading(null, run));
      t4Run = [];
    };
    const switchTo = (table: TableId) => {
      if (table === current) return;
      closeRow();
      if (current === '四') closeT4();
      current = table;
    };
    const label = (text: string, match: LabelMatch) => {
      closeRow();
      const { entry, kind } = match;
      if (kind !== 'exact' && kind !== 'truncated')
        drifts.push({ table: entry.table, text, official: entry.official, kind });
      // A short column header (`其他`) printed among another table's headers does not move the reading there.
      const moves = entry.role !== 'header' || [...entry.official].length >= 4;
      if (entry.table !== current && (current === null || (moves && distinctive(idx, entry.official, entry.table))))
        switchTo(entry.table);
      met.add(entry.table);
      lastLabel = entry.official;
      if (current === '四') t4RowHasLabel = true;
      else if (entry.table === current && (entry.role === 'row' || entry.otherVersionRow)) {
        const spec = entry.rowKey && entry.role === 'row' ? specs.get(`${entry.table}|${entry.rowKey}`) : undefined;
        if (spec) lastRow = entry.official;
        open = { ...(spec ? { spec } : {}), entry, label: text, cells: [] };
      }
    };

    for (const raw of segment.tokens) {
      const tok = classify(raw, idx, current, budget);
      switch (tok.kind) {
        case 'label':
          label(tok.text, tok.match);
          break;
        case 'value':
        case 'blank': {
          const c: Cell =
            tok.kind === 'value'
              ? { text: tok.text, glued: tok.glued === true }
              : { text: null, glued: false, ...(tok.soft ? { soft: true } : {}) };
          if (current === '四') t4Row.push(c);
          else if (open) open.cells.push(c);
          else if (c.text !== null) strayRun.push(c.text);
          break;
        }
        case 'rowEnd':
          closeRow();
          if (current === '四') flushT4Row();
          break;
        case 'elision':
          closeRow();
          if (current) elided.add(current);
          break;
        case 'note':
          if (tok.text.trim() !== '') note(tok.text.trim());
          break;
        case 'text': {
          if (proseLike(tok.text)) {
            closeRow();
            note(tok.text);
            break;
          }
          if (!current) break;
          const near = nearbyLabel(idx, tok.text, current, lastRow);
          if (near) label(tok.text, near);
          else if (fragments(idx, tok.text, current)) {
            // The tail of a wrapped label ends the row it follows; before the row's figures it is part of its label.
            if (open?.cells.length) closeRow();
          } else {
            closeRow();
            unknown.push({ table: current, text: tok.text });
          }
          break;
        }
      }
    }
    closeRow();
    if (current === '四') closeT4();
  }
  return { readings, drifts, unknown, stray, mixed, met, elided, notes };
}

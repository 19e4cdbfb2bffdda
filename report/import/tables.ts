/**
 * Reading tables 二, 三 and 四 from a token stream. Rows are found by their labels (which survive flattening),
 * not by position: a row label opens a row and the values after it fill it, in the official column order, until
 * the next label, row end, elision or unrecognised text. Table 四 has no row labels: its values are what follows
 * its headers.
 */
import type { FormatDef, TableId } from '../format/types';
import type { LabelIndex, MatchKind } from './labels';
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

export interface TablesRead {
  readonly readings: ReadonlyMap<string, readonly Reading[]>;
  readonly drifts: readonly Drift[];
  readonly unknown: readonly { table: TableId; text: string }[];
  readonly stray: readonly Stray[];
  /** Tables with at least one of their labels in the input. */
  readonly met: ReadonlySet<TableId>;
}

export interface Segment {
  /** The table of the section the tokens come from (null: a table found in a prose section). */
  readonly table: TableId | null;
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

export function readTables(segments: readonly Segment[], idx: LabelIndex): TablesRead {
  const specs = new Map(rowSpecs(idx.format).map((s) => [s.key, s]));
  const readings = new Map<string, Reading[]>();
  const drifts: Drift[] = [];
  const unknown: { table: TableId; text: string }[] = [];
  const stray: Stray[] = [];
  const met = new Set<TableId>();
  const budget = { fuzzy: FUZZY_BUDGET };
  const addReading = (key: string, r: Reading) => {
    const list = readings.get(key) ?? [];
    list.push(r);
    readings.set(key, list);
  };

  for (const segment of segments) {
    let current = segment.table;
    let open: { spec: RowSpec; label: string; texts: (string | null)[] } | null = null;
    let strayRun: string[] = [];
    let lastLabel: string | null = null;
    // Table 四: the values of the HTML row being read, whether that row holds headers, and the run so far.
    let t4Row: (string | null)[] = [];
    let t4RowHasLabel = false;
    let t4Run: (string | null)[] = [];

    const closeRow = () => {
      if (open) {
        const { spec, label } = open;
        const texts = [...open.texts];
        // Spare empty cells at the end (a colspan drawn as separate cells) are not cells of the row.
        while (texts.length > spec.ids.length && texts[texts.length - 1] === null) texts.pop();
        if (texts.length > 0)
          addReading(spec.key, { texts, excerpt: [label, ...texts.map((t) => t ?? '')].join(' | ') });
        open = null;
      }
      if (strayRun.length > 0 && current && current !== '四')
        stray.push({ table: current, after: lastLabel, texts: strayRun });
      strayRun = [];
    };
    const flushT4Row = () => {
      // Empty cells in a header row are layout, not blank values.
      for (const t of t4Row) if (t !== null || !t4RowHasLabel) t4Run.push(t);
      t4Row = [];
      t4RowHasLabel = false;
    };
    const closeT4 = () => {
      flushT4Row();
      const spec = specs.get(TABLE4_KEY)!;
      while (t4Run.length > spec.ids.length && t4Run[t4Run.length - 1] === null) t4Run.pop();
      while (t4Run.length > spec.ids.length && t4Run[0] === null) t4Run.shift();
      if (t4Run.length > 0) addReading(TABLE4_KEY, { texts: t4Run, excerpt: t4Run.map((t) => t ?? '').join(' | ') });
      t4Run = [];
    };
    const switchTo = (table: TableId) => {
      if (table === current) return;
      closeRow();
      if (current === '四') closeT4();
      current = table;
    };

    for (const raw of segment.tokens) {
      const tok = classify(raw, idx, current, budget);
      switch (tok.kind) {
        case 'label': {
          closeRow();
          const { entry, kind } = tok.match;
          if (kind !== 'exact' && kind !== 'truncated')
            drifts.push({ table: entry.table, text: tok.text, official: entry.official, kind });
          if (entry.table !== current && (current === null || distinctive(idx, entry.official, entry.table)))
            switchTo(entry.table);
          met.add(entry.table);
          lastLabel = entry.official;
          if (current === '四') t4RowHasLabel = true;
          else if (entry.role === 'row' && entry.table === current && entry.rowKey) {
            const spec = specs.get(`${entry.table}|${entry.rowKey}`);
            if (spec) open = { spec, label: tok.text, texts: [] };
          }
          break;
        }
        case 'value':
        case 'blank': {
          const text = tok.kind === 'value' ? tok.text : null;
          if (current === '四') t4Row.push(text);
          else if (open) open.texts.push(text);
          else if (text !== null) strayRun.push(text);
          break;
        }
        case 'rowEnd':
          closeRow();
          if (current === '四') flushT4Row();
          break;
        case 'elision':
          closeRow();
          break;
        case 'text':
          closeRow();
          if (current && !proseLike(tok.text)) unknown.push({ table: current, text: tok.text });
          break;
      }
    }
    closeRow();
    if (current === '四') closeT4();
  }
  return { readings, drifts, unknown, stray, met };
}

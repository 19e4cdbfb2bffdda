/**
 * Matchers for the official labels, derived from the format data (never restated): which table a label belongs
 * to, what it is (a row, a column header, a block or group heading) and how a published variant maps onto it.
 */
import { FORMATS } from '../format';
import type { FormatDef, FormatVersion, TableId } from '../format/types';
import { cjkCount, editDistance, labelKey } from './normalize';

export type LabelRole = 'row' | 'group' | 'header';

export interface LabelEntry {
  readonly table: TableId;
  readonly role: LabelRole;
  /** The official wording, to publish and to name in findings. */
  readonly official: string;
  /** For rows: the row key (table 二 and 三). */
  readonly rowKey?: string;
  /** Matched through the wording of the other format version (`规范性文件` for `行政规范性文件`). */
  readonly alias?: boolean;
  /**
   * A group row here that is a row with figures in the other version (2021 （六）其他处理 is the 2019 single row):
   * figures after it are that version's row mixed in.
   */
  readonly otherVersionRow?: string;
}

/** How a published label was matched: exactly (after normalising), or by one of the drift rules. */
export type MatchKind = 'exact' | 'alias' | 'annotated' | 'unnumbered' | 'fuzzy' | 'truncated';

export interface LabelMatch {
  readonly entry: LabelEntry;
  readonly kind: MatchKind;
}

export interface LabelIndex {
  readonly format: FormatDef;
  readonly byKey: ReadonlyMap<string, readonly LabelEntry[]>;
  /** Keys without their leading list marker (`予以公开` → （一）予以公开), where that is unambiguous. */
  readonly byBareKey: ReadonlyMap<string, LabelEntry>;
  readonly keys: readonly { key: string; entry: LabelEntry }[];
}

function add(map: Map<string, LabelEntry[]>, text: string, entry: LabelEntry) {
  const key = labelKey(text);
  const list = map.get(key) ?? [];
  if (!list.some((e) => e.table === entry.table && e.role === entry.role && e.rowKey === entry.rowKey))
    list.push(entry);
  map.set(key, list);
}

const LIST_MARKER = /^([一二三四五六七八九十]+、|\d{1,2}\.|\([一二三四五六七八九十]+\))/;

function buildIndex(format: FormatDef): LabelIndex {
  const map = new Map<string, LabelEntry[]>();
  for (const block of format.table2) {
    add(map, block.heading, { table: '二', role: 'header', official: block.heading });
    for (const col of block.columns) add(map, col.label, { table: '二', role: 'header', official: col.label });
    for (const row of block.rows)
      add(map, row.label, { table: '二', role: 'row', official: row.label, rowKey: row.key });
  }
  add(map, format.table2Heading, { table: '二', role: 'header', official: format.table2Heading });
  const t3 = format.table3;
  for (const text of [t3.note, t3.applicantHeading, t3.organisationHeading, ...t3.columns.map((c) => c.label)]) {
    add(map, text, { table: '三', role: 'header', official: text });
  }
  for (const row of t3.rows) {
    add(map, row.label, { table: '三', role: row.hasValues ? 'row' : 'group', official: row.label, rowKey: row.key });
  }
  const t4 = format.table4;
  for (const text of [
    t4.reviewHeading,
    t4.litigationHeading,
    ...t4.groups.map((g) => g.label),
    ...t4.columns.map((c) => c.label),
  ]) {
    add(map, text, { table: '四', role: 'header', official: text });
  }
  addOtherVersions(format, map);
  markOtherVersionRows(format, map);
  const bare = new Map<string, LabelEntry | null>();
  for (const [key, entries] of map) {
    const stripped = key.replace(LIST_MARKER, '');
    if (stripped === key || stripped.length < 4) continue;
    bare.set(stripped, bare.has(stripped) || entries.length > 1 ? null : entries[0]!);
  }
  const byBareKey = new Map<string, LabelEntry>();
  for (const [k, e] of bare) if (e && !map.has(k)) byBareKey.set(k, e);
  const keys = [...map].flatMap(([key, entries]) => entries.map((entry) => ({ key, entry })));
  return { format, byKey: map, byBareKey, keys };
}

/**
 * The other version's wording: a row both versions have (same key) is read as this version's row and reported
 * as drift; the rest of its labels are known (not "unrecognised"), their figures belong to no row of this format.
 */
function addOtherVersions(format: FormatDef, map: Map<string, LabelEntry[]>) {
  const own = new Map<string, string>();
  for (const b of format.table2) for (const r of b.rows) own.set(`二|${r.key}`, r.label);
  for (const r of format.table3.rows) own.set(`三|${r.key}`, r.label);
  for (const other of Object.values(FORMATS)) {
    if (other === format) continue;
    const labels: { table: TableId; key?: string; label: string }[] = [
      ...other.table2.flatMap((b) => [
        { table: '二' as const, label: b.heading },
        ...b.columns.map((c) => ({ table: '二' as const, label: c.label })),
        ...b.rows.map((r) => ({ table: '二' as const, key: r.key, label: r.label })),
      ]),
      ...other.table3.rows.map((r) => ({ table: '三' as const, key: r.key, label: r.label })),
    ];
    for (const l of labels) {
      if (map.has(labelKey(l.label))) continue;
      const mine = l.key ? own.get(`${l.table}|${l.key}`) : undefined;
      const valued = l.table === '二' || format.table3.rows.find((r) => r.key === l.key)?.hasValues;
      add(
        map,
        l.label,
        mine && valued
          ? { table: l.table, role: 'row', official: mine, rowKey: l.key!, alias: true }
          : { table: l.table, role: 'header', official: l.label },
      );
    }
  }
}

/** Group rows of this format that the other version fills with figures (see LabelEntry.otherVersionRow). */
function markOtherVersionRows(format: FormatDef, map: Map<string, LabelEntry[]>) {
  for (const other of Object.values(FORMATS)) {
    if (other === format) continue;
    for (const row of other.table3.rows) {
      if (!row.hasValues) continue;
      const list = map.get(labelKey(row.label));
      const i = list?.findIndex((e) => e.table === '三' && e.role === 'group') ?? -1;
      if (list && i >= 0) list[i] = { ...list[i]!, otherVersionRow: row.key };
    }
  }
}

const indexes = new Map<FormatVersion, LabelIndex>();

export function labelIndex(format: FormatDef): LabelIndex {
  let idx = indexes.get(format.version);
  if (!idx) indexes.set(format.version, (idx = buildIndex(format)));
  return idx;
}

/** Picks the entry of the table being read when a label occurs in several tables (总计). */
function prefer(entries: readonly LabelEntry[], table: TableId | null): LabelEntry {
  return entries.find((e) => e.table === table) ?? entries[0]!;
}

/** A fuzzy match may differ by one edit in eight characters (`只计这一情况` for `只计这一情形`). */
function fuzzyLimit(length: number): number {
  return length < 5 ? 0 : Math.max(1, Math.floor(length / 8));
}

/** The exact match of a published label (after normalising), if any. */
export function exactLabel(idx: LabelIndex, key: string, table: TableId | null): LabelMatch | undefined {
  const entries = idx.byKey.get(key);
  if (!entries) return undefined;
  const entry = prefer(entries, table);
  return { entry, kind: entry.alias ? 'alias' : 'exact' };
}

/** A label with an annotation (`规章(县级无此项)`) or without its list marker (`予以公开`). */
export function annotatedLabel(idx: LabelIndex, key: string, table: TableId | null): LabelMatch | undefined {
  const annotation = /^(.+?)[(（][^()（）]*[)）]$/.exec(key);
  if (annotation) {
    const entries = idx.byKey.get(annotation[1]!);
    if (entries) return { entry: prefer(entries, table), kind: 'annotated' };
  }
  const bare = idx.byBareKey.get(key.replace(LIST_MARKER, ''));
  return bare ? { entry: bare, kind: 'unnumbered' } : undefined;
}

/** The one official label within a few edits of a published one (`只计这一情况` for `只计这一情形`), if unique. */
export function fuzzyLabel(idx: LabelIndex, key: string, table: TableId | null): LabelMatch | undefined {
  if (cjkCount(key) < 2) return undefined;
  let best: LabelEntry[] = [];
  let bestDistance = Infinity;
  for (const { key: k, entry } of idx.keys) {
    const limit = fuzzyLimit(Math.min(k.length, key.length));
    if (limit === 0) continue;
    const d = editDistance(key, k, Math.min(limit, bestDistance));
    if (d > limit || d > bestDistance) continue;
    if (d < bestDistance) {
      bestDistance = d;
      best = [entry];
    } else best.push(entry);
  }
  if (best.length === 0) return undefined;
  const sameTable = best.filter((e) => e.table === table);
  const pick = sameTable.length === 1 ? sameTable : best;
  const distinct = new Set(pick.map((e) => `${e.table}|${e.official}`));
  return distinct.size === 1 ? { entry: pick[0]!, kind: 'fuzzy' } : undefined;
}

/** The label a cut-off page ends in the middle of (`3.危及“三安全一稳`), if unique. */
export function truncatedLabel(idx: LabelIndex, key: string, table: TableId | null): LabelMatch | undefined {
  if (key.length < 3) return undefined;
  const hits = idx.keys.filter((k) => k.key.startsWith(key) && k.key !== key);
  const sameTable = hits.filter((h) => h.entry.table === table);
  const pick = sameTable.length > 0 ? sameTable : hits;
  return pick.length === 1 ? { entry: pick[0]!.entry, kind: 'truncated' } : undefined;
}

/**
 * The markers of each format version: the table 二 block headings and column headers and the table 三 row labels
 * that only one version has (本年新制作数量 / 上一年项目数量 / 本年增/减 / 第二十条第（九）项 → 2019; 本年制发件数 /
 * 本年处理决定数量 / 本年收费金额（单位：万元） / the three （六） sub-rows → 2021). Table 二 row labels are left out:
 * `规范性文件` is common drift in 2021 reports and would make a mix out of nothing.
 */
function markerLabels(format: FormatDef): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of format.table2) {
    out.set(labelKey(block.heading), block.heading);
    for (const col of block.columns) out.set(labelKey(col.label), col.label);
  }
  for (const row of format.table3.rows) out.set(labelKey(row.label), row.label);
  return out;
}

let markerCache: ReadonlyMap<string, { version: FormatVersion; official: string }> | undefined;

/** Normalised marker key → the version it marks and its official wording. */
export function versionMarkers(): ReadonlyMap<string, { version: FormatVersion; official: string }> {
  if (markerCache) return markerCache;
  const versions = Object.keys(FORMATS) as FormatVersion[];
  const labels = new Map(versions.map((v) => [v, markerLabels(FORMATS[v])]));
  const out = new Map<string, { version: FormatVersion; official: string }>();
  for (const v of versions) {
    for (const [key, official] of labels.get(v)!) {
      const elsewhere = versions.some((w) => w !== v && labels.get(w)!.has(key));
      if (!elsewhere) out.set(key, { version: v, official });
    }
  }
  return (markerCache = out);
}

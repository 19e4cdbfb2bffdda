/**
 * Conditional-formatting rules for the workbook, derived from the relation rules' data (TABLE_RULES): each relation
 * Σ lhs (=|≤) Σ rhs over cell ids becomes one plain expression over the cells' addresses, applied to the cells its
 * finding would name. So Excel, WPS and LibreOffice show a failing sum or balance in colour without the add-in.
 * Light (no exceljs): pure strings.
 */
import type { FormatDef } from '../format/types';
import type { Severity } from '../model/types';
import { TABLE_RULES } from '../rules/tableRules';
import { FEE_MAX_DECIMALS, maxCount, TYPE_FEE, TYPE_INT } from '../rules/typeRules';
import type { Relation, RelationRule } from '../rules/types';
import { a1, type InputSlot, type SlotKind, type WorkbookLayout, workbookLayout } from './layout';

export interface Highlight {
  readonly sheet: string;
  /** Space-separated ranges (`D5:I5 J5`), as in a `sqref`. */
  readonly sqref: string;
  /** The expression, without a leading `=`, true when the cells should be coloured. */
  readonly formula: string;
  readonly severity: Severity;
  /** The rule code the highlight stands for (TYPE-INT / TYPE-FEE: a value that breaks the cell's type). */
  readonly rule: string;
}

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Groups cells into few rectangles: vertical runs per column, then runs of equal height in adjacent columns. */
export function rectangles(cells: readonly { row: number; col: number }[]): Rect[] {
  const byCol = new Map<number, number[]>();
  for (const c of cells) byCol.set(c.col, [...(byCol.get(c.col) ?? []), c.row]);
  const runs: Rect[] = [];
  for (const col of [...byCol.keys()].sort((a, b) => a - b)) {
    const rows = [...new Set(byCol.get(col)!)].sort((a, b) => a - b);
    let start = rows[0]!;
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && rows[i] === rows[i - 1]! + 1) continue;
      runs.push({ top: start, bottom: rows[i - 1]!, left: col, right: col });
      if (i < rows.length) start = rows[i]!;
    }
  }
  const merged: Rect[] = [];
  for (const r of runs) {
    const prev = merged.find((m) => m.top === r.top && m.bottom === r.bottom && m.right === r.left - 1);
    if (prev) prev.right = r.right;
    else merged.push({ ...r });
  }
  return merged;
}

const inside = (s: { row: number; col: number }, r: Rect) =>
  s.row >= r.top && s.row <= r.bottom && s.col >= r.left && s.col <= r.right;

function rangeText(r: Rect, absolute: boolean): string {
  const cell = (row: number, col: number) => {
    const s = a1(row, col);
    return absolute ? s.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2') : s;
  };
  const tl = cell(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? tl : `${tl}:${cell(r.bottom, r.right)}`;
}

function refs(slots: readonly InputSlot[], absolute: boolean): string[] {
  return rectangles(slots).map((r) => rangeText(r, absolute));
}

/** Beyond float noise, as in the engine. */
const EPSILON = '0.000000001';

/** A row's 总计 (its address) and the range of the figures it totals. */
export interface RowTotal {
  readonly total: string;
  readonly parts: string;
}

/**
 * The engine's semantics in spreadsheet terms: blanks count as 0; nothing is flagged while a cell holds text
 * (COUNTA counts text, COUNT does not; TYPE-INT reports it) or while the stated side (rhs) is all blank. A row's
 * 总计 left blank counts as the sum of its figures (#N/A — nothing flagged — beside text), and states its side
 * when they do.
 */
export function relationFormula(
  lhs: readonly string[],
  rhs: readonly string[],
  op: Relation['op'],
  totals: { readonly lhs: readonly RowTotal[]; readonly rhs: readonly RowTotal[] } = { lhs: [], rhs: [] },
): string {
  const l = lhs.join(',');
  const r = rhs.join(',');
  const implied = (t: RowTotal) =>
    `IF(COUNTA(${t.total})>0,0,IF(COUNTA(${t.parts})=COUNT(${t.parts}),SUM(${t.parts}),NA()))`;
  const sum = (cells: string, ts: readonly RowTotal[]) => [`SUM(${cells})`, ...ts.map(implied)].join('+');
  const [sl, sr] = [sum(l, totals.lhs), sum(r, totals.rhs)];
  const differs = op === '=' ? `ABS(${sl}-(${sr}))>${EPSILON}` : `${sl}-(${sr})>${EPSILON}`;
  const stated = [r, ...totals.rhs.map((t) => t.parts)].join(',');
  return `AND(COUNT(${stated})>0,COUNTA(${l},${r})=COUNT(${l},${r}),${differs})`;
}

function slotsOf(layout: WorkbookLayout, ids: readonly string[]): InputSlot[] {
  return ids.map((id) => {
    const s = layout.byId.get(id);
    if (!s) throw new Error(`relation refers to cell ${id}, which has no place in the workbook`);
    return s;
  });
}

interface TypeCheck {
  readonly rule: { readonly code: string; readonly severity: Severity };
  /**
   * True when the cell's value breaks the type: text always; for numbers, what TYPE-INT / TYPE-FEE flag (`max`: the
   * largest count believed in the cell's table).
   */
  readonly formula: (cell: string, max: number) => string;
}

/**
 * The type rules in spreadsheet terms, per kind of cell. IF, not OR: INT and ROUND of text are errors, which would
 * make the whole expression an error (and the cell uncoloured) in Excel and LibreOffice.
 */
export const TYPE_CHECKS: Partial<Record<SlotKind, TypeCheck>> = {
  count: {
    rule: TYPE_INT,
    formula: (a, max) => `IF(ISNUMBER(${a}),OR(${a}<0,${a}<>INT(${a}),${a}>${max}),ISTEXT(${a}))`,
  },
  signedCount: {
    rule: TYPE_INT,
    formula: (a, max) => `IF(ISNUMBER(${a}),OR(${a}<>INT(${a}),ABS(${a})>${max}),ISTEXT(${a}))`,
  },
  // A fee of 1亿 or more is only a hint (info) in TYPE-FEE — large cities do collect that much — so it is not coloured.
  fee: {
    rule: TYPE_FEE,
    formula: (a) => `IF(ISNUMBER(${a}),OR(${a}<0,ROUND(${a},${FEE_MAX_DECIMALS})<>${a}),ISTEXT(${a}))`,
  },
  amount: { rule: TYPE_FEE, formula: (a) => `IF(ISNUMBER(${a}),${a}<0,ISTEXT(${a}))` },
};

const cache = new WeakMap<FormatDef, WeakMap<readonly RelationRule[], readonly Highlight[]>>();

/** One highlight per relation of every table rule, plus text in any number cell; errors before warnings. */
export function highlights(format: FormatDef, rules: readonly RelationRule[] = TABLE_RULES): readonly Highlight[] {
  let byRules = cache.get(format);
  if (!byRules) cache.set(format, (byRules = new WeakMap()));
  let hit = byRules.get(rules);
  if (!hit) byRules.set(rules, (hit = derive(format, rules)));
  return hit;
}

function derive(format: FormatDef, rules: readonly RelationRule[]): Highlight[] {
  const layout = workbookLayout(format);
  const cellById = new Map(format.cells.map((c) => [c.id, c]));
  const out: Highlight[] = [];
  // Row totals, by cell id: in any other relation, each stands for its row's figures when left blank.
  const rowTotals = new Map<string, string>();
  for (const rule of rules) {
    for (const rel of rule.relations(format)) {
      if (!rel.rowTotal) continue;
      const parts = refs(slotsOf(layout, rel.lhs), true);
      if (parts.length !== 1) throw new Error(`${rule.code}: a row total's figures are not one range`);
      rowTotals.set(rel.rhs[0]!, parts[0]!);
    }
  }
  // (Not in the row's own sum, where a blank 总计 is simply not stated.)
  const totalsOf = (rel: Relation, ids: readonly string[]): RowTotal[] =>
    ids.flatMap((id) => {
      const parts = rowTotals.get(id);
      const own = rel.rowTotal && rel.rhs[0] === id;
      return parts && !own ? [{ total: refs(slotsOf(layout, [id]), true)[0]!, parts }] : [];
    });
  for (const rule of rules) {
    for (const rel of rule.relations(format)) {
      const lhs = slotsOf(layout, rel.lhs);
      const rhs = slotsOf(layout, rel.rhs);
      const shown = slotsOf(layout, rel.cells ?? [...rel.rhs, ...rel.lhs]);
      const sheet = shown[0]!.sheet;
      if ([...lhs, ...rhs, ...shown].some((s) => s.sheet !== sheet)) {
        throw new Error(`${rule.code}: a relation spans sheets, which conditional formatting cannot express`);
      }
      out.push({
        sheet,
        sqref: refs(shown, false).join(' '),
        formula: relationFormula(refs(lhs, true), refs(rhs, true), rel.op, {
          lhs: totalsOf(rel, rel.lhs),
          rhs: totalsOf(rel, rel.rhs),
        }),
        severity: rule.severity,
        rule: rule.code,
      });
    }
  }
  // A value that breaks its cell's type (typed past the validation, or pasted): one rule per block of inputs of a
  // kind, relative to the block's corner.
  for (const sheet of new Set(layout.inputs.map((s) => s.sheet))) {
    for (const [kind, check] of Object.entries(TYPE_CHECKS) as [SlotKind, TypeCheck][]) {
      const slots = layout.inputs.filter((s) => s.sheet === sheet && s.kind === kind);
      for (const r of rectangles(slots)) {
        const bounds = new Set(slots.filter((s) => inside(s, r)).map((s) => maxCount(cellById.get(s.id)!)));
        if (bounds.size !== 1) throw new Error(`${sheet}: a block of inputs mixes tables`);
        out.push({
          sheet,
          sqref: rangeText(r, false),
          formula: check.formula(a1(r.top, r.left), [...bounds][0]!),
          severity: check.rule.severity,
          rule: check.rule.code,
        });
      }
    }
  }
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return out.sort((a, b) => order[a.severity] - order[b.severity]);
}

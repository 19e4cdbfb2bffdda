/**
 * Figures that ran together on the page (`291000030` for 29 | 1 | 0 | 0 | 0 | 0 | 30): a row read with fewer cells
 * than it has, where some of them are runs of digits, is split every way that gives it its number of cells (no
 * number but 0 starts with 0; a decimal part or a unit stays with the last digits), and the splits are held against
 * the report's own sums: those of the row itself first (while the splits are made), then those across rows, with
 * everything else read and the ranges the undecided rows can still take, then the undecided rows weighed together —
 * so a whole table run together, figures in the thousands, is read. Exactly one split left → it is taken (reported
 * as FORMAT-LABEL info); otherwise the row stays blank and the candidates go to a person (SHAPE-ROW). Every stage
 * has a budget of steps: a page of hostile runs costs a fraction of a second and is left to a person. Table 二 has
 * no sums: two facts of its own (documents in force ≥ issued − repealed; published in total ≥ newly published) are
 * all that can decide there.
 */
import type { FormatDef } from '../format/types';
import type { CellValue } from '../model/types';
import { candidateSplits, type PartialCells, type Rest, type StepBudget } from './splits';
import { checksOf, evaluate, num, viable, type Check, type Known } from './sums';
import type { Reading, RowSpec } from './tables';

/** Does the cell fit its kind (a decimal or a unit only where an amount goes, a minus only where a change)? */
function fitsKind(format: FormatDef, spec: RowSpec, cells: PartialCells, at: number): boolean {
  const t = cells[at];
  if (t === null || t === undefined || /^\d+$/.test(t)) return true;
  const kind = format.cellById.get(spec.ids[at]!)?.kind;
  return /^-\d+$/.test(t) ? kind === 'signedCount' : kind === 'fee' || kind === 'amount';
}

export interface RunRow {
  readonly spec: RowSpec;
  readonly reading: Reading;
}

export interface Split {
  readonly spec: RowSpec;
  readonly reading: Reading;
  readonly cells: readonly (string | null)[];
}

export interface Unsplit {
  readonly spec: RowSpec;
  readonly reading: Reading;
  /** Candidate splits, the most likely first. */
  readonly candidates: readonly (readonly (string | null)[])[];
  /**
   * Why no split was taken: several keep every sum; none keeps the row's own (the report is wrong there: the
   * candidates break the fewest); none makes its cells at all; too many to weigh.
   */
  readonly why: 'several' | 'ownSumsBroken' | 'none' | 'tooMany';
}

interface Pending {
  readonly row: RunRow;
  cands: (string | null)[][];
  /** Whether the candidates keep the row's own sums (else the report breaks them: a person decides the row). */
  ownSumsHold: boolean;
  /** Whether the candidates are every split there is (then one alone is taken even if it breaks the sums). */
  onlyPossible?: boolean;
  /** Whether the row has more splits than its budget lets be weighed. */
  tooMany?: boolean;
  /** The split decided, if any. */
  chosen?: (string | null)[];
}

/** Steps the splits of one import may take in all (a few thousand for a real page's rows). */
const IMPORT_SPLIT_STEPS = 200_000;
/** Steps a row whose own sums no split keeps may take to find the splits that break the fewest. */
const FALLBACK_STEPS = 5_000;
/** Steps the undecided rows of one import may take when weighed together, in all. */
const WEIGH_STEPS = 60_000;

/**
 * Splits the rows' runs by the sums. `values` holds everything else read (the rows read without splitting);
 * rows split here count for the others as soon as they are decided.
 */
export function splitRuns(
  format: FormatDef,
  rows: readonly RunRow[],
  values: Readonly<Record<string, CellValue>>,
): { split: Split[]; unsplit: Unsplit[] } {
  const checks = checksOf(format);
  const budget: StepBudget = { left: IMPORT_SPLIT_STEPS };
  const weighing: StepBudget = { left: WEIGH_STEPS };
  const decided = new Map<string, number | undefined>();
  const owner = new Map<string, Pending>();
  const known: Known = (id) => {
    if (decided.has(id)) return decided.get(id);
    if (owner.has(id)) return undefined;
    const v = values[id];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  // An undecided row's cell is open when every split left gives it a figure.
  const sure = new Map<string, boolean>();
  const survey = (p: Pending) =>
    p.row.spec.ids.forEach((id, i) =>
      sure.set(id, p.ownSumsHold && p.cands.length > 0 && p.cands.every((c) => (num(c[i] ?? null) ?? -1) >= 0)),
    );
  const open = (id: string) => !decided.has(id) && sure.get(id) === true;
  const decide = (p: Pending, cells: (string | null)[]) => {
    p.chosen = cells;
    p.cands = [cells];
    p.row.spec.ids.forEach((id, i) => decided.set(id, num(cells[i] ?? null)));
  };
  const trial = (p: Pending, cells: readonly (string | null)[]): Known => {
    const local = new Map(p.row.spec.ids.map((id, i) => [id, num(cells[i] ?? null)]));
    return (id) => (local.has(id) ? local.get(id) : known(id));
  };
  const touchingCache = new Map<Pending, Check[]>();
  const touching = (p: Pending) => {
    let hit = touchingCache.get(p);
    if (!hit) {
      hit = checks.filter((c) => p.row.spec.ids.some((id) => c.lhs.includes(id) || c.rhs.includes(id)));
      touchingCache.set(p, hit);
    }
    return hit;
  };
  const pendings: Pending[] = rows.map((row) => {
    const p: Pending = { row, ...ownSplits(format, row, checks, budget) };
    for (const id of row.spec.ids) owner.set(id, p);
    return p;
  });
  for (const p of pendings) {
    // A split that is the only one possible at all, or the only one that keeps the row's own sums.
    if (p.cands.length === 1 && (p.ownSumsHold || p.onlyPossible)) decide(p, p.cands[0]!);
    survey(p);
  }
  const byOwnSums = new Map(pendings.map((p) => [p, { cands: p.cands, chosen: p.chosen }]));
  const undecided = () => pendings.filter((p) => !p.chosen && p.ownSumsHold && p.cands.length > 1);
  // The sums across rows, with what is known and what the undecided rows can still be, until nothing changes;
  // then the undecided rows weighed together, and again.
  for (let changed = true; changed;) {
    changed = false;
    for (const p of undecided()) {
      const ok = p.cands.filter((c) => viable(touching(p), trial(p, c), (id) => owner.get(id) !== p && open(id)));
      if (ok.length === 1) decide(p, ok[0]!);
      else if (ok.length === 0 || ok.length === p.cands.length) continue;
      else p.cands = ok;
      survey(p);
      changed = true;
    }
    // Rows that share no sum are weighed apart (table 二's bounds never decide table 三's rows), the smallest first.
    for (const group of sharingSums(undecided(), touching)) {
      if (changed) break;
      changed = weighTogether(group, touching, known, open, decide, survey, weighing);
    }
  }
  // The other rows' sums decide a row only where they can be checked in the end and hold: a split taken while a sum
  // it rests on stays open (a row left undecided) or fails could be one that mends a wrong figure — a guess. Such
  // rows go back to the splits of their own sums, until every split taken this way is confirmed.
  const confirmed = (p: Pending) =>
    touching(p).every((c) => c.op !== '=' || [...c.lhs, ...c.rhs].every((id) => known(id) !== undefined)) &&
    evaluate(touching(p), known).failed === 0;
  for (let undone = true; undone;) {
    undone = false;
    for (const p of pendings) {
      const own = byOwnSums.get(p)!;
      if (p.chosen === own.chosen || !p.chosen || confirmed(p)) continue;
      p.chosen = undefined;
      for (const id of p.row.spec.ids) decided.delete(id);
      undone = true;
    }
  }
  // A row left to a person is offered every split of its own sums (those the others' sums favour first), and only
  // the figures all of them agree on are read.
  for (const p of pendings) if (!p.chosen) p.cands = byOwnSums.get(p)!.cands;
  const split: Split[] = [];
  const unsplit: Unsplit[] = [];
  for (const p of pendings) {
    if (p.chosen) split.push({ spec: p.row.spec, reading: p.row.reading, cells: p.chosen });
    else {
      const why = p.tooMany ? 'tooMany' : p.cands.length === 0 ? 'none' : p.ownSumsHold ? 'several' : 'ownSumsBroken';
      unsplit.push({ spec: p.row.spec, reading: p.row.reading, candidates: rank(p, touching(p), trial), why });
    }
  }
  return { split, unsplit };
}

/**
 * A row's splits that keep its own sums (cut while they are made), or, where none does and the report itself is
 * wrong there, those that break the fewest.
 */
function ownSplits(
  format: FormatDef,
  row: RunRow,
  checks: readonly Check[],
  budget: StepBudget,
): { cands: (string | null)[][]; ownSumsHold: boolean; onlyPossible?: boolean; tooMany?: boolean } {
  const { spec, reading } = row;
  const own = new Set(spec.ids);
  const local = checks.filter((c) => [...c.lhs, ...c.rhs].every((id) => own.has(id)));
  const at = new Map(spec.ids.map((id, i) => [id, i]));
  // The row's own sums by cell position. Cells are fixed from the right: [from, n) are, [0, from) are not yet —
  // figures ≥ 0 when every piece of the reading is a run or a figure ≥ 0.
  const byPosition = local.map((c) => ({
    lhs: c.lhs.map((id) => at.get(id)!),
    rhs: c.rhs.map((id) => at.get(id)!),
    op: c.op,
  }));
  const figures = reading.texts.every((t) => t !== null && (num(t) ?? -1) >= 0);
  const figureAt: (number | undefined)[] = [];
  let from = spec.ids.length;
  const known = (i: number) => (i >= from ? figureAt[i] : undefined);
  const open = (i: number) => figures && i < from;
  const cut = (cells: PartialCells, fixed: number, rest?: Rest) => {
    from = fixed;
    figureAt[fixed] = num(cells[fixed] ?? null);
    return fitsKind(format, spec, cells, fixed) && viable(byPosition, known, open, rest);
  };
  const kept = candidateSplits(reading, spec.ids.length, cut, budget);
  if (kept === undefined) return { cands: [], ownSumsHold: false, tooMany: true };
  if (kept.length > 0) return { cands: kept, ownSumsHold: true };
  // Ranked only when they are few: a long run that keeps no sum is left to a person as it is.
  const few = { left: Math.min(budget.left, FALLBACK_STEPS) };
  const all = candidateSplits(reading, spec.ids.length, (cells, fixed) => fitsKind(format, spec, cells, fixed), few);
  budget.left -= Math.min(budget.left, FALLBACK_STEPS) - few.left;
  if (all === undefined) return { cands: [], ownSumsHold: false, tooMany: true };
  if (all.length <= 1) return { cands: all, ownSumsHold: false, onlyPossible: true };
  const failed = all.map((c) => evaluate(local, (id) => num(c[at.get(id)!] ?? null)).failed);
  const least = Math.min(...failed);
  return { cands: all.filter((_, k) => failed[k] === least), ownSumsHold: false };
}

/** The rows in groups that share sums, the groups with the fewest combinations first. */
function sharingSums(rows: Pending[], touching: (p: Pending) => Check[]): Pending[][] {
  const groups: { rows: Pending[]; checks: Set<Check> }[] = [];
  for (const p of rows) {
    const mine = new Set(touching(p));
    const joined = groups.filter((g) => [...mine].some((c) => g.checks.has(c)));
    const merged = {
      rows: [p, ...joined.flatMap((g) => g.rows)],
      checks: new Set([...mine, ...joined.flatMap((g) => [...g.checks])]),
    };
    for (const g of joined) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  const size = (g: Pending[]) => g.reduce((n, p) => n * p.cands.length, 1);
  return groups.map((g) => g.rows).sort((a, b) => size(a) - size(b));
}

/**
 * Undecided rows that share sums, weighed together: every combination of their splits that keeps every sum,
 * searched row by row and cut as soon as a sum cannot hold (within the budget). One combination → decided;
 * several → each row keeps the splits some combination uses. Whether anything changed.
 */
function weighTogether(
  open: Pending[],
  touching: (p: Pending) => Check[],
  known: Known,
  isOpen: (id: string) => boolean,
  decide: (p: Pending, cells: (string | null)[]) => void,
  survey: (p: Pending) => void,
  budget: StepBudget,
): boolean {
  if (open.length < 2) return false;
  const order = [...open].sort((a, b) => a.cands.length - b.cands.length);
  const assigned = new Map<string, number | undefined>();
  const value: Known = (id) => (assigned.has(id) ? assigned.get(id) : known(id));
  const stillOpen = (id: string) => !assigned.has(id) && isOpen(id);
  const used = order.map(() => new Set<number>());
  let solutions = 0;
  const walk = (i: number): boolean => {
    if (i === order.length) {
      solutions++;
      order.forEach((p, k) => used[k]!.add(pick[k]!));
      return true;
    }
    const p = order[i]!;
    for (let c = 0; c < p.cands.length; c++) {
      if (--budget.left < 0) return false;
      pick[i] = c;
      p.row.spec.ids.forEach((id, j) => assigned.set(id, num(p.cands[c]![j] ?? null)));
      if (viable(touching(p), value, stillOpen) && !walk(i + 1)) return false;
    }
    for (const id of p.row.spec.ids) assigned.delete(id);
    return true;
  };
  const pick: number[] = [];
  if (!walk(0) || solutions === 0) return false;
  let changed = false;
  order.forEach((p, k) => {
    const kept = p.cands.filter((_, c) => used[k]!.has(c));
    if (kept.length === p.cands.length) return;
    changed = true;
    if (kept.length === 1) decide(p, kept[0]!);
    else p.cands = kept;
    survey(p);
  });
  return changed;
}

/** The likeliest splits first: fewest sums broken, the smallest gap where they are, then the smallest figures. */
function rank(
  p: Pending,
  rel: readonly Check[],
  trial: (p: Pending, cells: readonly (string | null)[]) => Known,
): (string | null)[][] {
  return p.cands
    .map((c) => {
      const e = evaluate(rel, trial(p, c));
      const size = c.reduce((s, t) => s + (num(t) ?? 0), 0);
      return { c, e, size };
    })
    .sort((a, b) => a.e.failed - b.e.failed || a.e.residual - b.e.residual || a.size - b.size)
    .map((x) => x.c);
}

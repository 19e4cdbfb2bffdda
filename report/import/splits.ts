/**
 * The ways a row's figures that ran together can make its cells: a run of digits becomes one or more cells of ten
 * digits at most, no number but 0 starting with 0, a decimal part or a unit staying with the last digits
 * (`156805947.43元` → 15 | 6805947.43元), a minus starting a cell (`51-237` → 51 | -2 | 37). Cells are fixed from
 * the last to the first: a row's total comes after its parts, so a caller that knows the row's sums can cut a split
 * as soon as its parts outgrow the total or the digits left cannot make up the rest (`viable`), and a row of
 * twenty-odd digits is weighed in a few thousand steps instead of hundreds of thousands. Bounded: a row with more
 * ways than MAX_SPLITS, or more steps than its budget, is not weighed (./runs leaves it to a person).
 */
import { MAX_TABLE2_COUNT } from '../rules/typeRules';
import type { Reading, RowSpec } from './tables';

/** A run of digits, with a minus before it (a decrease, table 二 of 2019) and a decimal part or unit after it. */
const RUN = /^(-?)(\d+)((?:\.\d+)?(?:万?元|%|％)?)$/;
/** Figures run together across a minus (`51-237`: 51 | -2 | 37): no one figure, glued or not. */
const SIGNED_RUN = /^-?\d+(?:-\d+)+$/;

/** The runs of a cell's text, if it is made of runs: a minus after a digit starts a new one (`499-1782`). */
function digitRuns(text: string | null, glued: boolean): RegExpExecArray[] | undefined {
  if (text === null || !(glued || SIGNED_RUN.test(text))) return undefined;
  const runs = text.split(/(?<=\d)(?=-\d)/).map((t) => RUN.exec(t));
  return runs.every((m) => m !== null) ? (runs as RegExpExecArray[]) : undefined;
}

/** A piece of a reading: a run of digits (split here) or a cell's text as it is. */
interface Piece {
  readonly text: string | null;
  readonly sign: string;
  readonly digits: string | undefined;
  readonly tail: string;
}

/** Whether a reading is short of cells and has a run of digits that may hold several. */
export function needsSplit(spec: RowSpec, r: Reading): boolean {
  if (r.texts.length >= spec.ids.length) return false;
  return r.texts.some((t, i) => {
    const runs = digitRuns(t, r.glued[i]!);
    return runs !== undefined && (runs.length > 1 || runs[0]![2]!.length > 1);
  });
}

/** The most digits a part of a split run has: no count the rules allow (≤ 10^9) has more. */
const MAX_PART_DIGITS = String(MAX_TABLE2_COUNT).length;
/** How many splits are kept, at most, for one row: beyond that the row is not decided. */
const MAX_SPLITS = 20_000;
/** How many cells are tried, at most, for one row (a step is one cell fixed, or refused). */
const MAX_SPLIT_STEPS = 60_000;

/** A row's cells as far as they are fixed: undefined where not yet. */
export type PartialCells = readonly (string | null | undefined)[];

/**
 * What is known of the cells not fixed yet when all of them come from the digits left of one run: they are `cells`
 * in number and their sum lies between `min` and `max`.
 */
export interface Rest {
  readonly cells: number;
  readonly min: number;
  readonly max: number;
}

/** Steps left for the splits of one import; each row takes what it uses from it. */
export interface StepBudget {
  left: number;
}

/**
 * Every split of a reading into n cells, or undefined when there are too many to weigh. `viable`, if given, is
 * asked each time a cell is fixed, with its position: the cells after it are fixed, those before it not yet. A
 * refusal cuts every split that goes on from there.
 */
export function candidateSplits(
  r: Reading,
  n: number,
  viable?: (cells: PartialCells, at: number, rest?: Rest) => boolean,
  budget: StepBudget = { left: MAX_SPLIT_STEPS },
): (string | null)[][] | undefined {
  const pieces = r.texts.flatMap((text, i): Piece[] => {
    const runs = digitRuns(text, r.glued[i]!);
    return runs
      ? runs.map((m) => ({ text: m[0], sign: m[1]!, digits: m[2]!, tail: m[3]! }))
      : [{ text, sign: '', digits: undefined, tail: '' }];
  });
  // The most cells the pieces before each one can make.
  const maxBefore = [0];
  for (const p of pieces) maxBefore.push(maxBefore[maxBefore.length - 1]! + (p.digits?.length ?? 1));
  const cells: (string | null | undefined)[] = new Array(n).fill(undefined);
  const out: (string | null)[][] = [];
  // A run too long to make several cells makes one at most: no ranges to weigh (and none to compute).
  const first = pieces[0];
  const leading =
    first?.digits !== undefined && !first.sign && first.digits.length <= n * MAX_PART_DIGITS
      ? sumRanges(first.digits, n, MAX_PART_DIGITS)
      : undefined;
  let steps = Math.min(MAX_SPLIT_STEPS, budget.left);
  let overflow = false;
  const place = (at: number, text: string | null, rest?: Rest): boolean => {
    cells[at] = text;
    if (--steps < 0) overflow = true;
    return !overflow && (!viable || viable(cells, at, rest));
  };
  // Pieces i and before fill cells [0, slot).
  const walk = (i: number, slot: number) => {
    if (overflow) return;
    if (i < 0) {
      if (slot !== 0) return;
      if (out.length >= MAX_SPLITS) overflow = true;
      else out.push(cells.slice() as (string | null)[]);
      return;
    }
    const p = pieces[i]!;
    // Pieces before this one make between i and maxBefore[i] cells.
    const fits = (k: number) => slot - k >= i && slot - k <= maxBefore[i]!;
    if (p.digits === undefined) {
      if (!fits(1)) return;
      if (place(slot - 1, p.text)) walk(i - 1, slot - 1);
      cells[slot - 1] = undefined;
      return;
    }
    for (let k = 1; k <= p.digits.length; k++)
      if (fits(k))
        parts(
          { ...p, digits: p.digits },
          p.digits.length,
          k,
          k === 1 ? Infinity : MAX_PART_DIGITS,
          slot - 1,
          i === 0 && !!leading,
          () => walk(i - 1, slot - k),
        );
  };
  // The run's digits [0, end) make `left` cells ending at cell `at`, the last part first (with the tail; the first
  // part has the minus).
  const parts = (
    run: Piece & { digits: string },
    end: number,
    left: number,
    longest: number,
    at: number,
    first: boolean,
    then: () => void,
  ) => {
    if (overflow) return;
    // Each part has one digit at least and `longest` at most.
    const from = left === 1 ? [0] : range(end - 1, Math.max(left - 1, end - longest));
    for (const start of from) {
      if (end - start > longest || start > (left - 1) * longest) continue;
      const part = run.digits.slice(start, end);
      if (part.length > 1 && part[0] === '0') continue;
      // In the first run, the cells before this one are the digits before it, and their sum is bounded.
      const rest = first ? leading!.rest(start, left - 1) : undefined;
      if (rest && rest.min > rest.max) continue;
      const text = (start === 0 ? run.sign : '') + part + (end === run.digits.length ? run.tail : '');
      if (place(at, text, rest)) {
        if (left === 1) then();
        else parts(run, start, left - 1, longest, at - 1, first, then);
      }
      cells[at] = undefined;
      if (overflow) return;
    }
  };
  walk(pieces.length - 1, n);
  budget.left -= Math.min(MAX_SPLIT_STEPS, budget.left) - Math.max(steps, 0);
  return overflow ? undefined : out.reverse();
}

/**
 * For every start of a run of digits and every number of cells, the least and the most the cells its digits up to
 * there make can sum to (parts of `longest` digits at most, no number but 0 starting with 0): a split whose parts
 * leave a total those digits cannot reach is cut at once. Impossible ones have min > max.
 */
function sumRanges(digits: string, cells: number, longest: number): { rest(end: number, cells: number): Rest } {
  const lo: number[][] = [[0]];
  const hi: number[][] = [[0]];
  for (let end = 1; end <= digits.length; end++) {
    lo.push([Infinity]);
    hi.push([-Infinity]);
    for (let m = 1; m <= cells; m++) {
      let least = Infinity;
      let most = -Infinity;
      for (let k = 1; k <= Math.min(longest, end); k++) {
        if (k > 1 && digits[end - k] === '0') continue;
        const before = end - k;
        if (m - 1 > before || !(lo[before]![m - 1]! <= hi[before]![m - 1]!)) continue;
        const value = Number(digits.slice(before, end));
        least = Math.min(least, lo[before]![m - 1]! + value);
        most = Math.max(most, hi[before]![m - 1]! + value);
      }
      lo[end]!.push(least);
      hi[end]!.push(most);
    }
  }
  return {
    rest: (end, m) =>
      m === 0
        ? { cells: 0, min: end === 0 ? 0 : Infinity, max: 0 }
        : { cells: m, min: lo[end]?.[m] ?? Infinity, max: hi[end]?.[m] ?? -Infinity },
  };
}

/** from, from − 1, …, to. */
function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let x = from; x >= to; x--) out.push(x);
  return out;
}

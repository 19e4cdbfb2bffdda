/**
 * The report's own sums as a splitter of runs uses them: every error-level equality of the rule set, and the bounds
 * of table 二 that hold by definition, held against cells that are known, open (to be fixed, surely figures ≥ 0)
 * or neither.
 */
import type { FormatDef } from '../format/types';
import { RULES } from '../rules/registry';
import { lenientNumber } from './normalize';
import type { Rest } from './splits';

/** Σ lhs = Σ rhs, or Σ lhs ≤ Σ rhs. */
export interface Check<K = string> {
  readonly lhs: readonly K[];
  readonly rhs: readonly K[];
  readonly op: '=' | '<=';
}

const checkCache = new WeakMap<FormatDef, Check[]>();

/** The equalities of the rule set, and the bounds of table 二 that hold by definition. */
export function checksOf(format: FormatDef): Check[] {
  const hit = checkCache.get(format);
  if (hit) return hit;
  const checks: Check[] = [];
  for (const rule of RULES) {
    if (rule.kind !== 'relation' || rule.severity !== 'error') continue;
    for (const rel of rule.relations(format)) if (rel.op === '=') checks.push({ lhs: rel.lhs, rhs: rel.rhs, op: '=' });
  }
  const docs = format.table2.find((b) => b.key === 'art20_1');
  const col = (k: string) => docs?.columns.find((c) => c.key === k)?.key;
  for (const row of docs?.rows ?? []) {
    const id = (k: string) => `t2.${row.key}.${k}`;
    // In force now ⊇ issued this year and not repealed: issued ≤ in force + repealed.
    if (col('issued') && col('repealed') && col('inForce'))
      checks.push({ lhs: [id('issued')], rhs: [id('inForce'), id('repealed')], op: '<=' });
    // Published in all ⊇ newly published.
    if (col('published') && col('total')) checks.push({ lhs: [id('published')], rhs: [id('total')], op: '<=' });
  }
  checkCache.set(format, checks);
  return checks;
}

/** Cells that take part in an error-level equality: an unsure reading of them blocks the arithmetic. */
export function inErrorEquality(format: FormatDef, id: string): boolean {
  return checksOf(format).some((c) => c.op === '=' && (c.lhs.includes(id) || c.rhs.includes(id)));
}

export type Known = (id: string) => number | undefined;

/** A cell's figure, its unit or per cent sign set aside. */
export function num(text: string | null): number | undefined {
  if (text === null) return undefined;
  // Most texts here are parts of a run: plain digits, read without normalising.
  return PLAIN.test(text) ? Number(text) : lenientNumber(text.replace(/万?元$|[%％]$/, ''));
}

const PLAIN = /^\d{1,15}$/;

/** How many of the checks that can be evaluated fail (and by how much in all), and how many hold. */
export function evaluate(checks: readonly Check[], known: Known): { failed: number; held: number; residual: number } {
  let failed = 0;
  let held = 0;
  let residual = 0;
  for (const c of checks) {
    // With no open cells, a side's range is its sum, or undefined where a cell is unknown.
    const l = sideRange(c.lhs, known, never, undefined);
    const r = l && sideRange(c.rhs, known, never, undefined);
    if (!l || !r) continue;
    if (c.op === '=' ? Math.abs(l.lo - r.lo) < 1e-9 : l.lo <= r.lo + 1e-9) held++;
    else {
      failed++;
      residual += Math.abs(l.lo - r.lo);
    }
  }
  return { failed, held, residual };
}

const never = () => false;

/**
 * Whether the checks can still hold. A cell is known (a number), open (not fixed yet, and then surely a figure
 * ≥ 0) or neither (blank or unread: its checks are never complete, so never fail). A side's sum lies between
 * what is known of it and that plus what its open cells can add — anything ≥ 0, or `rest`'s range when it has all
 * `rest.cells` of them; a check fails when the two sides' ranges cannot meet.
 */
export function viable<K>(
  checks: readonly Check<K>[],
  known: (cell: K) => number | undefined,
  open: (cell: K) => boolean,
  rest?: Rest,
): boolean {
  for (const c of checks) {
    const l = sideRange(c.lhs, known, open, rest);
    const r = l && sideRange(c.rhs, known, open, rest);
    if (!l || !r) continue;
    if (l.lo > r.hi + 1e-9) return false;
    if (c.op === '=' && r.lo > l.hi + 1e-9) return false;
  }
  return true;
}

/** The range of a check's side (./viable), or undefined when it holds a cell that is neither known nor open. */
function sideRange<K>(
  ids: readonly K[],
  known: (cell: K) => number | undefined,
  open: (cell: K) => boolean,
  rest: Rest | undefined,
): { lo: number; hi: number } | undefined {
  let sum = 0;
  let opened = 0;
  for (const id of ids) {
    const v = known(id);
    if (v !== undefined) sum += v;
    else if (open(id)) opened++;
    else return undefined;
  }
  if (opened === 0) return { lo: sum, hi: sum };
  const all = rest !== undefined && opened === rest.cells;
  return { lo: sum + (all ? rest.min : 0), hi: all ? sum + rest.max : Infinity };
}

/**
 * Figures that ran together on the page (`291000030` for 29 | 1 | 0 | 0 | 0 | 0 | 30): a row read with fewer cells
 * than it has, where some of them are runs of digits, is split every way that gives it its number of cells (no
 * number but 0 starts with 0; a decimal part or a unit stays with the last digits), and the splits are held against
 * the report's own sums: those of the row itself first, then those across rows, with everything else read. Exactly
 * one split left → it is taken (reported as FORMAT-LABEL info); otherwise the row stays blank and the candidates
 * go to a person (SHAPE-ROW). Table 二 has no sums: two facts of its own (documents in force ≥ issued − repealed;
 * published in total ≥ newly published) are all that can decide there.
 */
import type { FormatDef } from '../format/types';
import type { CellValue } from '../model/types';
import { RULES } from '../rules/registry';
import { lenientNumber } from './normalize';
import { candidateSplits } from './splits';
import type { Reading, RowSpec } from './tables';

/** Σ lhs = Σ rhs, or Σ lhs ≤ Σ rhs. */
interface Check {
  readonly lhs: readonly string[];
  readonly rhs: readonly string[];
  readonly op: '=' | '<=';
}

const checkCache = new WeakMap<FormatDef, Check[]>();

/** The equalities of the rule set, and the bounds of table 二 that hold by definition. */
function checksOf(format: FormatDef): Check[] {
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

type Known = (id: string) => number | undefined;

function num(text: string | null): number | undefined {
  return text === null ? undefined : lenientNumber(text.replace(/万?元$|[%％]$/, ''));
}

/** Does the split fit its cells' kinds (a decimal or a unit only where an amount goes)? */
function fitsKinds(format: FormatDef, spec: RowSpec, cells: readonly (string | null)[]): boolean {
  return cells.every((t, i) => {
    if (t === null || /^\d+$/.test(t)) return true;
    const kind = format.cellById.get(spec.ids[i]!)?.kind;
    return kind === 'fee' || kind === 'amount';
  });
}

/** -1 if a check that can be evaluated fails, else how many could be evaluated (and hold). */
function evaluate(checks: readonly Check[], known: Known): { failed: number; held: number; residual: number } {
  let failed = 0;
  let held = 0;
  let residual = 0;
  for (const c of checks) {
    let l = 0;
    let r = 0;
    let complete = true;
    for (const id of c.lhs) {
      const v = known(id);
      if (v === undefined) complete = false;
      else l += v;
    }
    for (const id of c.rhs) {
      const v = known(id);
      if (v === undefined) complete = false;
      else r += v;
    }
    if (!complete) continue;
    const ok = c.op === '=' ? Math.abs(l - r) < 1e-9 : l <= r + 1e-9;
    if (ok) held++;
    else {
      failed++;
      residual += Math.abs(l - r);
    }
  }
  return { failed, held, residual };
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
  /** Candidate splits, the most likely first (empty: too many to weigh). */
  readonly candidates: readonly (readonly (string | null)[])[];
}

interface Pending {
  readonly row: RunRow;
  cands: (string | null)[][];
  /** The split decided, if any. */
  chosen?: (string | null)[];
}

/** Above this many combinations of the undecided rows, they are not weighed together. */
const MAX_COMBINATIONS = 10_000;

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
  const decided = new Map<string, number | undefined>();
  const pendingCells = new Set<string>();
  const known: Known = (id) => {
    if (decided.has(id)) return decided.get(id);
    if (pendingCells.has(id)) return undefined;
    const v = values[id];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  const decide = (p: Pending, cells: (string | null)[]) => {
    p.chosen = cells;
    p.row.spec.ids.forEach((id, i) => {
      pendingCells.delete(id);
      decided.set(id, num(cells[i] ?? null));
    });
  };
  const trial = (p: Pending, cells: readonly (string | null)[]): Known => {
    const local = new Map(p.row.spec.ids.map((id, i) => [id, num(cells[i] ?? null)]));
    return (id) => (local.has(id) ? local.get(id) : known(id));
  };
  const touching = (p: Pending) =>
    checks.filter((c) => p.row.spec.ids.some((id) => c.lhs.includes(id) || c.rhs.includes(id)));
  const pendings: Pending[] = [];
  for (const row of rows) {
    const all = candidateSplits(row.reading, row.spec.ids.length);
    const cands = (all ?? []).filter((c) => fitsKinds(format, row.spec, c));
    const p: Pending = { row, cands };
    pendings.push(p);
    for (const id of row.spec.ids) pendingCells.add(id);
  }
  // The row's own sums (and a split that is the only one possible at all).
  for (const p of pendings) {
    const own = new Set(p.row.spec.ids);
    const local = touching(p).filter((c) => [...c.lhs, ...c.rhs].every((id) => own.has(id)));
    const failed = p.cands.map((c) => evaluate(local, trial(p, c)).failed);
    const least = Math.min(...failed);
    // Where no split fits (the report's own sums are broken), the likeliest are those that break the fewest.
    const ok = p.cands.filter((_, k) => failed[k] === least);
    if (p.cands.length === 1) decide(p, p.cands[0]!);
    else if (ok.length === 1 && least === 0) decide(p, ok[0]!);
    else p.cands = ok;
  }
  // The sums across rows, with what is known, until nothing more is decided.
  for (let changed = true; changed;) {
    changed = false;
    for (const p of pendings) {
      if (p.chosen || p.cands.length < 2) continue;
      const rel = touching(p);
      const ok = p.cands.filter((c) => evaluate(rel, trial(p, c)).failed === 0);
      if (ok.length === 1) {
        decide(p, ok[0]!);
        changed = true;
      } else if (ok.length > 1 && ok.length < p.cands.length) p.cands = ok;
    }
  }
  weighTogether(
    pendings.filter((p) => !p.chosen && p.cands.length > 1),
    checks,
    known,
    decide,
    trial,
  );
  const split: Split[] = [];
  const unsplit: Unsplit[] = [];
  for (const p of pendings) {
    if (p.chosen) split.push({ spec: p.row.spec, reading: p.row.reading, cells: p.chosen });
    else unsplit.push({ spec: p.row.spec, reading: p.row.reading, candidates: rank(p, touching(p), trial) });
  }
  return { split, unsplit };
}

/** Undecided rows that share sums: every combination of their splits, if few enough; one that fits them all wins. */
function weighTogether(
  open: Pending[],
  checks: readonly Check[],
  known: Known,
  decide: (p: Pending, cells: (string | null)[]) => void,
  trial: (p: Pending, cells: readonly (string | null)[]) => Known,
) {
  if (open.length < 2) return;
  const total = open.reduce((n, p) => n * p.cands.length, 1);
  if (total > MAX_COMBINATIONS) return;
  const ids = new Set(open.flatMap((p) => p.row.spec.ids));
  const rel = checks.filter((c) => [...c.lhs, ...c.rhs].some((id) => ids.has(id)));
  const fitting: number[][] = [];
  const pick: number[] = [];
  const walk = (i: number) => {
    if (i === open.length) {
      const local = new Map<string, number | undefined>();
      open.forEach((p, k) => {
        const cells = p.cands[pick[k]!]!;
        const t = trial(p, cells);
        for (const id of p.row.spec.ids) local.set(id, t(id));
      });
      const k: Known = (id) => (local.has(id) ? local.get(id) : known(id));
      if (evaluate(rel, k).failed === 0) fitting.push([...pick]);
      return;
    }
    for (let c = 0; c < open[i]!.cands.length; c++) {
      pick[i] = c;
      walk(i + 1);
    }
  };
  walk(0);
  if (fitting.length === 1) open.forEach((p, k) => decide(p, p.cands[fitting[0]![k]!]!));
  else if (fitting.length > 1)
    open.forEach((p, k) => {
      const kept = new Set(fitting.map((f) => f[k]!));
      p.cands = p.cands.filter((_, c) => kept.has(c));
    });
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

/**
 * Candidate repairs for a row read with the wrong number of cells (SHAPE-ROW): a cell lost at each position
 * (its value solved from the sums), or a spurious cell dropped at each position, kept only where the equalities of
 * the rule set (T3-ROW-SUM, T3-RESULT-SUM, T3-BALANCE, T4-GROUP-SUM, taken from the registry) hold and at least one
 * of them could be checked. For a person to confirm: nothing is applied.
 */
import type { FormatDef } from '../format/types';
import type { CellValue, Repair } from '../model/types';
import { fmt } from '../rules/cells';
import { RULES } from '../rules/registry';
import { endsWithSeparator, lenientNumber, startsWithSeparator } from './normalize';
import type { Reading, RowSpec } from './tables';

interface Equality {
  readonly lhs: readonly string[];
  readonly rhs: readonly string[];
}

const equalityCache = new WeakMap<FormatDef, Map<string, Equality[]>>();

/** The equality relations of the rule set, indexed by the cells they involve. */
function equalitiesByCell(format: FormatDef): Map<string, Equality[]> {
  const hit = equalityCache.get(format);
  if (hit) return hit;
  const byCell = new Map<string, Equality[]>();
  for (const rule of RULES) {
    if (rule.kind !== 'relation') continue;
    for (const rel of rule.relations(format)) {
      if (rel.op !== '=') continue;
      const eq = { lhs: rel.lhs, rhs: rel.rhs };
      for (const id of new Set([...rel.lhs, ...rel.rhs])) {
        const list = byCell.get(id) ?? [];
        list.push(eq);
        byCell.set(id, list);
      }
    }
  }
  equalityCache.set(format, byCell);
  return byCell;
}

const EPSILON = 1e-9;

type Trial = (id: string) => number | undefined;

function sumOf(ids: readonly string[], trial: Trial, except: string): { sum: number; coef: number } | undefined {
  let sum = 0;
  let coef = 0;
  for (const id of ids) {
    if (id === except) {
      coef++;
      continue;
    }
    const v = trial(id);
    if (v === undefined) return undefined;
    sum += v;
  }
  return { sum, coef };
}

/** The value of `id` that one of its equalities forces, the other cells being known. */
function solve(id: string, eqs: readonly Equality[], trial: Trial): number | undefined {
  for (const eq of eqs) {
    const l = sumOf(eq.lhs, trial, id);
    const r = sumOf(eq.rhs, trial, id);
    if (!l || !r || l.coef === r.coef) continue;
    return (r.sum - l.sum) / (l.coef - r.coef);
  }
  return undefined;
}

/** How many equalities touching the row can be checked and hold; -1 if one fails. */
function verify(eqs: readonly Equality[], trial: Trial): number {
  let verified = 0;
  for (const eq of eqs) {
    const l = sumOf(eq.lhs, trial, '');
    const r = sumOf(eq.rhs, trial, '');
    if (!l || !r) continue;
    if (Math.abs(l.sum - r.sum) > EPSILON) return -1;
    verified++;
  }
  return verified;
}

function fits(format: FormatDef, id: string, x: number): number | undefined {
  const kind = format.cellById.get(id)?.kind;
  const rounded = Math.round(x);
  const whole = Math.abs(x - rounded) < EPSILON;
  if (kind === 'count') return whole && rounded >= 0 ? rounded : undefined;
  if (kind === 'signedCount') return whole ? rounded : undefined;
  return x >= -EPSILON ? Math.round(x * 1e6) / 1e6 : undefined;
}

interface Candidate {
  readonly row: readonly (number | null)[];
  readonly verified: number;
  readonly hinted: boolean;
  readonly position: number;
  readonly describe: () => Repair['description'];
}

/** The row's cells, named for a description: `自然人 1、商业企业 0…` (table 四 by group). */
function summary(format: FormatDef, spec: RowSpec, row: readonly (number | null)[]): Repair['description'] {
  const groups = new Map<string, { zh: string[]; en: string[] }>();
  spec.ids.forEach((id, i) => {
    const def = format.cellById.get(id)!;
    const group = spec.table === '四' ? def.row : '';
    const g = groups.get(group) ?? { zh: [], en: [] };
    const v = row[i] == null ? '空白' : fmt(row[i]!);
    g.zh.push(`${def.column} ${v}`);
    g.en.push(`${def.column} ${row[i] == null ? 'blank' : fmt(row[i]!)}`);
    groups.set(group, g);
  });
  const zh = [...groups].map(([g, p]) => (g ? `${g}：${p.zh.join('、')}` : p.zh.join('、'))).join('；');
  const en = [...groups].map(([g, p]) => (g ? `${g}: ${p.en.join(', ')}` : p.en.join(', '))).join('; ');
  return { zh, en };
}

function cellLabel(format: FormatDef, spec: RowSpec, id: string): string {
  const def = format.cellById.get(id)!;
  return spec.table === '四' ? `${def.row}·${def.column}` : def.column;
}

/** `「,1」按 1 读取` for the cells read leniently. */
function leniencyNote(texts: readonly (string | null)[]): { zh: string; en: string } {
  const odd = texts.filter((t): t is string => t !== null && String(lenientNumber(t)) !== t.trim());
  if (odd.length === 0) return { zh: '', en: '' };
  return {
    zh: `（${odd.map((t) => `「${t}」按 ${fmt(lenientNumber(t)!)} 读取`).join('，')}）`,
    en: ` (${odd.map((t) => `“${t}” read as ${fmt(lenientNumber(t)!)}`).join(', ')})`,
  };
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

/** Where a separator marks a lost empty cell: before `,1`, after `1,`. */
function separatorHint(texts: readonly (string | null)[]): { position: number; text: string } | undefined {
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i];
    if (t == null) continue;
    if (startsWithSeparator(t)) return { position: i, text: t };
    if (endsWithSeparator(t)) return { position: i + 1, text: t };
  }
  return undefined;
}

function candidatesOf(
  format: FormatDef,
  spec: RowSpec,
  reading: Reading,
  values: Readonly<Record<string, CellValue>>,
): Candidate[] {
  const { texts } = reading;
  const n = spec.ids.length;
  const nums = texts.map((t) => (t === null ? null : lenientNumber(t)));
  if (nums.some((v) => v === undefined)) return [];
  const known = nums as (number | null)[];
  const byCell = equalitiesByCell(format);
  const eqs = [...new Set(spec.ids.flatMap((id) => byCell.get(id) ?? []))];
  const trialFor = (row: readonly (number | null | undefined)[]): Trial => {
    const local = new Map(spec.ids.map((id, i) => [id, row[i]]));
    return (id) => {
      const v = local.has(id) ? local.get(id) : values[id];
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    };
  };
  const note = leniencyNote(texts);
  const out: Candidate[] = [];
  if (texts.length === n) {
    const verified = verify(eqs, trialFor(known));
    if (verified >= 0) {
      out.push({
        row: known,
        verified,
        hinted: false,
        position: -1,
        describe: () => {
          const s = summary(format, spec, known);
          return { zh: `按读到的数值：${s.zh}${note.zh}`, en: `As read: ${s.en}${note.en}` };
        },
      });
    }
  } else if (texts.length === n - 1) {
    const hint = separatorHint(texts);
    for (let p = 0; p < n; p++) {
      const row: (number | null | undefined)[] = [...known.slice(0, p), undefined, ...known.slice(p)];
      const id = spec.ids[p]!;
      const solved = solve(id, byCell.get(id) ?? [], trialFor(row));
      const x = solved === undefined ? undefined : fits(format, id, solved);
      if (x === undefined) continue;
      row[p] = x;
      const full = row as (number | null)[];
      const verified = verify(eqs, trialFor(full));
      if (verified < 1) continue;
      const hinted = p === hint?.position;
      out.push({
        row: full,
        verified,
        hinted,
        position: p,
        describe: () => {
          const s = summary(format, spec, full);
          const name = cellLabel(format, spec, id);
          const mark = hint?.text ?? '';
          return {
            zh: `设第 ${p + 1} 格「${name}」在转录中丢失${hinted ? `（「${mark}」中的分隔符正标出它的位置）` : ''}，按合计应为 ${fmt(x)}${note.zh}：${s.zh}`,
            en: `Suppose cell ${p + 1} (${name}) was lost in transcription${hinted ? ` (the separator in “${mark}” marks where it stood)` : ''}; the sums make it ${fmt(x)}${note.en}: ${s.en}`,
          };
        },
      });
    }
  } else if (texts.length === n + 1) {
    for (let p = 0; p < texts.length; p++) {
      const row = known.filter((_, i) => i !== p);
      const verified = verify(eqs, trialFor(row));
      if (verified < 1) continue;
      out.push({
        row,
        verified,
        hinted: false,
        position: p,
        describe: () => {
          const s = summary(format, spec, row);
          return {
            zh: `设读到的第 ${p + 1} 个单元格「${texts[p] ?? ''}」是多余的（重复或串入），去掉后${note.zh}：${s.zh}`,
            en: `Suppose the ${ordinal(p + 1)} cell read (“${texts[p] ?? ''}”) is spurious (repeated or stray); without it${note.en}: ${s.en}`,
          };
        },
      });
    }
  }
  return out;
}

/** At most this many candidates are offered: beyond that a person is better served by the source. */
export const MAX_REPAIRS = 12;

/**
 * The candidate repairs of a row from its readings (one, or several when the row occurs more than once), best
 * first: the one a separator points at, then those that more sums confirm, then by position.
 */
export function proposeRepairs(
  format: FormatDef,
  spec: RowSpec,
  readings: readonly Reading[],
  values: Readonly<Record<string, CellValue>>,
): Repair[] {
  const all = readings.flatMap((r, i) => candidatesOf(format, spec, r, values).map((c) => ({ c, i })));
  all.sort(
    (a, b) =>
      Number(b.c.hinted) - Number(a.c.hinted) ||
      b.c.verified - a.c.verified ||
      a.i - b.i ||
      a.c.position - b.c.position,
  );
  const seen = new Set<string>();
  const out: Repair[] = [];
  for (const { c, i } of all) {
    const key = JSON.stringify(c.row);
    if (seen.has(key)) continue;
    seen.add(key);
    const d = c.describe();
    const which =
      readings.length > 1
        ? { zh: `第 ${i + 1} 次出现的该行：`, en: `Occurrence ${i + 1} of the row: ` }
        : { zh: '', en: '' };
    out.push({
      description: { zh: which.zh + d.zh, en: which.en + d.en },
      values: Object.fromEntries(spec.ids.map((id, k) => [id, c.row[k] ?? null])),
    });
    if (out.length >= MAX_REPAIRS) break;
  }
  return out;
}

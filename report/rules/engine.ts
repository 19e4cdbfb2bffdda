/**
 * The one rule engine: relations (sums, balances, bounds) are evaluated from compiled index arrays; check rules
 * get a context with the report, its format and (optionally) the previous year's report.
 */
import { FORMATS } from '../format';
import type { FormatDef } from '../format/types';
import type { CellValue, Finding, Report, Severity } from '../model/types';
import { cellRefs } from './cells';
import { RULES } from './registry';
import type { Consolidated, Relation, RelationRule, RuleContext, RuleDef } from './types';

interface CompiledRelation {
  readonly rule: RelationRule;
  readonly rel: Relation;
  readonly lhs: Int32Array;
  readonly rhs: Int32Array;
}

const compiled = new WeakMap<FormatDef, WeakMap<readonly RuleDef[], CompiledRelation[]>>();

function compile(format: FormatDef, rules: readonly RuleDef[]): CompiledRelation[] {
  let byRules = compiled.get(format);
  if (!byRules) compiled.set(format, (byRules = new WeakMap()));
  const hit = byRules.get(rules);
  if (hit) return hit;
  const index = new Map(format.cells.map((c, i) => [c.id, i]));
  const toIdx = (ids: readonly string[]) =>
    Int32Array.from(ids, (id) => {
      const i = index.get(id);
      if (i === undefined) throw new Error(`rule refers to unknown cell ${id} (format ${format.version})`);
      return i;
    });
  const out: CompiledRelation[] = [];
  for (const rule of rules) {
    if (rule.kind !== 'relation') continue;
    for (const rel of rule.relations(format)) out.push({ rule, rel, lhs: toIdx(rel.lhs), rhs: toIdx(rel.rhs) });
  }
  byRules.set(rules, out);
  return out;
}

const BLANK = 0;
const NUMBER = 1;
const TEXT = 2;
const EPSILON = 1e-9;

function evaluateRelations(
  format: FormatDef,
  report: Report,
  rels: readonly CompiledRelation[],
  out: Finding[],
  unread: ReadonlySet<string>,
) {
  const n = format.cells.length;
  const state = new Uint8Array(n);
  const num = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const id = format.cells[i]!.id;
    const v = report.values[id];
    // A cell the input could not read is unknown, not blank: no sum over it can be judged.
    if (unread.has(id)) state[i] = TEXT;
    else if (typeof v === 'number' && Number.isFinite(v)) {
      state[i] = NUMBER;
      num[i] = v;
    } else if (v === null || v === undefined) state[i] = BLANK;
    else state[i] = TEXT;
  }
  // A side is summed with blanks as 0. A relation is skipped when a cell holds text (TYPE-* reports it) or when the
  // stated side (rhs: a total, a bound) is all blank (TYPE-BLANK reports that): one fault, one finding.
  const side = (idx: Int32Array): number => {
    let sum = 0;
    let seen = 0;
    for (let k = 0; k < idx.length; k++) {
      const s = state[idx[k]!]!;
      if (s === TEXT) return NaN;
      if (s === NUMBER) {
        sum += num[idx[k]!]!;
        seen++;
      }
    }
    return seen === 0 ? -Infinity : sum;
  };
  // A row's 总计 left blank beside figures stands for their sum in the other relations (the blank is one fault,
  // TYPE-BLANK's, not also a column that fails to add up); beside text it is unknown.
  for (const c of rels) {
    if (!c.rel.rowTotal || c.rhs.length !== 1 || state[c.rhs[0]!] !== BLANK) continue;
    const parts = side(c.lhs);
    if (parts === -Infinity) continue;
    state[c.rhs[0]!] = Number.isNaN(parts) ? TEXT : NUMBER;
    num[c.rhs[0]!] = parts;
  }
  for (const c of rels) {
    const l = side(c.lhs);
    const r = side(c.rhs);
    if (Number.isNaN(l) || Number.isNaN(r) || r === -Infinity) continue;
    const lv = l === -Infinity ? 0 : l;
    const ok = c.rel.op === '=' ? Math.abs(lv - r) <= EPSILON : lv <= r + EPSILON;
    if (ok) continue;
    out.push({
      rule: c.rule.code,
      severity: c.rule.severity,
      message: c.rule.message(c.rel, lv, r),
      cells: cellRefs(format, c.rel.cells ?? [...c.rel.rhs, ...c.rel.lhs]),
    });
  }
}

export interface ValidateOptions {
  /** The same agency's report for the year before: enables the YEAR-* rules. */
  previous?: Report | null;
  /** The agency's registered official name: enables AGENCY-NAME. */
  registeredName?: string | null;
  /** The sums of the office's accepted reports: enables CONSOLIDATION-DIFF (a government's own report). */
  consolidated?: Consolidated | null;
  /** A subset of the rules (defaults to all). */
  rules?: readonly RuleDef[];
  /** Findings made while reading the input (SHAPE-ROW, FORMAT-*, TYPE-INT from a workbook): merged in. */
  inputFindings?: readonly Finding[];
}

/**
 * Cells an input finding left for a person to settle (SHAPE-ROW, FORMAT-VERSION errors, with or without repairs):
 * their sums wait for them.
 */
function unreadCells(input: readonly Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of input)
    if (f.severity === 'error' && (f.rule === 'SHAPE-ROW' || f.rule === 'FORMAT-VERSION'))
      for (const c of f.cells) out.add(c.id);
  return out;
}

/** A cell the input could not fill (an unreadable row) is reported once, by the input finding, not again as blank. */
function dropCovered(findings: Finding[], input: readonly Finding[]): Finding[] {
  if (input.length === 0) return findings;
  const covered = new Set(input.flatMap((f) => f.cells.map((c) => c.id)));
  return findings.filter((f) => f.rule !== 'TYPE-BLANK' || !f.cells.every((c) => covered.has(c.id)));
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Orders findings: errors first, then warnings, then hints; within a severity, in rule-set order. */
export function sortFindings(findings: Finding[], rules: readonly RuleDef[] = RULES): Finding[] {
  const order = new Map(rules.map((r, i) => [r.code, i]));
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] ||
        (order.get(a.f.rule) ?? 999) - (order.get(b.f.rule) ?? 999) ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

/** Validates a report against every rule; returns the findings, errors first. Pure and fast (no I/O). */
export function validate(report: Report, opts: ValidateOptions = {}): Finding[] {
  const format = FORMATS[report.format];
  const rules = opts.rules ?? RULES;
  const findings: Finding[] = [];
  const input = opts.inputFindings ?? [];
  evaluateRelations(format, report, compile(format, rules), findings, unreadCells(input));
  const previous = opts.previous ?? undefined;
  const ctx: RuleContext = {
    report,
    format,
    ...(previous ? { previous } : {}),
    ...(opts.registeredName ? { registeredName: opts.registeredName } : {}),
    ...(opts.consolidated ? { consolidated: opts.consolidated } : {}),
    value: (id: string): CellValue => report.values[id] ?? null,
    num: (id: string) => {
      const v = report.values[id];
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    },
  };
  const reported = new Set(input.map((f) => f.rule));
  for (const rule of rules) {
    if (rule.kind !== 'check' || (rule.alsoFoundByReaders && reported.has(rule.code))) continue;
    if (rule.needsPrevious && !previous) continue;
    if ((rule.needsRegistry && !ctx.registeredName) || (rule.needsConsolidated && !ctx.consolidated)) continue;
    findings.push(...rule.check(ctx));
  }
  return sortFindings([...input, ...dropCovered(findings, input)], rules);
}

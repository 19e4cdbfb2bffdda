/**
 * The rule set, in the order of docs/domain/RULES.md. Codes are stable: they appear in the task pane, the API, the
 * CLI and logs. `nianbao rules` prints this registry and docs/rules.md is generated from it (`npm run docs`).
 */
import type { Bilingual, Severity } from '../model/types';
import { AGENCY_NAME } from './agencyRule';
import { CONSOLIDATION_DIFF } from './consolidationRule';
import { FORMAT_LABEL, FORMAT_SECTIONS, FORMAT_VERSION, SHAPE_ROW } from './formatRules';
import { T4_SCOPE } from './scopeRule';
import { T3_BALANCE, T3_BOUNDS, T3_RESULT_SUM, T3_ROW_SUM, T4_GROUP_SUM } from './tableRules';
import { TEXT_INVISIBLE } from './invisibleRule';
import { TEXT_RULES } from './text';
import { TYPE_BLANK, TYPE_FEE, TYPE_INT } from './typeRules';
import type { RuleDef } from './types';
import { YEAR_CARRY, YEAR_COPY, YEAR_IN_FORCE } from './yearRules';

export const RULES: readonly RuleDef[] = [
  TYPE_INT,
  TYPE_BLANK,
  TYPE_FEE,
  T3_ROW_SUM,
  T3_RESULT_SUM,
  T3_BALANCE,
  T3_BOUNDS,
  T4_GROUP_SUM,
  T4_SCOPE,
  SHAPE_ROW,
  FORMAT_SECTIONS,
  FORMAT_VERSION,
  FORMAT_LABEL,
  YEAR_CARRY,
  YEAR_IN_FORCE,
  YEAR_COPY,
  ...TEXT_RULES,
  AGENCY_NAME,
  TEXT_INVISIBLE,
  CONSOLIDATION_DIFF,
];

export const RULE_BY_CODE: ReadonlyMap<string, RuleDef> = new Map(RULES.map((r) => [r.code, r]));

/** A rule as plain data: what `nianbao rules --json` prints, one per rule, in registry order. */
export interface RuleSummary {
  code: string;
  severity: Severity;
  title: Bilingual;
  description: Bilingual;
  /** Runs only when last year's report is given (the YEAR-* rules). */
  needsPrevious: boolean;
  /** Runs only in the repository, which knows the registered name or the office's accepted reports. */
  needsRepository: boolean;
  /** Found while reading an input (importers, workbook reader) rather than on the report model. */
  foundWhileReading: boolean;
}

export function ruleSummaries(rules: readonly RuleDef[] = RULES): RuleSummary[] {
  return rules.map((r) => ({
    code: r.code,
    severity: r.severity,
    title: { zh: r.title.zh, en: r.title.en },
    description: { zh: r.description.zh, en: r.description.en },
    needsPrevious: r.kind === 'check' && Boolean(r.needsPrevious),
    needsRepository: r.kind === 'check' && Boolean(r.needsRegistry || r.needsConsolidated),
    foundWhileReading: r.kind === 'input' || (r.kind === 'check' && Boolean(r.alsoFoundByReaders)),
  }));
}

/** The rule set, in the order of RULES.md. Codes are stable: they appear in the task pane, the API, the CLI and logs. */
import { FORMAT_LABEL, FORMAT_SECTIONS, FORMAT_VERSION, SHAPE_ROW } from './formatRules';
import { T4_SCOPE } from './scopeRule';
import { T3_BALANCE, T3_BOUNDS, T3_RESULT_SUM, T3_ROW_SUM, T4_GROUP_SUM } from './tableRules';
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
];

export const RULE_BY_CODE: ReadonlyMap<string, RuleDef> = new Map(RULES.map((r) => [r.code, r]));

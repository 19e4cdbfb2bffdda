/** The rules and their engine. Safe for the task pane bundle (no exceljs, no importers, no renderer). */
export * from './types';
export { validate, sortFindings, type ValidateOptions } from './engine';
export { RULES, RULE_BY_CODE, ruleSummaries, type RuleSummary } from './registry';
export { cellRef, cellRefs, cellName } from './cells';
export { findInvisible, withoutInvisible, TEXT_INVISIBLE } from './invisibleRule';

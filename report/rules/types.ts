import type { FormatDef } from '../format/types';
import type { Bilingual, CellValue, Finding, Report, Severity } from '../model/types';

/**
 * What every rule has: a stable code (docs/domain/RULES.md), a default severity, a title and a description of what it
 * checks, in both languages. docs/rules.md and `nianbao rules` are made from these (`npm run docs` rewrites the page).
 */
export interface RuleMeta {
  readonly code: string;
  readonly severity: Severity;
  readonly title: Bilingual;
  /** What the rule checks, in a sentence or two a clerk can follow. */
  readonly description: Bilingual;
}

/**
 * Σ lhs (op) Σ rhs over cell ids: the declarative form of the sum, balance and bound rules.
 * `about` names the row or column the relation is about, for the message.
 */
export interface Relation {
  readonly lhs: readonly string[];
  readonly rhs: readonly string[];
  readonly op: '=' | '<=';
  readonly about: string;
  /** For relations about one cell: its column (about is then the row). */
  readonly aboutColumn?: string;
  /** The cells the finding points at, most telling first (defaults to rhs then lhs). */
  readonly cells?: readonly string[];
  /**
   * rhs is a row's 总计: left blank beside filled parts (TYPE-BLANK's error), the other relations count it as the
   * sum of those parts, as a reader does, instead of reporting the blank again as a sum that fails.
   */
  readonly rowTotal?: true;
}

/** A rule that is a set of relations, evaluated by the engine. */
export interface RelationRule extends RuleMeta {
  readonly kind: 'relation';
  relations(format: FormatDef): readonly Relation[];
  message(rel: Relation, lhs: number, rhs: number): Bilingual;
}

/** A rule that needs more than arithmetic (value types, prose, cross-year). */
export interface CheckRule extends RuleMeta {
  readonly kind: 'check';
  /** Only run when the previous year's report is given. */
  readonly needsPrevious?: boolean;
  /** Only run when the agency's registered official name is given (the repository knows it). */
  readonly needsRegistry?: boolean;
  /** Only run when the sum of the office's accepted reports is given (a government's own 本级 report). */
  readonly needsConsolidated?: boolean;
  /** Readers of published text report this too, better placed; when they did, this check stands aside. */
  readonly alsoFoundByReaders?: boolean;
  check(ctx: RuleContext): Finding[];
}

/**
 * A rule whose findings come from reading the input (importers, workbook reader): registered here so that its
 * code, severity and messages are defined once and the rule set can be linted as a whole.
 */
export interface InputRule extends RuleMeta {
  readonly kind: 'input';
}

export type RuleDef = RelationRule | CheckRule | InputRule;

/** What a government's own report is held against: the cells summed over its accepted departments' reports. */
export interface Consolidated {
  readonly values: Readonly<Record<string, number>>;
  /** How many reports were summed. */
  readonly reports: number;
}

export interface RuleContext {
  readonly report: Report;
  readonly format: FormatDef;
  readonly previous?: Report;
  /** The agency's registered official name. */
  readonly registeredName?: string;
  /** The sum of the accepted reports of the agencies the office consolidates, and how many were summed. */
  readonly consolidated?: Consolidated;
  /** The value of a cell (blank → null). */
  value(id: string): CellValue;
  /** The number in a cell, or undefined when blank or text. */
  num(id: string): number | undefined;
}

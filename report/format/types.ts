/**
 * The shape of the official format, as data. Everything else (rules, workbook, HTML, JSON) is derived from
 * these definitions, so a label or a cell exists in exactly one place.
 */

export type FormatVersion = '2021' | '2019';
export type TableId = '二' | '三' | '四';

/**
 * What a cell holds:
 * - count: a whole number ≥ 0 (件)
 * - signedCount: a whole number that may be negative (2019 format, 本年增/减)
 * - fee: 本年收费金额（单位：万元）, a decimal ≥ 0 in 万元
 * - amount: another decimal ≥ 0 (2019 format, 采购总金额)
 */
export type ValueKind = 'count' | 'signedCount' | 'fee' | 'amount';

export interface CellDef {
  /** Stable id: `t3.granted.natural`. Used by rules, defined names, JSON and HTML alike. */
  readonly id: string;
  readonly table: TableId;
  readonly rowKey: string;
  readonly colKey: string;
  /** The official row label, verbatim (table 四: 行政复议 / 未经复议直接起诉 / 复议后起诉). */
  readonly row: string;
  /** The official column label, verbatim. */
  readonly column: string;
  /** The enclosing official heading: a table 二 block (第二十条第（一）项), a table 三 group (（三）不予公开), 行政诉讼. */
  readonly group?: string;
  readonly kind: ValueKind;
}

export interface LabeledKey {
  readonly key: string;
  readonly label: string;
}

/** One block of table 二: a heading (第二十条第（X）项), its rows (信息内容) and its columns. */
export interface Table2Block {
  readonly key: string;
  readonly heading: string;
  readonly rows: readonly LabeledKey[];
  readonly columns: readonly (LabeledKey & { readonly kind: ValueKind })[];
}

/** A row of table 三. Group rows (三、本年度办理结果, （三）不予公开 …) carry no numbers of their own. */
export interface Table3Row extends LabeledKey {
  readonly level: 0 | 1 | 2;
  readonly hasValues: boolean;
  /** Key of the enclosing group row, if any. */
  readonly parent?: string;
}

export interface Table4Group extends LabeledKey {
  /** 行政诉讼 for the two litigation groups. */
  readonly parentLabel?: string;
}

import type { ProseSectionId, SectionId, TableSectionId } from './shared';

/** Derived from the list of sections (./shared.ts SECTIONS). */
export type { ProseSectionId, SectionId, TableSectionId };

export interface SectionDef {
  readonly id: SectionId;
  readonly heading: string;
  readonly table?: TableId;
}

export interface FormatDef {
  readonly version: FormatVersion;
  /** The document that fixes the format (国办公开办函〔2021〕30号). */
  readonly source: string;
  readonly sections: readonly SectionDef[];
  readonly table2: readonly Table2Block[];
  readonly table2Heading: string;
  readonly table3: {
    readonly note: string;
    readonly applicantHeading: string;
    readonly organisationHeading: string;
    readonly columns: readonly LabeledKey[];
    readonly rows: readonly Table3Row[];
  };
  readonly table4: {
    readonly reviewHeading: string;
    readonly litigationHeading: string;
    readonly groups: readonly Table4Group[];
    readonly columns: readonly LabeledKey[];
  };
  /** Every input cell, in reading order (二, 三, 四). */
  readonly cells: readonly CellDef[];
  readonly cellById: ReadonlyMap<string, CellDef>;
}

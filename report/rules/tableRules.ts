/**
 * Table 三 and 四 arithmetic, as data: every rule is a list of Σ = Σ / Σ ≤ Σ relations over cell ids,
 * derived from the format, so the same rule serves both format versions.
 */
import { cellId } from '../format/build';
import type { FormatDef } from '../format/types';
import { fmt } from './cells';
import type { Relation, RelationRule } from './types';

const T3_PARTS = ['natural', 'business', 'research', 'nonprofit', 'legal', 'other'] as const;
const T4_PARTS = ['upheld', 'corrected', 'other', 'pending'] as const;

function t3(row: string, col: string): string {
  return cellId('三', row, col);
}

/** The rows of table 三 that carry numbers, under 三、本年度办理结果, except （七）总计: the results that add up. */
export function table3ResultRows(format: FormatDef): string[] {
  return format.table3.rows
    .filter((r) => r.hasValues && r.key !== 'total' && (r.parent === 'results' || r.level === 2))
    .map((r) => r.key);
}

function table3Columns(format: FormatDef) {
  return format.table3.columns;
}

export const T3_ROW_SUM: RelationRule = {
  kind: 'relation',
  code: 'T3-ROW-SUM',
  severity: 'error',
  title: { zh: '表三各行：各类申请人之和等于总计', en: 'Table 三 rows: applicant columns add up to 总计' },
  description: {
    zh: '表三每一行：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和等于总计。',
    en: 'Table 三, every row: 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 = 总计.',
  },
  relations(format) {
    return format.table3.rows
      .filter((r) => r.hasValues)
      .map((r): Relation => ({
        lhs: T3_PARTS.map((c) => t3(r.key, c)),
        rhs: [t3(r.key, 'total')],
        op: '=',
        about: r.label,
        cells: [t3(r.key, 'total'), ...T3_PARTS.map((c) => t3(r.key, c))],
        rowTotal: true,
      }));
  },
  message(rel, lhs, rhs) {
    return {
      zh: `表三「${rel.about}」行：自然人与法人或其他组织各列之和为 ${fmt(lhs)}，与总计 ${fmt(rhs)} 不符。`,
      en: `Table 三, row “${rel.about}”: the applicant columns add up to ${fmt(lhs)}, but 总计 is ${fmt(rhs)}.`,
    };
  },
};

export const T3_RESULT_SUM: RelationRule = {
  kind: 'relation',
  code: 'T3-RESULT-SUM',
  severity: 'error',
  title: { zh: '表三各列：各项办理结果之和等于（七）总计', en: 'Table 三 columns: the results add up to （七）总计' },
  description: {
    zh: '表三每一列：（一）至（六）各项办理结果（有子项的按子项）之和等于（七）总计（2019 年格式的（六）只有一行）。',
    en: 'Table 三, every column: the results （一）–（六） (their numbered sub-rows where they have them) add up to （七）总计 (the 2019 format has a single （六） row).',
  },
  relations(format) {
    const rows = table3ResultRows(format);
    return table3Columns(format).map((c): Relation => ({
      lhs: rows.map((r) => t3(r, c.key)),
      rhs: [t3('total', c.key)],
      op: '=',
      about: c.label,
    }));
  },
  message(rel, lhs, rhs) {
    return {
      zh: `表三「${rel.about}」列：（一）至（六）各项办理结果之和为 ${fmt(lhs)}，与（七）总计 ${fmt(rhs)} 不符。`,
      en: `Table 三, column “${rel.about}”: results （一）–（六） add up to ${fmt(lhs)}, but （七）总计 is ${fmt(rhs)}.`,
    };
  },
};

export const T3_BALANCE: RelationRule = {
  kind: 'relation',
  code: 'T3-BALANCE',
  severity: 'error',
  title: {
    zh: '表三勾稽关系：第一项加第二项之和，等于第三项加第四项之和',
    en: 'Table 三 balance (勾稽关系): 一 + 二 = 三（七）总计 + 四',
  },
  description: {
    zh: '表三每一列的勾稽关系：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理。',
    en: 'Table 三, every column, the 勾稽关系: 一 new + 二 carried over = 三（七）总计 + 四 carried forward.',
  },
  relations(format) {
    return table3Columns(format).map((c): Relation => ({
      lhs: [t3('new', c.key), t3('carried', c.key)],
      rhs: [t3('total', c.key), t3('carryOver', c.key)],
      op: '=',
      about: c.label,
    }));
  },
  message(rel, lhs, rhs) {
    return {
      zh: `表三「${rel.about}」列勾稽关系不平：一（本年新收）加二（上年结转）为 ${fmt(lhs)}，三（七）总计加四（结转下年度）为 ${fmt(rhs)}。`,
      en: `Table 三, column “${rel.about}” does not balance: 一 new + 二 carried over = ${fmt(lhs)}, but （七）总计 + 四 carried forward = ${fmt(rhs)}.`,
    };
  },
};

export const T3_BOUNDS: RelationRule = {
  kind: 'relation',
  code: 'T3-BOUNDS',
  severity: 'warning',
  title: { zh: '表三各项结果与结转不超过一加二', en: 'Table 三: no result (nor 四) exceeds 一 + 二' },
  description: {
    zh: '表三每一列：任一办理结果、（七）总计和四、结转下年度继续办理都不超过同列一加二之和。',
    en: 'Table 三, every column: no result row, nor （七）总计, nor 四 carried forward, exceeds 一 + 二 in that column.',
  },
  relations(format) {
    const rows = [...table3ResultRows(format), 'total', 'carryOver'];
    const byKey = new Map(format.table3.rows.map((r) => [r.key, r.label]));
    return table3Columns(format).flatMap((c) =>
      rows.map((r): Relation => ({
        lhs: [t3(r, c.key)],
        rhs: [t3('new', c.key), t3('carried', c.key)],
        op: '<=',
        about: byKey.get(r) ?? r,
        aboutColumn: c.label,
      })),
    );
  },
  message(rel, lhs, rhs) {
    return {
      zh: `表三「${rel.about}」行「${rel.aboutColumn}」列为 ${fmt(lhs)}，超过同列一加二之和 ${fmt(rhs)}。`,
      en: `Table 三, row “${rel.about}”, column “${rel.aboutColumn}”: ${fmt(lhs)} exceeds 一 + 二 in that column (${fmt(rhs)}).`,
    };
  },
};

export const T4_GROUP_SUM: RelationRule = {
  kind: 'relation',
  code: 'T4-GROUP-SUM',
  severity: 'error',
  title: {
    zh: '表四：结果维持、结果纠正、其他结果、尚未审结之和等于总计',
    en: 'Table 四: the four outcomes add up to 总计',
  },
  description: {
    zh: '表四的行政复议、未经复议直接起诉、复议后起诉：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计。',
    en: 'Table 四, for 行政复议, 未经复议直接起诉 and 复议后起诉: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.',
  },
  relations(format) {
    return format.table4.groups.map((g): Relation => ({
      lhs: T4_PARTS.map((c) => cellId('四', g.key, c)),
      rhs: [cellId('四', g.key, 'total')],
      op: '=',
      about: g.parentLabel ? `${g.parentLabel}·${g.label}` : g.label,
      rowTotal: true,
    }));
  },
  message(rel, lhs, rhs) {
    return {
      zh: `表四「${rel.about}」：结果维持、结果纠正、其他结果、尚未审结之和为 ${fmt(lhs)}，与总计 ${fmt(rhs)} 不符。`,
      en: `Table 四, “${rel.about}”: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = ${fmt(lhs)}, but 总计 is ${fmt(rhs)}.`,
    };
  },
};

export const TABLE_RULES: readonly RelationRule[] = [T3_ROW_SUM, T3_RESULT_SUM, T3_BALANCE, T3_BOUNDS, T4_GROUP_SUM];

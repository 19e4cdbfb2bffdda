/** Value types (TYPE-*): whole numbers where counts go, blank is not zero, the fee in 万元. */
import type { CellDef, FormatDef, TableId } from '../format/types';
import type { Finding } from '../model/types';
import { groupThousands } from '../model/value';
import { cellName, cellRef, cellRefs, fmt } from './cells';
import type { CheckRule, RuleContext } from './types';

/**
 * The largest count believed in tables 三 and 四: far beyond any real report (a whole province's applications in a
 * year are in the tens of thousands), so 1e308 typed or sent in a count cell is an error, not a 309-digit number
 * published.
 */
export const MAX_COUNT = 10_000_000;
/**
 * Table 二 counts decisions of a whole region: 淮安市's 2024 report has 3,985,758 行政处罚, so a province's
 * consolidated report may pass ten million. A thousand million is still beyond any.
 */
export const MAX_TABLE2_COUNT = 1_000_000_000;

/** The largest count believed in a cell. */
export function maxCount(c: Pick<CellDef, 'table'>): number {
  return c.table === '二' ? MAX_TABLE2_COUNT : MAX_COUNT;
}

function isCountKind(c: CellDef): boolean {
  return c.kind === 'count' || c.kind === 'signedCount';
}

export const TYPE_INT: CheckRule = {
  kind: 'check',
  code: 'TYPE-INT',
  severity: 'error',
  title: { zh: '件数须为非负整数', en: 'Counts are whole numbers ≥ 0' },
  description: {
    zh: '表二的件数与表三、表四的每个单元格都应是非负整数：文字（如「减4」「/」「无」「—」）、小数、负数，以及表三、表四超过 10,000,000、表二超过 1,000,000,000 的数均为错误（2019 年格式的「本年增/减」可为负数）。',
    en: 'Every count in table 二 and every cell of tables 三 and 四 is a whole number ≥ 0: text (`减4`, `/`, `无`, `—`), decimals, negatives, and numbers over 10,000,000 in tables 三 and 四 or over 1,000,000,000 in table 二 are errors (in the 2019 format 本年增/减 may be negative).',
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const c of ctx.format.cells) {
      if (!isCountKind(c)) continue;
      const v = ctx.value(c.id);
      if (v === null) continue;
      let why: { zh: string; en: string } | undefined;
      if (typeof v === 'string') why = { zh: `填写的「${v}」不是数字`, en: `“${v}” is not a number` };
      else if (!Number.isInteger(v)) why = { zh: `${fmt(v)} 不是整数`, en: `${fmt(v)} is not a whole number` };
      else if (v < 0 && c.kind === 'count') why = { zh: `${v} 为负数`, en: `${v} is negative` };
      else if (Math.abs(v) > maxCount(c)) {
        const shown = Math.abs(v) < 1e21 ? fmt(v) : v.toExponential(2);
        why = {
          zh: `${shown} 超过 ${groupThousands(maxCount(c))}，远超任何实际年报`,
          en: `${shown} is over ${groupThousands(maxCount(c))}, beyond any real report`,
        };
      }
      if (!why) continue;
      const name = cellName(ctx.format, c.id);
      out.push({
        rule: 'TYPE-INT',
        severity: 'error',
        message: {
          zh: `${name.zh}：${why.zh}，应填写非负整数（没有发生的填 0）。`,
          en: `${capitalise(name.en)}: ${why.en}; enter a whole number ≥ 0 (0 where nothing happened).`,
        },
        cells: [cellRef(ctx.format, c.id)],
      });
    }
    return out;
  },
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

interface TableRow {
  table: TableId;
  row: string;
  ids: string[];
  totalId?: string;
}

const rowsByFormat = new WeakMap<FormatDef, TableRow[]>();

/** The rows of the three tables, each with its cells and (tables 三/四) its 总计 cell. */
function tableRows(format: FormatDef): TableRow[] {
  const hit = rowsByFormat.get(format);
  if (hit) return hit;
  const rows = new Map<string, TableRow>();
  for (const c of format.cells) {
    const key = `${c.table}|${c.rowKey}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { table: c.table, row: c.row, ids: [] }));
    r.ids.push(c.id);
    if (c.table !== '二' && c.colKey === 'total') r.totalId = c.id;
  }
  const list = [...rows.values()];
  rowsByFormat.set(format, list);
  return list;
}

export const TYPE_BLANK: CheckRule = {
  kind: 'check',
  code: 'TYPE-BLANK',
  severity: 'warning',
  title: { zh: '空白不等于 0：每个单元格都应填写', en: 'Blank is not zero: fill every cell' },
  description: {
    zh: '空白不等于 0：每个单元格都应填写，没有发生的填 0。整张表空白时只提示一次；某行已有数字而其总计空白为错误，其他合计关系按该行各数之和核对，不再重复报错。',
    en: 'Blank is not zero: every cell is filled, 0 where nothing happened. A wholly blank table is one finding; a blank 总计 in a row that has figures is an error, and the other sums count it as the sum of its row rather than fail again.',
  },
  check(ctx) {
    const out: Finding[] = [];
    const rows = tableRows(ctx.format);
    const blankTables = new Set<TableId>(['二', '三', '四']);
    for (const r of rows) if (r.ids.some((id) => ctx.value(id) !== null)) blankTables.delete(r.table);
    for (const table of blankTables) {
      const ids = ctx.format.cells.filter((c) => c.table === table).map((c) => c.id);
      out.push({
        rule: 'TYPE-BLANK',
        severity: 'warning',
        message: {
          zh: `表${table}尚未填写：没有发生的事项请填 0，空白不等于 0。`,
          en: `Table ${table} is blank: enter 0 where nothing happened (blank is not zero).`,
        },
        cells: cellRefs(ctx.format, ids.slice(0, 1)),
      });
    }
    for (const r of rows) {
      if (blankTables.has(r.table)) continue;
      const blanks = r.ids.filter((id) => ctx.value(id) === null);
      if (blanks.length === 0) continue;
      const hasValues = blanks.length < r.ids.length;
      if (r.totalId && hasValues && ctx.value(r.totalId) === null) {
        out.push({
          rule: 'TYPE-BLANK',
          severity: 'error',
          message: {
            zh: `表${r.table}「${r.row}」行已填写数字，但总计为空白。`,
            en: `Table ${r.table}, row “${r.row}” has figures but its 总计 is blank.`,
          },
          cells: [cellRef(ctx.format, r.totalId)],
        });
      }
      const rest = blanks.filter((id) => id !== r.totalId || !hasValues);
      if (rest.length === 0) continue;
      const cols = rest.map((id) => ctx.format.cellById.get(id)!.column);
      out.push({
        rule: 'TYPE-BLANK',
        severity: 'warning',
        message: {
          zh: `表${r.table}「${r.row}」行有 ${rest.length} 个空白单元格（${cols.join('、')}）：没有发生的请填 0。`,
          en: `Table ${r.table}, row “${r.row}”: ${rest.length} blank cell(s) (${cols.join(', ')}); enter 0 where nothing happened.`,
        },
        cells: cellRefs(ctx.format, rest),
      });
    }
    return out;
  },
};

/**
 * At or above this a 万元 figure (1 亿元) is worth a second look: entered in 元? Only a hint (info): a large city's
 * fees run to hundreds of 亿元, and no figure alone tells 元 from 万元.
 */
export const FEE_YUAN_THRESHOLD = 10_000;
export const FEE_MAX_DECIMALS = 4;

function decimals(n: number): number {
  const s = String(n);
  if (s.includes('e')) return 99;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

function feeProblem(ctx: RuleContext, c: CellDef): { zh: string; en: string; hint?: true } | undefined {
  const v = ctx.value(c.id);
  if (v === null) return undefined;
  if (typeof v === 'string') {
    if (/^[\d.,，]+\s*(万?元)$/.test(v)) {
      return {
        zh: `单元格中写了单位（「${v}」），应只填数字，单位为万元`,
        en: `the unit is written in the cell (“${v}”); enter the number only, in 万元`,
      };
    }
    return { zh: `填写的「${v}」不是数字`, en: `“${v}” is not a number` };
  }
  if (v < 0) return { zh: `${fmt(v)} 为负数`, en: `${fmt(v)} is negative` };
  if (c.kind === 'fee' && decimals(v) > FEE_MAX_DECIMALS) {
    return {
      zh: `${v} 有 ${decimals(v)} 位小数，万元金额最多保留 4 位小数（精确到元）`,
      en: `${v} has ${decimals(v)} decimals; an amount in 万元 has at most 4 (to the yuan)`,
    };
  }
  if (c.kind === 'fee' && v >= FEE_YUAN_THRESHOLD) {
    return {
      zh: `${fmt(v)} 万元即 ${fmt(v / 10_000)} 亿元，请确认是否误按“元”填写`,
      en: `${fmt(v)} 万元 is ${fmt(v / 10_000)} hundred million yuan; check it was not entered in 元`,
      hint: true,
    };
  }
  return undefined;
}

export const TYPE_FEE: CheckRule = {
  kind: 'check',
  code: 'TYPE-FEE',
  severity: 'warning',
  title: { zh: '收费金额为以万元为单位的非负小数', en: 'The fee is a decimal ≥ 0 in 万元' },
  description: {
    zh: '表二收费金额以万元为单位、不为负：小数超过 4 位、在单元格中写了单位（如「251000元」）时请确认；达到 10000 万元（1 亿元）时提示核对是否按元填写（大城市的收费可达数十亿元，仅为提示）。',
    en: 'The fee in table 二 is a number ≥ 0 in 万元: more than 4 decimals or a unit written in the cell (`251000元`) are flagged; 10,000 万元 (1 亿元) or more gets a hint to check it was not entered in 元 (a large city collects billions: only a hint).',
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const c of ctx.format.cells) {
      if (c.kind !== 'fee' && c.kind !== 'amount') continue;
      const why = feeProblem(ctx, c);
      if (!why) continue;
      const name = cellName(ctx.format, c.id);
      out.push({
        rule: 'TYPE-FEE',
        severity: why.hint ? 'info' : 'warning',
        message: { zh: `${name.zh}：${why.zh}。`, en: `${capitalise(name.en)}: ${why.en}.` },
        cells: [cellRef(ctx.format, c.id)],
      });
    }
    return out;
  },
};

export const TYPE_RULES: readonly CheckRule[] = [TYPE_INT, TYPE_BLANK, TYPE_FEE];

/**
 * The findings about figures that ran together (split by the sums: FORMAT-LABEL info; not settled: SHAPE-ROW with
 * the candidate splits) and about a row of the other format version (FORMAT-VERSION with a repair).
 */
import type { FormatDef, TableId } from '../format/types';
import type { Finding, Repair } from '../model/types';
import { cellRefs } from '../rules/cells';
import { sectionOf } from './findings';
import { lenientNumber } from './normalize';
import { MAX_REPAIRS } from './repairs';
import { inErrorEquality } from './sums';
import { candidateSplits, needsSplit } from './splits';
import type { Split, Unsplit } from './runs';
import type { MixedRow, Reading, RowSpec } from './tables';

function cellsText(cells: readonly (string | null)[]): string {
  return cells.map((c) => c ?? '').join(' | ');
}

function runsOf(r: Reading): string {
  return r.texts.map((t) => t ?? '').join(' ');
}

/** Rows whose figures ran together, split by the sums (one finding a table). */
export function splitFindings(format: FormatDef, split: readonly Split[]): Finding[] {
  const byTable = new Map<TableId, Split[]>();
  for (const s of split) byTable.set(s.spec.table, [...(byTable.get(s.spec.table) ?? []), s]);
  return [...byTable].map(([table, rows]) => {
    const shown = rows.slice(0, 4);
    const more = rows.length > shown.length ? { zh: ' 等', en: ', …' } : { zh: '', en: '' };
    const list = (sep: string) => shown.map((s) => `「${runsOf(s.reading)}」→ ${cellsText(s.cells)}`).join(sep);
    return {
      rule: 'FORMAT-LABEL',
      severity: 'info' as const,
      message: {
        zh: `表${table}有 ${rows.length} 行的数字连在一起，已按表格自身的合计关系拆分（只有一种拆法符合）：${list('；')}${more.zh}。请对照原件核对。`,
        en: `Table ${table}: the figures of ${rows.length} row(s) ran together and were split by the table's own sums (exactly one split fits): ${list('; ')}${more.en}. Check against the original.`,
      },
      cells: cellRefs(
        format,
        rows.flatMap((s) => s.spec.ids),
      ),
      section: sectionOf(table),
      excerpt: rows.map((s) => `${s.spec.label} ${runsOf(s.reading)}`).join('\n'),
    };
  });
}

function splitRepair(format: FormatDef, spec: RowSpec, cells: readonly (string | null)[]): Repair {
  const values = Object.fromEntries(
    spec.ids.map((id, i) => {
      const t = cells[i] ?? null;
      return [id, t === null ? null : (lenientNumber(t.replace(/万?元$|[%％]$/, '')) ?? null)];
    }),
  );
  return {
    description: {
      zh: `「${spec.label}」按 ${cellsText(cells)} 读取`,
      en: `Read “${spec.label}” as ${cellsText(cells)}`,
    },
    values,
  };
}

/** The cells whose figure differs among the candidate splits (all of the row's when there are none). */
function differing(spec: RowSpec, candidates: readonly (readonly (string | null)[])[]): string[] {
  if (candidates.length < 2) return [...spec.ids];
  return spec.ids.filter((_, i) => new Set(candidates.map((c) => c[i] ?? null)).size > 1);
}

/**
 * Rows whose run of figures can be split more than one way (or none) by the sums: blank until a person picks a
 * split. An error where the cells take part in the table's sums (the arithmetic cannot be checked without them),
 * a warning otherwise (table 二: one finding for all its rows).
 */
export function unsplitFindings(format: FormatDef, unsplit: readonly Unsplit[]): Finding[] {
  const out: Finding[] = [];
  const soft: Unsplit[] = [];
  const describe = (u: Unsplit) => {
    const run = {
      zh: `「${u.spec.label}」的「${runsOf(u.reading)}」`,
      en: `“${u.spec.label}”: “${runsOf(u.reading)}”`,
    };
    const n = u.candidates.length;
    const cells = u.spec.ids.length;
    switch (u.why) {
      case 'tooMany':
        return { zh: `${run.zh}拆法太多，无法判断`, en: `${run.en} can be split too many ways to tell` };
      case 'none':
        return { zh: `${run.zh}无法拆成 ${cells} 个单元格`, en: `${run.en} cannot make its ${cells} cells` };
      case 'ownSumsBroken':
        return {
          zh: `${run.zh}没有一种拆法使该行自身的合计成立（原件的数字可能有误），最接近的有 ${n} 种`,
          en: `${run.en} has no split that keeps the row's own sums (the original's figures may be wrong); ${n} come closest`,
        };
      default:
        return { zh: `${run.zh}有 ${n} 种拆法`, en: `${run.en} can be split ${n} ways` };
    }
  };
  for (const u of unsplit) {
    const ids = differing(u.spec, u.candidates);
    if (!ids.some((id) => inErrorEquality(format, id))) {
      soft.push(u);
      continue;
    }
    const d = describe(u);
    out.push({
      rule: 'SHAPE-ROW',
      severity: 'error',
      message: {
        zh: `表${u.spec.table}${d.zh}${u.why === 'several' ? '，合计关系不能唯一确定' : ''}，该行暂留空白。${u.candidates.length ? '请从候选拆法中确认一个，或按原件填写。' : '请按原件填写。'}`,
        en: `Table ${u.spec.table}, ${d.en}${u.why === 'several' ? '; the sums do not settle it' : ''}, so the row is left blank. ${u.candidates.length ? 'Confirm one of the candidate splits, or enter the figures from the original.' : 'Enter the figures from the original.'}`,
      },
      cells: cellRefs(format, ids),
      section: sectionOf(u.spec.table),
      excerpt: `${u.spec.label} ${runsOf(u.reading)}`,
      repairs: u.candidates.slice(0, MAX_REPAIRS).map((c) => splitRepair(format, u.spec, c)),
    });
  }
  const byTable = new Map<TableId, Unsplit[]>();
  for (const u of soft) byTable.set(u.spec.table, [...(byTable.get(u.spec.table) ?? []), u]);
  for (const [table, rows] of byTable) {
    const ds = rows.map(describe);
    out.push({
      rule: 'SHAPE-ROW',
      severity: 'warning',
      message: {
        zh: `表${table}有 ${rows.length} 行的数字连在一起，无法由合计确定如何拆分（${ds.map((d) => d.zh).join('；')}），这些单元格暂留空白。请从候选拆法中确认，或按原件填写。`,
        en: `Table ${table}: the figures of ${rows.length} row(s) ran together and no sum settles how to split them (${ds.map((d) => d.en).join('; ')}); those cells are left blank. Confirm a candidate split, or enter the figures from the original.`,
      },
      cells: cellRefs(
        format,
        rows.flatMap((u) => differing(u.spec, u.candidates)),
      ),
      section: sectionOf(table),
      excerpt: rows.map((u) => `${u.spec.label} ${runsOf(u.reading)}`).join('\n'),
      repairs: rows.flatMap((u) => u.candidates.slice(0, MAX_REPAIRS).map((c) => splitRepair(format, u.spec, c))),
    });
  }
  return out;
}

/**
 * A row of the other format version in this one's table (2021 table 三 with the 2019 single （六）其他处理 row):
 * FORMAT-VERSION naming the row; its sub-rows stay blank, and a repair reads the figures into the last of them (其他).
 */
export function mixedRowFinding(format: FormatDef, m: MixedRow): Finding {
  const group = format.table3.rows.find((r) => r.label === m.official);
  const subRows = format.table3.rows.filter((r) => r.parent === group?.key && r.hasValues);
  const target = subRows[subRows.length - 1];
  const ids = subRows.flatMap((r) =>
    format.cells.filter((c) => c.table === '三' && c.rowKey === r.key).map((c) => c.id),
  );
  const targetIds = ids.filter((id) => format.cellById.get(id)!.rowKey === target?.key);
  const spec: RowSpec = { key: `三|${target?.key}`, table: '三', label: target?.label ?? m.official, ids: targetIds };
  const n = targetIds.length;
  const splits =
    m.reading.texts.length === n
      ? [m.reading.texts]
      : needsSplit(spec, m.reading)
        ? (candidateSplits(m.reading, n) ?? []).slice(0, MAX_REPAIRS)
        : [];
  const repairs = splits.map((cells) => {
    const r = splitRepair(format, spec, cells);
    const zeros = Object.fromEntries(ids.filter((id) => !targetIds.includes(id)).map((id) => [id, 0]));
    return {
      description: {
        zh: `按2019年格式的「${m.official}」一行读取：${cellsText(cells)} 计入「${spec.label}」，其余子项填 0`,
        en: `Read as the 2019 row “${m.official}”: ${cellsText(cells)} into “${spec.label}”, the other items 0`,
      },
      values: { ...zeros, ...r.values },
    };
  });
  const subLabels = subRows.map((r) => `「${r.label}」`).join('');
  return {
    rule: 'FORMAT-VERSION',
    severity: 'error',
    message: {
      zh: `表三「${m.official}」按2019年试行格式填为一行（${runsOf(m.reading)}），而${format.version}年格式分为${subRows.length}个子项${subRows.length ? `（${subLabels}）` : ''}，这些子项暂留空白。请改用${format.version}年格式，或确认按原一行读取。`,
      en: `Table 三 has “${m.official}” as one row (${runsOf(m.reading)}), as in the 2019 trial format; the ${format.version} format splits it into ${subRows.length} items, left blank for now. Use the ${format.version} format, or confirm reading it as the old row.`,
    },
    cells: cellRefs(format, ids),
    section: 'applications',
    excerpt: m.reading.excerpt,
    repairs,
  };
}

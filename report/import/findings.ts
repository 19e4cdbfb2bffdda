/** The findings an import makes (SHAPE-ROW, FORMAT-SECTIONS, FORMAT-LABEL, FORMAT-VERSION), in both languages. */
import { SECTIONS } from '../format';
import type { FormatDef, FormatVersion, SectionId, TableId } from '../format/types';
import type { Finding, Repair } from '../model/types';
import { cellRefs } from '../rules/cells';
import type { Drift, Reading, RowSpec, Stray } from './tables';

const ZH_LIST = '、';

export function sectionOf(table: TableId): SectionId {
  return SECTIONS.find((s) => s.table === table)!.id;
}

function headingOf(id: SectionId): string {
  return SECTIONS.find((s) => s.id === id)!.heading;
}

function quoteAll(items: readonly string[], open: string, close: string, sep: string): string {
  return items.map((s) => `${open}${s}${close}`).join(sep);
}

/** A row read with the wrong number of cells (or read twice, differently): its cells stay blank. */
export function shapeRowFinding(
  format: FormatDef,
  spec: RowSpec,
  readings: readonly Reading[],
  repairs: Repair[],
): Finding {
  const n = spec.ids.length;
  const counts = [...new Set(readings.map((r) => r.texts.length))];
  const where = spec.table === '四' ? `表四「${spec.label}」一行` : `表${spec.table}「${spec.label}」行`;
  const whereEn =
    spec.table === '四' ? `Table 四, the row of ${spec.label}` : `Table ${spec.table}, row “${spec.label}”`;
  const first = readings[0]?.texts.find((t) => t !== null) ?? '';
  const choose =
    repairs.length > 0
      ? {
          zh: `请从 ${repairs.length} 个符合合计关系的候选修正中确认一个，或按原件填写。`,
          en: `Confirm one of the ${repairs.length} candidate repairs that satisfy the sums, or enter the figures from the original.`,
        }
      : {
          zh: '合计关系不足以推出修正，请按原件填写。',
          en: 'The sums do not determine a repair; enter the figures from the original.',
        };
  const message =
    readings.length > 1
      ? {
          zh: `${where}出现 ${readings.length} 次且数值不一致（各读到 ${counts.join('、')} 个单元格，应为 ${n} 个），该行暂留空白。${choose.zh}`,
          en: `${whereEn} occurs ${readings.length} times with different figures (${counts.join(', ')} cells read; ${n} expected); its cells are left blank. ${choose.en}`,
        }
      : {
          zh: `${where}应有 ${n} 个单元格，实际读到 ${counts[0]} 个（首个为「${first}」），该行暂留空白，不作猜测。${choose.zh}`,
          en: `${whereEn} should have ${n} cells but ${counts[0]} were read (the first is “${first}”); its cells are left blank rather than guessed. ${choose.en}`,
        };
  return {
    rule: 'SHAPE-ROW',
    severity: 'error',
    message,
    cells: cellRefs(format, spec.ids),
    section: sectionOf(spec.table),
    excerpt: readings.map((r) => r.excerpt).join('\n'),
    repairs,
  };
}

/** Rows of a table that the input does not have (a cut-off or cut-down copy). */
export function missingRowsFinding(format: FormatDef, table: TableId, specs: readonly RowSpec[]): Finding {
  const labels = specs.map((s) => s.label);
  const shown = labels.length > 6 ? [...labels.slice(0, 6), '…'] : labels;
  return {
    rule: 'SHAPE-ROW',
    severity: 'error',
    message: {
      zh: `表${table}缺少 ${specs.length} 行（${shown.join(ZH_LIST)}）：原文可能不完整，这些单元格留空。`,
      en: `Table ${table} lacks ${specs.length} row(s) (${shown.join(', ')}): the copy may be incomplete; these cells are left blank.`,
    },
    cells: cellRefs(
      format,
      specs.flatMap((s) => s.ids),
    ),
    section: sectionOf(table),
  };
}

/** Figures that belong to no row (after a group heading, or before any row label). */
export function strayFinding(stray: Stray): Finding {
  const after = stray.after ? { zh: `「${stray.after}」之后`, en: ` after “${stray.after}”` } : { zh: '', en: '' };
  return {
    rule: 'SHAPE-ROW',
    severity: 'error',
    message: {
      zh: `表${stray.table}${after.zh}有 ${stray.texts.length} 个数值不属于任何一行（${stray.texts.join(' | ')}），已忽略，请对照原件。`,
      en: `Table ${stray.table}${after.en}: ${stray.texts.length} figure(s) belong to no row (${stray.texts.join(' | ')}) and were ignored; check the original.`,
    },
    cells: [],
    section: sectionOf(stray.table),
    excerpt: stray.texts.join(' | '),
  };
}

const DRIFT_WHY: Record<Drift['kind'], { zh: string; en: string }> = {
  exact: { zh: '', en: '' },
  truncated: { zh: '', en: '' },
  alias: { zh: '（另一版本格式的表述）', en: ' (the wording of the other format version)' },
  annotated: { zh: '（多了注释）', en: ' (an annotation added)' },
  unnumbered: { zh: '（缺少序号）', en: ' (its numbering missing)' },
  fuzzy: { zh: '（措辞不同）', en: ' (worded differently)' },
};

export function driftFinding(d: Drift): Finding {
  return {
    rule: 'FORMAT-LABEL',
    severity: 'info',
    message: {
      zh: `表${d.table}「${d.text}」与官方表述「${d.official}」不一致${DRIFT_WHY[d.kind].zh}，已按官方表述读取。`,
      en: `Table ${d.table}: “${d.text}” differs from the official wording “${d.official}”${DRIFT_WHY[d.kind].en}; read as the official label.`,
    },
    cells: [],
    section: sectionOf(d.table),
    excerpt: d.text,
  };
}

export function unknownLabelFinding(table: TableId, text: string): Finding {
  return {
    rule: 'FORMAT-LABEL',
    severity: 'info',
    message: {
      zh: `表${table}中的「${text}」不是官方格式中的标签，已忽略。`,
      en: `Table ${table}: “${text}” is not a label of the official format and was ignored.`,
    },
    cells: [],
    section: sectionOf(table),
    excerpt: text,
  };
}

export interface SectionProblems {
  missing: SectionId[];
  outOfOrder: SectionId[];
  repeated: SectionId[];
}

export function sectionsFinding(p: SectionProblems): Finding {
  const zh: string[] = [];
  const en: string[] = [];
  const h = (ids: SectionId[]) => ids.map(headingOf);
  if (p.missing.length) {
    zh.push(`缺少${quoteAll(h(p.missing), '「', '」', ZH_LIST)}`);
    en.push(`missing: ${quoteAll(h(p.missing), '“', '”', ', ')}`);
  }
  if (p.outOfOrder.length) {
    zh.push(`顺序不对：${quoteAll(h(p.outOfOrder), '「', '」', ZH_LIST)}出现在后面部分之后`);
    en.push(`out of order: ${quoteAll(h(p.outOfOrder), '“', '”', ', ')} come(s) after a later section`);
  }
  if (p.repeated.length) {
    zh.push(`重复出现：${quoteAll(h(p.repeated), '「', '」', ZH_LIST)}`);
    en.push(`repeated: ${quoteAll(h(p.repeated), '“', '”', ', ')}`);
  }
  return {
    rule: 'FORMAT-SECTIONS',
    severity: 'error',
    message: {
      zh: `报告应依次包含六个部分：${zh.join('；')}。`,
      en: `The report must have the six sections in order: ${en.join('; ')}.`,
    },
    cells: [],
    section: p.missing[0] ?? p.outOfOrder[0] ?? p.repeated[0]!,
  };
}

/** Labels of both format versions in one report. */
export function versionMixFinding(
  markers: ReadonlyMap<FormatVersion, readonly string[]>,
  chosen: FormatVersion,
): Finding {
  const list = (v: FormatVersion, sep: string, open: string, close: string) =>
    quoteAll(markers.get(v) ?? [], open, close, sep);
  return {
    rule: 'FORMAT-VERSION',
    severity: 'error',
    message: {
      zh: `报告混用了两种格式：${list('2021', ZH_LIST, '「', '」')}属于国办公开办函〔2021〕30号格式，${list('2019', ZH_LIST, '「', '」')}属于2019年试行格式。已按${chosen}年格式读取，请统一为应使用的格式。`,
      en: `The report mixes both formats: ${list('2021', ', ', '“', '”')} belong to the 2021 format (国办公开办函〔2021〕30号), ${list('2019', ', ', '“', '”')} to the 2019 trial format. Read as the ${chosen} format; use one format throughout.`,
    },
    cells: [],
  };
}

/** The last resort: the input could not be read at all (an importer fault, reported rather than thrown). */
export function unreadableFinding(reason: string): Finding {
  return {
    rule: 'FORMAT-SECTIONS',
    severity: 'error',
    message: {
      zh: `无法读取该文档（${reason}），未能识别任何部分，请对照原件录入。`,
      en: `The document could not be read (${reason}); no section was recognised. Enter the report from the original.`,
    },
    cells: [],
    section: 'overview',
  };
}

/** A section heading worded otherwise than the official one (`四、政府信息公开行政复议与行政诉讼情况`), recognised by its meaning. */
export function headingDriftFinding(d: { section: SectionId; text: string }): Finding {
  const heading = headingOf(d.section);
  return {
    rule: 'FORMAT-LABEL',
    severity: 'info',
    message: {
      zh: `标题「${d.text}」与官方表述「${heading}」不一致，已按「${heading}」识别。`,
      en: `The heading “${d.text}” differs from the official “${heading}”; read as that section.`,
    },
    cells: [],
    section: d.section,
    excerpt: d.text,
  };
}

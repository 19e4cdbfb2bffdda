/**
 * TEXT-INVISIBLE: invisible and direction-control characters (zero-width spaces and joiners, direction marks,
 * embeddings, overrides and isolates, a BOM inside the text). They change how a name or a sentence looks — an
 * override can make a published name read backwards — without being seen, so the report core removes them from
 * the report as it is read (report/input: every way in), and this finding says where they were. The published
 * page, the index and open data never carry them; the renderer drops any that older stored reports still hold.
 */
import { FORMATS } from '../format';
import type { ProseSectionId, SectionId } from '../format/types';
import type { Bilingual, CellValue, Finding, Report } from '../model/types';
import { dropInvisible, INVISIBLE } from '../model/invisible';
import { parseCellText } from '../model/value';
import { META_LABELS, META_PREAMBLE, META_SHEET } from '../workbook/layout';
import { AGENCY_CELL } from './agencyRule';
import { cellRef } from './cells';
import type { InputRule } from './types';

/** The characters removed, each with the name the finding gives it. */
const NAMES: Readonly<Record<number, Bilingual>> = {
  0x061c: { zh: '阿拉伯字母标记', en: 'ARABIC LETTER MARK' },
  0x200b: { zh: '零宽空格', en: 'ZERO WIDTH SPACE' },
  0x200c: { zh: '零宽不连字', en: 'ZERO WIDTH NON-JOINER' },
  0x200d: { zh: '零宽连字', en: 'ZERO WIDTH JOINER' },
  0x200e: { zh: '从左至右标记', en: 'LEFT-TO-RIGHT MARK' },
  0x200f: { zh: '从右至左标记', en: 'RIGHT-TO-LEFT MARK' },
  0x202a: { zh: '从左至右嵌入', en: 'LEFT-TO-RIGHT EMBEDDING' },
  0x202b: { zh: '从右至左嵌入', en: 'RIGHT-TO-LEFT EMBEDDING' },
  0x202c: { zh: '方向格式结束', en: 'POP DIRECTIONAL FORMATTING' },
  0x202d: { zh: '从左至右强制', en: 'LEFT-TO-RIGHT OVERRIDE' },
  0x202e: { zh: '从右至左强制', en: 'RIGHT-TO-LEFT OVERRIDE' },
  0x2060: { zh: '词连接符', en: 'WORD JOINER' },
  0x2061: { zh: '不可见函数应用', en: 'FUNCTION APPLICATION' },
  0x2062: { zh: '不可见乘号', en: 'INVISIBLE TIMES' },
  0x2063: { zh: '不可见分隔符', en: 'INVISIBLE SEPARATOR' },
  0x2064: { zh: '不可见加号', en: 'INVISIBLE PLUS' },
  0x2066: { zh: '从左至右隔离', en: 'LEFT-TO-RIGHT ISOLATE' },
  0x2067: { zh: '从右至左隔离', en: 'RIGHT-TO-LEFT ISOLATE' },
  0x2068: { zh: '首字强隔离', en: 'FIRST STRONG ISOLATE' },
  0x2069: { zh: '方向隔离结束', en: 'POP DIRECTIONAL ISOLATE' },
  0xfeff: { zh: '零宽不换行空格（BOM）', en: 'ZERO WIDTH NO-BREAK SPACE (BOM)' },
};

export const TEXT_INVISIBLE: InputRule = {
  kind: 'input',
  code: 'TEXT-INVISIBLE',
  severity: 'info',
  title: { zh: '不可见字符与文字方向控制符（已删除）', en: 'Invisible and direction-control characters (removed)' },
  description: {
    zh: '机关名称、报告前言、正文或表格单元格中有看不见的字符：零宽空格、零宽连字、文字方向标记、嵌入、强制与隔离符（U+200B–U+200F、U+202A–U+202E、U+2066–U+2069 等）或文中的 BOM。它们会改变文字的显示（如让名称倒着显示）而看不出来，读取时已删除，公开的页面和开放数据中没有它们；提示说明原来在哪里。',
    en: 'The agency name, the preamble, a section or a table cell holds characters that cannot be seen: zero-width spaces and joiners, direction marks, embeddings, overrides and isolates (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069 and the like) or a BOM inside the text. They change how text is shown (a name can read backwards) without showing themselves; they are removed as the report is read, so the published page and open data never carry them, and the finding says where they were.',
  },
};

interface Place {
  readonly where: Bilingual;
  readonly cells?: Finding['cells'];
  readonly section?: SectionId;
}

function finding(text: string, place: Place): Finding | undefined {
  const found = text.match(INVISIBLE);
  if (!found) return undefined;
  const kinds = [...new Set(found)].map((c) => {
    const code = c.codePointAt(0)!;
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return { zh: `${hex} ${NAMES[code]!.zh}`, en: `${hex} ${NAMES[code]!.en}` };
  });
  return {
    rule: TEXT_INVISIBLE.code,
    severity: TEXT_INVISIBLE.severity,
    message: {
      zh: `${place.where.zh}中有 ${found.length} 个看不见的字符（${kinds.map((k) => k.zh).join('、')}），已删除：公开的文字中没有它们。`,
      en: `${place.where.en} held ${found.length} invisible character${found.length > 1 ? 's' : ''} (${kinds.map((k) => k.en).join(', ')}), removed: the published text does not carry them.`,
    },
    cells: place.cells ?? [],
    ...(place.section ? { section: place.section } : {}),
  };
}

const SECTION_IDS: readonly ProseSectionId[] = ['overview', 'problems', 'other'];
/** The 基本信息 cell of the preamble (the task pane selects it from the finding). */
const PREAMBLE_CELL = { id: META_PREAMBLE, table: META_SHEET, row: META_LABELS.preamble, column: '' } as const;

/** Where a report holds invisible characters: one TEXT-INVISIBLE finding per field, section or cell. Pure. */
export function findInvisible(report: Report): Finding[] {
  const format = FORMATS[report.format];
  const out: (Finding | undefined)[] = [];
  if (report.agency)
    out.push(
      finding(report.agency, {
        where: { zh: '基本信息的「行政机关名称」', en: 'The agency name' },
        cells: [AGENCY_CELL],
      }),
    );
  if (report.preamble)
    out.push(
      finding(report.preamble, { where: { zh: '基本信息的「报告前言」', en: 'The preamble' }, cells: [PREAMBLE_CELL] }),
    );
  for (const id of SECTION_IDS) {
    const text = report.sections[id];
    if (!text) continue;
    const heading = format.sections.find((s) => s.id === id)?.heading ?? id;
    out.push(finding(text, { where: { zh: `「${heading}」`, en: `Section “${heading}”` }, section: id }));
  }
  // The prose beside tables 二、三、四 (imported reports).
  for (const [id, text] of Object.entries(report.notes ?? {}) as [SectionId, string | null][]) {
    if (!text) continue;
    const heading = format.sections.find((s) => s.id === id)?.heading ?? id;
    out.push(
      finding(text, { where: { zh: `「${heading}」的说明文字`, en: `The prose of “${heading}”` }, section: id }),
    );
  }
  for (const [id, value] of Object.entries(report.values)) {
    if (typeof value !== 'string' || !format.cellById.has(id)) continue;
    const ref = cellRef(format, id);
    out.push(
      finding(value, {
        where: {
          zh: `表${ref.table}「${ref.row}」行「${ref.column}」列`,
          en: `Table ${ref.table}, “${ref.row}” × “${ref.column}”,`,
        },
        cells: [ref],
      }),
    );
  }
  return out.filter((f): f is Finding => f !== undefined);
}

/** Text without them; nothing left but spaces → null (blank), as the readers make it. */
function clean(s: string | null | undefined): string | null {
  if (typeof s !== 'string') return null;
  const kept = dropInvisible(s);
  return kept.trim() === '' ? null : kept;
}

/**
 * The report without invisible and direction-control characters in its names, prose and cells (a copy). A cell's
 * text is read again once they are gone: `12` followed by a zero-width space is the number 12.
 */
export function withoutInvisible(report: Report): Report {
  const values: Record<string, CellValue> = {};
  for (const [id, v] of Object.entries(report.values))
    values[id] = typeof v === 'string' ? parseCellText(dropInvisible(v)) : v;
  return {
    ...report,
    agency: clean(report.agency),
    ...(report.preamble !== undefined ? { preamble: clean(report.preamble) } : {}),
    sections: Object.fromEntries(Object.entries(report.sections).map(([k, v]) => [k, clean(v)])) as Report['sections'],
    ...(report.notes
      ? { notes: Object.fromEntries(Object.entries(report.notes).map(([k, v]) => [k, clean(v)])) as Report['notes'] }
      : {}),
    values,
  };
}

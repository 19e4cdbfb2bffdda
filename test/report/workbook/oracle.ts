/**
 * The workbook reader as it was before the bounded one (report/workbook/read.ts): exceljs builds the whole workbook
 * and the cells are read from it. Kept as a test oracle only — never fed hostile files (exceljs builds every cell
 * of a merge or validation range) — so that the bounded reader can be checked to read what exceljs reads.
 */
import type ExcelJS from 'exceljs';
import type { CellValue as ExcelValue, Worksheet } from 'exceljs';
// The workbook class alone: exceljs's main entry also loads its streaming reader and writer (archiver, unzipper and
// their dependencies), which a reader of whole files never uses — a smaller, faster-starting submit function.
import Workbook from 'exceljs/lib/doc/workbook';
import { FORMAT_2019, FORMAT_2021, formatForYear } from '../../../report/format';
import { tableGrids } from '../../../report/format/grid';
import type { FormatDef, ProseSectionId } from '../../../report/format/types';
import type { CellValue, Finding, Report } from '../../../report/model/types';
import { parseCellText } from '../../../report/model/value';
import { WorkbookError } from '../../../report/workbook/errors';
import {
  a1,
  type InputSlot,
  META_AGENCY,
  META_PREAMBLE,
  META_YEAR,
  proseId,
  type WorkbookLayout,
  workbookLayout,
} from '../../../report/workbook/layout';

export interface WorkbookReadResult {
  report: Report;
  /** Findings made while reading (FORMAT-LABEL), with workbook addresses: pass them to validate() as inputFindings. */
  findings: Finding[];
  layout: WorkbookLayout;
}

const PROSE: readonly ProseSectionId[] = ['overview', 'problems', 'other'];

/** What a cell shows, as a number or a string: formulas by their result, rich text as its text, blank as null. */
export function cellContent(v: ExcelValue | undefined, depth = 0): number | string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  // A date in a number cell is a typing accident (Excel turns 3-4 into 3月4日): kept as text for TYPE-INT.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v !== 'object' || depth > 2) return null;
  const o = v as unknown as Record<string, unknown>;
  if (Array.isArray(o.richText)) {
    return o.richText
      .map((r) => (r && typeof (r as { text?: unknown }).text === 'string' ? (r as { text: string }).text : ''))
      .join('');
  }
  if ('formula' in o || 'sharedFormula' in o) {
    if (o.result !== undefined) return cellContent(o.result as ExcelValue, depth + 1);
    return `=${String(o.formula ?? o.sharedFormula ?? '')}`;
  }
  if (typeof o.error === 'string') return o.error;
  if ('text' in o) return cellContent(o.text as ExcelValue, depth + 1);
  return null;
}

function textValue(raw: number | string | null): string | null {
  if (raw === null) return null;
  const s = String(raw).replace(/\r\n?/g, '\n').trim();
  return s === '' ? null : s;
}

function numberValue(raw: number | string | null): CellValue {
  return typeof raw === 'string' ? parseCellText(raw) : raw;
}

/** 2021, ２０２１ or 2021年 → 2021; anything else → null. */
function yearValue(raw: number | string | null): number | null {
  const v = numberValue(raw);
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  const m = typeof v === 'string' ? /^(\d{4})年度?$/.exec(v.normalize('NFKC').replace(/\s+/g, '')) : null;
  return m ? Number(m[1]) : null;
}

/** Labels compare after NFKC (full-/half-width punctuation) and without spaces, as published copies drift. */
function normaliseLabel(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}

function findSheet(wb: ExcelJS.Workbook, name: string): Worksheet | undefined {
  return wb.getWorksheet(name) ?? wb.worksheets.find((ws) => normaliseLabel(ws.name) === normaliseLabel(name));
}

interface LabelCheck {
  /** Labels that differ from the official text even after normalising. */
  moved: { address: string; found: string; expected: string }[];
  /** Labels equal only after normalising (half-width punctuation, spaces). */
  drifted: { address: string; found: string; expected: string }[];
}

function checkLabels(sheets: ReadonlyMap<string, Worksheet>, format: FormatDef): LabelCheck {
  const layout = workbookLayout(format);
  const grids = tableGrids(format);
  const out: LabelCheck = { moved: [], drifted: [] };
  for (const sheet of layout.sheets) {
    if (sheet.kind !== 'table') continue;
    const ws = sheets.get(sheet.name)!;
    for (const g of grids[sheet.table!].cells) {
      if (g.text === undefined) continue;
      const row = sheet.gridOrigin!.row + g.r;
      const col = sheet.gridOrigin!.col + g.c;
      const found = String(cellContent(ws.getCell(row, col).value) ?? '');
      if (found === g.text) continue;
      const entry = { address: `${sheet.name}!${a1(row, col)}`, found, expected: g.text };
      (normaliseLabel(found) === normaliseLabel(g.text) ? out.drifted : out.moved).push(entry);
    }
  }
  return out;
}

function driftFinding(d: LabelCheck['drifted'][number]): Finding {
  return {
    rule: 'FORMAT-LABEL',
    severity: 'info',
    message: {
      zh: `${d.address} 的标签「${d.found}」与官方表述「${d.expected}」不一致（已按官方表述读取）。`,
      en: `The label at ${d.address} reads “${d.found}” instead of the official “${d.expected}” (read as the official label).`,
    },
    cells: [],
    excerpt: d.found,
  };
}

/** The sheets of the template by name; WorkbookError when any is missing. */
function templateSheets(wb: ExcelJS.Workbook): Map<string, Worksheet> {
  const names = workbookLayout(FORMAT_2021).sheets.map((s) => s.name);
  const sheets = new Map<string, Worksheet>();
  const missing: string[] = [];
  for (const name of names) {
    const ws = findSheet(wb, name);
    if (ws) sheets.set(name, ws);
    else missing.push(name);
  }
  if (missing.length > 0) {
    throw new WorkbookError('E-WORKBOOK-NOT-TEMPLATE', {
      zh: `缺少的工作表：${missing.join('、')}。`,
      en: `Missing sheets: ${missing.join(', ')}.`,
    });
  }
  return sheets;
}

/**
 * The format whose table labels sit where its grids put them. The year decides which is tried first; the tables
 * decide (a 2020 template with 2021 typed in is still read as the 2019 format, and FORMAT-VERSION reports it).
 */
function detectFormat(
  sheets: ReadonlyMap<string, Worksheet>,
  year: number | null,
): { format: FormatDef; drifted: LabelCheck['drifted'] } {
  const first = year !== null ? formatForYear(year) : FORMAT_2021;
  const candidates = first === FORMAT_2021 ? [FORMAT_2021, FORMAT_2019] : [FORMAT_2019, FORMAT_2021];
  const checks = candidates.map((format) => ({ format, ...checkLabels(sheets, format) }));
  const match = checks.find((c) => c.moved.length === 0);
  if (match) return { format: match.format, drifted: match.drifted };
  const closest = checks.reduce((a, b) => (b.moved.length < a.moved.length ? b : a));
  const shown = closest.moved.slice(0, 3);
  throw new WorkbookError('E-WORKBOOK-LAYOUT-CHANGED', {
    zh: shown.map((m) => `${m.address} 应为「${m.expected}」，实为「${m.found}」`).join('；') + '。',
    en: shown.map((m) => `${m.address} should read “${m.expected}” but reads “${m.found}”`).join('; ') + '.',
  });
}

function slotContent(sheets: ReadonlyMap<string, Worksheet>, slot: InputSlot): number | string | null {
  return cellContent(sheets.get(slot.sheet)!.getCell(slot.row, slot.col).value);
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookError('E-WORKBOOK-NOT-XLSX');
  }
  return wb;
}

/** Any byte view or ArrayBuffer, also from another realm (a Node Buffer in a test VM is not `instanceof Uint8Array`). */
function asBytes(data: unknown): Uint8Array {
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') return new Uint8Array(data as ArrayBuffer);
  throw new WorkbookError('E-WORKBOOK-NOT-XLSX');
}

/** Reads a report workbook made from the template. Throws WorkbookError when the file is not one. */
export async function readWorkbookWithExceljs(data: Uint8Array | ArrayBuffer): Promise<WorkbookReadResult> {
  const bytes = asBytes(data);
  const wb = await load(bytes);
  const sheets = templateSheets(wb);

  // 基本信息 sits in the same place in every format.
  const meta = workbookLayout(FORMAT_2021).byId;
  const year = yearValue(slotContent(sheets, meta.get(META_YEAR)!));
  const { format, drifted } = detectFormat(sheets, year);
  const layout = workbookLayout(format);

  const values: Record<string, CellValue> = {};
  for (const cell of format.cells) values[cell.id] = numberValue(slotContent(sheets, layout.byId.get(cell.id)!));
  const text = (id: string) => textValue(slotContent(sheets, layout.byId.get(id)!));
  const report: Report = {
    format: format.version,
    agency: text(META_AGENCY),
    year,
    preamble: text(META_PREAMBLE),
    sections: Object.fromEntries(PROSE.map((s) => [s, text(proseId(s))])) as Report['sections'],
    values,
  };
  return { report, findings: drifted.map(driftFinding), layout };
}

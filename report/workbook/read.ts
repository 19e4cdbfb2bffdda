/**
 * Reads a filled report workbook back into the report model, bounded whatever the file holds: the zip is read from
 * its own central directory (zip.ts), only workbook.xml, its relationships, the template's sheets, the shared
 * strings and styles are tokenized, and of the sheets only the cells the layout names (inputs and table labels).
 * Every input is located by the layout (never by defined names); the table labels are checked at their grid
 * positions, which both proves the file is our template and tells the 2019 trial format from the 2021 format.
 * Pure (no exceljs, no Node built-ins): the server, the CLI and the browser read workbooks the same way.
 */
import { FORMAT_2019, FORMAT_2021, formatForYear } from '../format';
import { tableGrids } from '../format/grid';
import type { FormatDef } from '../format/types';
import type { Finding, Report } from '../model/types';
import { Budget, type Limits } from './budget';
import { rawCell } from './cellValues';
import { WorkbookError } from './errors';
import { reportFromCells, yearOf, type RawCell } from './fromCells';
import { a1, META_YEAR, type WorkbookLayout, workbookLayout } from './layout';
import { dateStyles, sharedStrings, workbookParts } from './parts';
import { cellKey, readCells, type XmlCell } from './sheet';
import { openZip } from './zip';

export { WorkbookError } from './errors';
export type { WorkbookErrorCode } from './errors';

export interface WorkbookReadResult {
  report: Report;
  /** Findings made while reading (FORMAT-LABEL), with workbook addresses: pass them to validate() as inputFindings. */
  findings: Finding[];
  layout: WorkbookLayout;
}

const FORMATS_TRIED: readonly FormatDef[] = [FORMAT_2021, FORMAT_2019];

/** Labels compare after NFKC (full-/half-width punctuation) and without spaces, as published copies drift. */
function normaliseLabel(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}

/** Every cell the reader looks at, by sheet: the inputs and table labels of both formats. */
function wantedCells(): Map<string, Set<number>> {
  const wanted = new Map<string, Set<number>>();
  const add = (sheet: string, row: number, col: number) => {
    let set = wanted.get(sheet);
    if (!set) wanted.set(sheet, (set = new Set()));
    set.add(cellKey(row, col));
  };
  for (const format of FORMATS_TRIED) {
    const layout = workbookLayout(format);
    for (const slot of layout.inputs) add(slot.sheet, slot.row, slot.col);
    const grids = tableGrids(format);
    for (const sheet of layout.sheets) {
      if (sheet.kind !== 'table') continue;
      for (const g of grids[sheet.table!].cells) {
        if (g.text !== undefined) add(sheet.name, sheet.gridOrigin!.row + g.r, sheet.gridOrigin!.col + g.c);
      }
    }
  }
  return wanted;
}

const WANTED = wantedCells();

/** What the wanted cells of the template's sheets show; throws E-WORKBOOK-NOT-TEMPLATE when a sheet is missing. */
type SheetCells = Map<string, Map<number, RawCell>>;

async function readTemplateCells(data: Uint8Array, limits?: Limits): Promise<SheetCells> {
  const budget = new Budget(limits);
  const zip = openZip(data);
  const parts = await workbookParts(zip, budget);
  const byNormalName = new Map([...parts.sheets].map(([name, part]) => [normaliseLabel(name), part]));
  const missing: string[] = [];
  const located: [string, string][] = [];
  for (const name of WANTED.keys()) {
    const part = parts.sheets.get(name) ?? byNormalName.get(normaliseLabel(name));
    if (part) located.push([name, part]);
    else missing.push(name);
  }
  if (missing.length > 0) {
    throw new WorkbookError('E-WORKBOOK-NOT-TEMPLATE', {
      zh: `缺少的工作表：${missing.join('、')}。`,
      en: `Missing sheets: ${missing.join(', ')}.`,
    });
  }
  const xml = new Map<string, Map<number, XmlCell>>();
  for (const [name, part] of located) {
    xml.set(name, await readCells(zip, part, WANTED.get(name)!, budget));
  }
  const all = [...xml.values()].flatMap((m) => [...m.values()]);
  const strings = await sharedStrings(
    zip,
    parts.sharedStrings,
    new Set(
      all
        .filter((c) => c.type === 's' && c.formula === null)
        .map((c) => Number(c.value))
        .filter(Number.isInteger),
    ),
    budget,
  );
  const dates = all.some((c) => c.style !== 0) ? await dateStyles(zip, parts.styles, budget) : new Set<number>();
  const context = { strings, dates, date1904: parts.date1904 };
  return new Map(
    [...xml].map(([name, cells]) => [name, new Map([...cells].map(([k, c]) => [k, rawCell(c, context)]))]),
  );
}

interface LabelCheck {
  /** Labels that differ from the official text even after normalising. */
  moved: { address: string; found: string; expected: string }[];
  /** Labels equal only after normalising (half-width punctuation, spaces). */
  drifted: { address: string; found: string; expected: string }[];
}

function checkLabels(cells: SheetCells, format: FormatDef): LabelCheck {
  const layout = workbookLayout(format);
  const grids = tableGrids(format);
  const out: LabelCheck = { moved: [], drifted: [] };
  for (const sheet of layout.sheets) {
    if (sheet.kind !== 'table') continue;
    for (const g of grids[sheet.table!].cells) {
      if (g.text === undefined) continue;
      const row = sheet.gridOrigin!.row + g.r;
      const col = sheet.gridOrigin!.col + g.c;
      const found = String(cells.get(sheet.name)?.get(cellKey(row, col)) ?? '');
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

/**
 * The format whose table labels sit where its grids put them. The year decides which is tried first; the tables
 * decide (a 2020 template with 2021 typed in is still read as the 2019 format, and FORMAT-VERSION reports it).
 */
function detectFormat(cells: SheetCells, year: number | null): { format: FormatDef; drifted: LabelCheck['drifted'] } {
  const first = year !== null ? formatForYear(year) : FORMAT_2021;
  const candidates = first === FORMAT_2021 ? [FORMAT_2021, FORMAT_2019] : [FORMAT_2019, FORMAT_2021];
  const checks = candidates.map((format) => ({ format, ...checkLabels(cells, format) }));
  const match = checks.find((c) => c.moved.length === 0);
  if (match) return { format: match.format, drifted: match.drifted };
  const closest = checks.reduce((a, b) => (b.moved.length < a.moved.length ? b : a));
  const shown = closest.moved.slice(0, 3);
  throw new WorkbookError('E-WORKBOOK-LAYOUT-CHANGED', {
    zh: shown.map((m) => `${m.address} 应为「${m.expected}」，实为「${m.found}」`).join('；') + '。',
    en: shown.map((m) => `${m.address} should read “${m.expected}” but reads “${m.found}”`).join('; ') + '.',
  });
}

/** Any byte view or ArrayBuffer, also from another realm (a Node Buffer in a test VM is not `instanceof Uint8Array`). */
function asBytes(data: unknown): Uint8Array {
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') return new Uint8Array(data as ArrayBuffer);
  throw new WorkbookError('E-WORKBOOK-NOT-XLSX');
}

/**
 * Reads a report workbook made from the template. Throws WorkbookError when the file is not one, or when reading
 * it would exceed a budget (`limits`, for tests: the defaults of errors.ts otherwise).
 */
export async function readWorkbook(data: Uint8Array | ArrayBuffer, limits?: Limits): Promise<WorkbookReadResult> {
  const cells = await readTemplateCells(asBytes(data), limits);
  // 基本信息 sits in the same place in every format.
  const yearSlot = workbookLayout(FORMAT_2021).byId.get(META_YEAR)!;
  const year = yearOf(cells.get(yearSlot.sheet)!.get(cellKey(yearSlot.row, yearSlot.col)));
  const { format, drifted } = detectFormat(cells, year);
  const layout = workbookLayout(format);
  const raw = new Map(layout.inputs.map((s) => [s.id, cells.get(s.sheet)!.get(cellKey(s.row, s.col))]));
  return { report: reportFromCells(layout, raw), findings: drifted.map(driftFinding), layout };
}

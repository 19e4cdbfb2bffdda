/**
 * The official report workbook (.xlsx), empty or filled: 基本信息, then one sheet per section named by its official
 * heading. Everything is placed by the layout (layout.ts) and drawn from the format's grids (the sheets by
 * textSheets.ts and tableSheet.ts); each input takes what validations.ts allows; sums and balances show in colour
 * through conditional formatting derived from the relation rules. Uses exceljs: not for the light bundle.
 */
import type ExcelJS from 'exceljs';
// The workbook class alone (exceljs-workbook.d.ts): the main entry also loads the streaming reader and writer
// (archiver, unzipper, bluebird …), which writing a whole workbook never uses — 580 KB less in a bundle.
import Workbook from 'exceljs/lib/doc/workbook';
import { FORMAT_2021, FORMATS, formatForYear, PROSE_SECTIONS, reportTitle } from '../format';
import { tableGrids } from '../format/grid';
import type { ProseSectionId } from '../format/types';
import type { CellValue, Report } from '../model/types';
import { highlights } from './highlight';
import { META_AGENCY, META_PREAMBLE, META_YEAR, proseId, type WorkbookLayout, workbookLayout } from './layout';
import { highlightStyle } from './sheetStyle';
import { drawTable } from './tableSheet';
import { writeMetaSheet, writeProseSheet } from './textSheets';
import { INPUT_VALIDATIONS } from './validations';

export interface TemplateOptions {
  /** The reporting year: picks the format (2019 trial format before 2021) and fills 报告年度. */
  year?: number;
  agency?: string;
  /** A report to write into the workbook (its format wins over `year`). */
  report?: Report;
}

/** What staff may still do on a protected sheet: select cells and resize rows and columns. No password. */
const PROTECTION = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true };

/** Numbers as numbers, text as text (kept so the rules can report it), blank as empty. */
function cellContent(v: CellValue | undefined): number | string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v === '' ? null : v;
  return null;
}

function fill(
  wb: ExcelJS.Workbook,
  layout: WorkbookLayout,
  report: Report | undefined,
  agency: string | null,
  year: number | null,
) {
  const text: Record<string, string | null | undefined> = {
    [META_AGENCY]: agency,
    [META_PREAMBLE]: report?.preamble,
    ...Object.fromEntries(PROSE_SECTIONS.map((s) => [proseId(s), report?.sections[s]])),
  };
  for (const slot of layout.inputs) {
    const cell = wb.getWorksheet(slot.sheet)!.getCell(slot.address);
    if (slot.id === META_YEAR) cell.value = year;
    else if (slot.id in text) cell.value = cellContent(text[slot.id]);
    else cell.value = cellContent(report?.values[slot.id]);
  }
}

function toBytes(buf: ArrayBuffer | Uint8Array): Uint8Array {
  return buf instanceof Uint8Array ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : new Uint8Array(buf);
}

/** The official template (.xlsx): empty, or filled with `report`. */
export async function writeWorkbook(opts: TemplateOptions = {}): Promise<Uint8Array> {
  const { report } = opts;
  const format = report ? FORMATS[report.format] : opts.year != null ? formatForYear(opts.year) : FORMAT_2021;
  const year = report?.year ?? opts.year ?? null;
  const agency = report?.agency ?? opts.agency ?? null;
  const layout = workbookLayout(format);
  const grids = tableGrids(format);

  const wb = new Workbook();
  wb.creator = '年报通';
  wb.title = agency && year ? reportTitle(agency, year) : '政府信息公开工作年度报告';
  for (const sheet of layout.sheets) {
    const ws = wb.addWorksheet(sheet.name, { properties: { defaultRowHeight: 18 } });
    if (sheet.kind === 'meta') writeMetaSheet(ws, layout, format, agency, year);
    else if (sheet.kind === 'prose') writeProseSheet(ws, sheet.name, sheet.section as ProseSectionId);
    else drawTable(ws, sheet.name, grids[sheet.table!]);
  }

  // No defined names: Excel on the web was seen corrupting workbook-level names on insertion (office-js #4772);
  // every reader locates the inputs from the layout.
  for (const slot of layout.inputs) {
    const validation = INPUT_VALIDATIONS[slot.kind];
    if (validation) wb.getWorksheet(slot.sheet)!.getCell(slot.address).dataValidation = validation;
  }

  const priority = new Map<string, number>();
  for (const h of highlights(format)) {
    const p = (priority.get(h.sheet) ?? 0) + 1;
    priority.set(h.sheet, p);
    wb.getWorksheet(h.sheet)!.addConditionalFormatting({
      ref: h.sqref,
      rules: [{ type: 'expression', priority: p, formulae: [h.formula], style: highlightStyle(h.severity) }],
    });
  }

  fill(wb, layout, report, agency, year);
  for (const ws of wb.worksheets) await ws.protect('', PROTECTION);
  return toBytes(await wb.xlsx.writeBuffer());
}

/**
 * A Word document (.docx) → lines and tables, for the same importer as a page's text and HTML. Only
 * word/document.xml is read, through the bounded zip and streaming XML of report/workbook (its central directory,
 * inflated bytes counted, nesting, elements and time within budget). Paragraphs are lines; a table's rows are its
 * cells' texts, a cell merged across columns (gridSpan) once, the continuation of a vertical merge (vMerge) not
 * at all — as a page's rowspan and colspan are read. A table holding tables is layout and is read through.
 * Deleted text, field codes and the fallback copy of a drawing are not the document's words.
 */
import type { Bilingual } from '../model/types';
import { Budget, DEFAULT_LIMITS } from '../workbook/budget';
import { BUDGET_CODES, WorkbookError } from '../workbook/errors';
import { attrByLocalName, readXml, type Attributes, type XmlHandler } from '../workbook/xml';
import { openZip } from '../workbook/zip';
import type { Item } from './document';

/** Why a .docx cannot be read: a stable code and a message in both languages. */
export class DocxError extends Error {
  constructor(
    readonly code: 'E-DOCX-INVALID' | 'E-DOCX-TOO-LARGE',
    readonly bilingual: Bilingual,
  ) {
    super(`${code}: ${bilingual.zh} / ${bilingual.en}`);
  }
}

/** Word's XML is wordier than a workbook's: a long report runs to a few hundred thousand elements. */
const LIMITS = { ...DEFAULT_LIMITS, elements: 1_000_000, ms: 3_000 };
const DOCUMENT = 'word/document.xml';
/** An old Word file (.doc) starts as every OLE compound file does. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

interface Cell {
  blocks: (string | Table)[];
  continued: boolean;
}
interface Table {
  rows: Cell[][];
}

/** Elements whose text is not the document's: deleted runs, field instructions, a drawing's fallback copy. */
const SKIPPED = new Set(['delText', 'instrText', 'Fallback', 'delInstrText']);

class DocumentReader implements XmlHandler {
  readonly items: Item[] = [];
  private readonly tables: Table[] = [];
  private readonly cells: Cell[] = [];
  /** Paragraphs being read (a text box inside a paragraph holds paragraphs of its own). */
  private readonly paragraphs: string[] = [];
  private skipping = 0;
  private inText = 0;

  open(name: string, attrs: Attributes): void {
    if (this.skipping > 0 || SKIPPED.has(name)) {
      this.skipping++;
      return;
    }
    switch (name) {
      case 'p':
        this.paragraphs.push('');
        break;
      case 't':
        this.inText++;
        break;
      case 'tab':
        this.append('\t');
        break;
      case 'br':
      case 'cr':
        this.append('\n');
        break;
      case 'tbl':
        this.tables.push({ rows: [] });
        break;
      case 'tr':
        this.tables[this.tables.length - 1]?.rows.push([]);
        break;
      case 'tc':
        this.cells.push({ blocks: [], continued: false });
        break;
      case 'vMerge': {
        const cell = this.cells[this.cells.length - 1];
        // <w:vMerge/> or val="continue" continues the cell above; val="restart" starts a merged cell.
        if (cell && (attrByLocalName(attrs, 'val') ?? 'continue') === 'continue') cell.continued = true;
        break;
      }
    }
  }

  close(name: string): void {
    if (this.skipping > 0) {
      this.skipping--;
      return;
    }
    switch (name) {
      case 'p': {
        const text = this.paragraphs.pop() ?? '';
        const cell = this.cells[this.cells.length - 1];
        if (cell && this.cellIsInnermost()) cell.blocks.push(text);
        else for (const line of text.split('\n')) if (line.trim() !== '') this.items.push({ kind: 'line', text: line });
        break;
      }
      case 't':
        this.inText--;
        break;
      case 'tc': {
        const cell = this.cells.pop();
        const row = this.tables[this.tables.length - 1]?.rows.at(-1);
        if (cell && row) row.push(cell);
        break;
      }
      case 'tbl': {
        const table = this.tables.pop();
        if (!table) break;
        const outer = this.cells[this.cells.length - 1];
        if (outer && this.tables.length > 0) outer.blocks.push(table);
        else this.items.push(...tableItems(table));
        break;
      }
    }
  }

  text(data: string): void {
    if (this.skipping === 0 && this.inText > 0) this.append(data);
  }

  private append(s: string): void {
    const i = this.paragraphs.length - 1;
    if (i >= 0) this.paragraphs[i] += s;
  }

  /** A paragraph belongs to the innermost open cell only if no table opened inside that cell is still open. */
  private cellIsInnermost(): boolean {
    return this.tables.length > 0 && this.cells.length >= this.tables.length;
  }
}

function cellText(cell: Cell): string {
  return cell.blocks
    .filter((b): b is string => typeof b === 'string')
    .join(' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** A table of figures as rows of cell texts; a table holding tables is layout: its content read in order. */
function tableItems(table: Table): Item[] {
  const layout = table.rows.some((row) => row.some((c) => c.blocks.some((b) => typeof b !== 'string')));
  if (!layout) {
    const rows = table.rows.map((row) => row.filter((c) => !c.continued).map(cellText));
    return [{ kind: 'table', rows }];
  }
  const out: Item[] = [];
  for (const row of table.rows)
    for (const cell of row)
      for (const b of cell.blocks) {
        if (typeof b !== 'string') out.push(...tableItems(b));
        else for (const line of b.split('\n')) if (line.trim() !== '') out.push({ kind: 'line', text: line });
      }
  return out;
}

const INVALID: Bilingual = {
  zh: '文件不是有效的 Word 文档（.docx）。旧版 .doc 请在 Word 或 WPS 中另存为 .docx 后再导入。',
  en: 'The file is not a valid Word document (.docx). Save an old .doc as .docx in Word or WPS first.',
};

/** The lines and tables of a .docx. Throws DocxError (not a .docx; beyond the reading budgets). */
export async function docxItems(bytes: Uint8Array): Promise<Item[]> {
  if (OLE.every((b, i) => bytes[i] === b)) throw new DocxError('E-DOCX-INVALID', INVALID);
  const reader = new DocumentReader();
  try {
    const zip = openZip(bytes);
    const found = await readXml(zip, DOCUMENT, new Budget(LIMITS), reader);
    if (!found) throw new DocxError('E-DOCX-INVALID', INVALID);
  } catch (e) {
    if (!(e instanceof WorkbookError)) throw e;
    if (BUDGET_CODES.has(e.code))
      throw new DocxError('E-DOCX-TOO-LARGE', {
        zh: `Word 文档过大或过于复杂，已停止读取（${e.bilingual.zh}）`,
        en: `The Word document is too large or too complex; reading stopped (${e.bilingual.en})`,
      });
    throw new DocxError('E-DOCX-INVALID', INVALID);
  }
  return reader.items;
}

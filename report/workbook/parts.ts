/**
 * The small parts of an xlsx the reader needs besides the sheets: the sheet list of workbook.xml and where each
 * sheet's part is (its relationships), the shared strings the wanted cells refer to, and which cell styles show
 * dates. Each reads only as far as it must.
 */
import type { Budget } from './budget';
import { isDateFormat } from './dates';
import { WorkbookError } from './errors';
import { attrByLocalName, readXml, stop } from './xml';
import type { ZipArchive } from './zip';

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

export interface WorkbookParts {
  /** Sheet name → the part holding the sheet, in workbook order. */
  readonly sheets: ReadonlyMap<string, string>;
  readonly date1904: boolean;
  readonly sharedStrings: string | undefined;
  readonly styles: string | undefined;
}

/** A relationship target → the part name (targets are relative to xl/, or absolute from the package root). */
function resolvePart(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** workbook.xml's sheets and date system, and the parts its relationships point to. */
export async function workbookParts(zip: ZipArchive, budget: Budget): Promise<WorkbookParts> {
  const listed: { name: string; rid: string }[] = [];
  let date1904 = false;
  const found = await readXml(zip, WORKBOOK, budget, {
    open(name, attrs) {
      if (name === 'workbookPr') date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
      else if (name === 'sheet' && attrs.name !== undefined) {
        listed.push({ name: attrs.name, rid: attrByLocalName(attrs, 'id') ?? '' });
      }
    },
    close(name) {
      if (name === 'sheets') stop(); // defined names and the rest follow: not needed
    },
    text() {},
  });
  if (!found) throw new WorkbookError('E-WORKBOOK-NOT-XLSX');
  const targets = new Map<string, string>();
  let sharedStrings: string | undefined;
  let styles: string | undefined;
  await readXml(zip, WORKBOOK_RELS, budget, {
    open(name, attrs) {
      if (name !== 'Relationship' || !attrs.Id || !attrs.Target || attrs.TargetMode === 'External') return;
      const part = resolvePart(attrs.Target);
      targets.set(attrs.Id, part);
      const type = attrs.Type ?? '';
      if (type.endsWith('/sharedStrings')) sharedStrings = part;
      else if (type.endsWith('/styles')) styles = part;
    },
    close() {},
    text() {},
  });
  const sheets = new Map<string, string>();
  for (const s of listed) {
    const part = targets.get(s.rid);
    if (part && !sheets.has(s.name)) sheets.set(s.name, part);
  }
  return {
    sheets,
    date1904,
    sharedStrings: sharedStrings ?? (zip.entries.has('xl/sharedstrings.xml') ? 'xl/sharedStrings.xml' : undefined),
    styles: styles ?? (zip.entries.has('xl/styles.xml') ? 'xl/styles.xml' : undefined),
  };
}

/** Excel's escape for characters XML cannot hold (`_x000D_` is a carriage return). */
export function unescapeOoxml(s: string): string {
  return s.indexOf('_x') < 0
    ? s
    : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The texts of the shared strings with the given indices (rich text runs joined, phonetic guides left out);
 * reading stops after the highest index wanted.
 */
export async function sharedStrings(
  zip: ZipArchive,
  part: string | undefined,
  wanted: ReadonlySet<number>,
  budget: Budget,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (wanted.size === 0 || !part) return out;
  const last = Math.max(...wanted);
  let index = -1;
  let collecting = false;
  let inText = false;
  let phonetic = 0;
  let text = '';
  await readXml(zip, part, budget, {
    open(name) {
      if (name === 'si') {
        if (++index > last) stop();
        collecting = wanted.has(index);
        text = '';
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && collecting && phonetic === 0) inText = true;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && collecting) {
        out.set(index, unescapeOoxml(text));
        collecting = false;
      }
    },
    text(data) {
      if (inText) text += data;
    },
  });
  return out;
}

/** Excel's built-in number formats that show a date or a time (the Chinese locale's among them). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** The indices of the cell styles (cellXfs) that show their number as a date. */
export async function dateStyles(zip: ZipArchive, part: string | undefined, budget: Budget): Promise<Set<number>> {
  const out = new Set<number>();
  if (!part) return out;
  const custom = new Map<number, string>();
  let inXfs = false;
  let xf = -1;
  await readXml(zip, part, budget, {
    open(name, attrs) {
      if (name === 'numFmt' && attrs.numFmtId !== undefined) custom.set(Number(attrs.numFmtId), attrs.formatCode ?? '');
      else if (name === 'cellXfs') inXfs = true;
      else if (name === 'xf' && inXfs) {
        xf++;
        const id = Number(attrs.numFmtId ?? 0);
        const code = custom.get(id);
        if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) out.add(xf);
      }
    },
    close(name) {
      if (name === 'cellXfs') stop(); // cell styles, named styles and colours follow: not needed
    },
    text() {},
  });
  return out;
}

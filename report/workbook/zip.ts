/**
 * A guard run before exceljs sees an uploaded file: reads the zip central directory and inflates every part with
 * a running count, so a zip bomb (a small file that expands hugely, or one whose headers understate the sizes) is
 * refused before anything is decompressed into memory. Web APIs only (DecompressionStream), no Node built-ins.
 */
import { MAX_UNZIPPED_BYTES, MAX_WORKBOOK_BYTES, MAX_ZIP_ENTRIES, WorkbookError } from './errors';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Offset of the local file header. */
  readonly offset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATED = 8;

const notXlsx = () => new WorkbookError('WORKBOOK_NOT_XLSX');
const tooBig = () => new WorkbookError('WORKBOOK_UNZIPPED_TOO_LARGE');

function u64(view: DataView, at: number): number {
  const n = view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
  if (!Number.isSafeInteger(n)) throw tooBig();
  return n;
}

/** Where the central directory is and how many entries it has (zip64 aware). */
function findDirectory(view: DataView): { count: number; size: number; offset: number } {
  const len = view.byteLength;
  for (let i = len - 22; i >= Math.max(0, len - 22 - MAX_COMMENT); i--) {
    if (view.getUint32(i, true) !== SIG_EOCD) continue;
    let count = view.getUint16(i + 10, true);
    let size = view.getUint32(i + 12, true);
    let offset = view.getUint32(i + 16, true);
    if ((count === 0xffff || size === 0xffffffff || offset === 0xffffffff) && i >= 20) {
      if (view.getUint32(i - 20, true) !== SIG_EOCD64_LOCATOR) throw notXlsx();
      const at = u64(view, i - 20 + 8);
      if (at + 56 > len || view.getUint32(at, true) !== SIG_EOCD64) throw notXlsx();
      count = u64(view, at + 32);
      size = u64(view, at + 40);
      offset = u64(view, at + 48);
    }
    if (offset + size > len) throw notXlsx();
    return { count, size, offset };
  }
  throw notXlsx();
}

/** The zip64 extended information extra field (id 1) holds the sizes and offset the classic fields mark 0xffffffff. */
function zip64Sizes(
  view: DataView,
  at: number,
  end: number,
  e: { size: number; compressedSize: number; offset: number },
) {
  for (let p = at; p + 4 <= end;) {
    const id = view.getUint16(p, true);
    const n = view.getUint16(p + 2, true);
    if (id === 1) {
      let q = p + 4;
      const next = () => {
        if (q + 8 > p + 4 + n) throw notXlsx();
        const v = u64(view, q);
        q += 8;
        return v;
      };
      if (e.size === 0xffffffff) e.size = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.offset === 0xffffffff) e.offset = next();
      return;
    }
    p += 4 + n;
  }
  throw notXlsx();
}

/** The entries of a zip file, from its central directory. Throws WorkbookError for anything that is not a zip. */
export function zipEntries(data: Uint8Array): ZipEntry[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength < 22) throw notXlsx();
  const dir = findDirectory(view);
  if (dir.count > MAX_ZIP_ENTRIES) throw tooBig();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const entries: ZipEntry[] = [];
  let p = dir.offset;
  const end = dir.offset + dir.size;
  for (let k = 0; k < dir.count; k++) {
    if (p + 46 > end || view.getUint32(p, true) !== SIG_CENTRAL) throw notXlsx();
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen + extraLen + commentLen > end) throw notXlsx();
    const e = {
      name: decoder.decode(data.subarray(p + 46, p + 46 + nameLen)),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      offset: view.getUint32(p + 42, true),
    };
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff || e.offset === 0xffffffff) {
      zip64Sizes(view, p + 46 + nameLen, p + 46 + nameLen + extraLen, e);
    }
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The compressed bytes of an entry, located through its local header. */
function entryData(data: Uint8Array, view: DataView, e: ZipEntry): Uint8Array {
  if (e.offset + 30 > data.byteLength || view.getUint32(e.offset, true) !== SIG_LOCAL) throw notXlsx();
  const start = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
  if (start + e.compressedSize > data.byteLength) throw notXlsx();
  return data.subarray(start, start + e.compressedSize);
}

const CHUNK = 64 * 1024;

/**
 * Inflates `input` (raw deflate) and counts the output; stops and throws as soon as it exceeds `limit`. The input is
 * fed in small chunks so that back-pressure keeps memory bounded whatever the compression ratio.
 */
async function inflatedSize(input: Uint8Array, limit: number): Promise<number> {
  const ds = new DecompressionStream('deflate-raw');
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const feeding = (async () => {
    for (let i = 0; i < input.byteLength; i += CHUNK) await writer.write(input.slice(i, i + CHUNK));
    await writer.close();
  })().catch(() => undefined); // a corrupt stream also fails the reader, which reports it
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        await writer.abort().catch(() => undefined);
        throw tooBig();
      }
    }
  } catch (e) {
    if (e instanceof WorkbookError) throw e;
    throw notXlsx();
  }
  await feeding;
  return total;
}

/**
 * Checks an uploaded file before it is parsed: at most MAX_WORKBOOK_BYTES, a zip with xl/workbook.xml, at most
 * MAX_ZIP_ENTRIES parts, expanding to at most MAX_UNZIPPED_BYTES as declared and as actually inflated.
 */
export async function checkXlsxZip(data: Uint8Array): Promise<ZipEntry[]> {
  if (data.byteLength > MAX_WORKBOOK_BYTES) throw new WorkbookError('WORKBOOK_TOO_LARGE');
  const entries = zipEntries(data);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw notXlsx();
  const declared = entries.reduce((n, e) => n + e.size, 0);
  if (declared > MAX_UNZIPPED_BYTES) throw tooBig();
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const canInflate = typeof DecompressionStream === 'function';
  let actual = 0;
  for (const e of entries) {
    const body = entryData(data, view, e);
    if (e.method === STORED) {
      if (e.size !== e.compressedSize) throw notXlsx();
      actual += e.size;
    } else if (e.method === DEFLATED) {
      // Where the stream API is missing (old browsers) the declared sizes are all we can check.
      actual += canInflate ? await inflatedSize(body, Math.min(e.size, MAX_UNZIPPED_BYTES - actual)) : e.size;
    } else {
      throw notXlsx();
    }
    if (actual > MAX_UNZIPPED_BYTES) throw tooBig();
  }
  return entries;
}

/**
 * The zip container of an xlsx, read from its central directory and nothing else: the directory must account for
 * every byte before it (no entry it does not list, no duplicate names, local headers that agree with it), parts
 * are inflated one small chunk at a time with fflate and counted as they come out, so neither a zip bomb nor a
 * header that understates a size costs more than the budget. Pure (no Node built-ins): it runs in the browser too.
 */
import { Inflate } from 'fflate';
import type { Budget } from './budget';
import { MAX_WORKBOOK_BYTES, MAX_ZIP_ENTRIES, WorkbookError } from './errors';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Offset of the local file header. */
  readonly offset: number;
  /** Offset of the entry's data, after the local header. */
  readonly dataStart: number;
}

export interface ZipArchive {
  readonly data: Uint8Array;
  /** By lower-cased name: part names in a package are case-insensitive. */
  readonly entries: ReadonlyMap<string, ZipEntry>;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATED = 8;
const FLAG_ENCRYPTED = 1;
const FLAG_DESCRIPTOR = 8;
/**
 * Compressed bytes given to the inflater at once: at most ~1,000× that (4 MB) comes out of one push, so a bomb is
 * caught within a few MB of the budget; smaller chunks make fflate slow on ordinary parts.
 */
const CHUNK = 4 * 1024;

const notXlsx = () => new WorkbookError('E-WORKBOOK-NOT-XLSX');
const invalid = () => new WorkbookError('E-WORKBOOK-ZIP-INVALID');

function u64(view: DataView, at: number): number {
  const n = view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
  if (!Number.isSafeInteger(n)) throw notXlsx();
  return n;
}

/** The end of central directory record that ends the file (zip64 aware): where the directory is, how many entries. */
function findDirectory(view: DataView): { count: number; size: number; offset: number; end: number } {
  const len = view.byteLength;
  for (let i = len - 22; i >= Math.max(0, len - 22 - MAX_COMMENT); i--) {
    if (view.getUint32(i, true) !== SIG_EOCD || i + 22 + view.getUint16(i + 20, true) !== len) continue;
    // One disk only: the disk numbers are 0 and this disk holds every entry.
    if (view.getUint16(i + 4, true) !== 0 || view.getUint16(i + 6, true) !== 0) throw notXlsx();
    let count = view.getUint16(i + 10, true);
    if (view.getUint16(i + 8, true) !== count) throw notXlsx();
    let size = view.getUint32(i + 12, true);
    let offset = view.getUint32(i + 16, true);
    let end = i;
    if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
      if (i < 20 || view.getUint32(i - 20, true) !== SIG_EOCD64_LOCATOR) throw notXlsx();
      const at = u64(view, i - 20 + 8);
      if (at + 56 > i - 20 || view.getUint32(at, true) !== SIG_EOCD64) throw notXlsx();
      count = u64(view, at + 32);
      size = u64(view, at + 40);
      offset = u64(view, at + 48);
      end = at;
    }
    return { count, size, offset, end };
  }
  throw notXlsx();
}

/** The zip64 extended information extra field (id 1) holds the sizes and offset the classic fields mark 0xffffffff. */
function zip64Fields(
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
        if (q + 8 > Math.min(p + 4 + n, end)) throw notXlsx();
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

function sameBytes(data: Uint8Array, a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (data[a + i] !== data[b + i]) return false;
  return true;
}

/**
 * Bytes a data descriptor may take after an entry's data (crc, sizes of 4 or 8 bytes, with or without its
 * signature); entries without one must be followed directly by the next.
 */
const DESCRIPTOR_GAPS: readonly number[] = [12, 16, 20, 24];

/**
 * The central directory of an xlsx. Refuses (E-WORKBOOK-*) a file over MAX_WORKBOOK_BYTES, more than
 * MAX_ZIP_ENTRIES entries, anything the directory does not list (records past its declared count, bytes between
 * entries), duplicate names, local headers that disagree with the directory, encryption and unknown compression.
 */
export function openZip(data: Uint8Array): ZipArchive {
  if (data.byteLength > MAX_WORKBOOK_BYTES) throw new WorkbookError('E-WORKBOOK-TOO-LARGE');
  if (data.byteLength < 22) throw notXlsx();
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const dir = findDirectory(view);
  if (dir.count > MAX_ZIP_ENTRIES) throw new WorkbookError('E-WORKBOOK-TOO-MANY-PARTS');
  if (dir.count === 0) throw notXlsx();
  // The directory runs exactly up to its end record: a record hidden past the declared count would sit in between.
  if (dir.offset + dir.size !== dir.end) throw invalid();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const entries = new Map<string, ZipEntry>();
  let p = dir.offset;
  for (let k = 0; k < dir.count; k++) {
    if (p + 46 > dir.end || view.getUint32(p, true) !== SIG_CENTRAL) throw notXlsx();
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const next = p + 46 + nameLen + extraLen + commentLen;
    if (next > dir.end) throw notXlsx();
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    if (flags & FLAG_ENCRYPTED || (method !== STORED && method !== DEFLATED)) throw notXlsx();
    const e = {
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      offset: view.getUint32(p + 42, true),
    };
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff || e.offset === 0xffffffff) {
      zip64Fields(view, p + 46 + nameLen, p + 46 + nameLen + extraLen, e);
    }
    // The local header repeats the name; the data follows it and ends before the directory.
    const at = e.offset;
    if (at + 30 > dir.offset || view.getUint32(at, true) !== SIG_LOCAL) throw notXlsx();
    if (view.getUint16(at + 26, true) !== nameLen || !sameBytes(data, at + 30, p + 46, nameLen)) throw invalid();
    const dataStart = at + 30 + nameLen + view.getUint16(at + 28, true);
    if (dataStart + e.compressedSize > dir.offset) throw notXlsx();
    if (method === STORED && e.size !== e.compressedSize) throw notXlsx();
    const name = decoder.decode(data.subarray(p + 46, p + 46 + nameLen));
    const key = name.toLowerCase();
    if (entries.has(key)) throw invalid();
    entries.set(key, { name, method, flags, ...e, dataStart });
    p = next;
  }
  if (p !== dir.end) throw invalid();
  checkTiling([...entries.values()], dir.offset);
  return { data, entries };
}

/** The entries, in file order, cover every byte from the start to the directory: nothing unlisted hides between. */
function checkTiling(entries: ZipEntry[], directoryStart: number): void {
  const sorted = entries.sort((a, b) => a.offset - b.offset);
  let cursor = 0;
  let gaps: readonly number[] = [0];
  for (const e of sorted) {
    if (!gaps.includes(e.offset - cursor)) throw invalid();
    cursor = e.dataStart + e.compressedSize;
    gaps = e.flags & FLAG_DESCRIPTOR ? DESCRIPTOR_GAPS : [0];
  }
  if (!gaps.includes(directoryStart - cursor)) throw invalid();
}

/**
 * Streams an entry's uncompressed bytes to `sink` in chunks, counting them against the budget and against the
 * declared size (inflating past it is refused). `sink` returns false to stop early (the rest is not inflated).
 */
export async function readEntry(
  zip: ZipArchive,
  entry: ZipEntry,
  budget: Budget,
  sink: (chunk: Uint8Array) => boolean,
): Promise<void> {
  const body = zip.data.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  let produced = 0;
  let wanted = true;
  const take = (chunk: Uint8Array) => {
    if (!wanted || chunk.byteLength === 0) return;
    produced += chunk.byteLength;
    if (produced > entry.size) throw new WorkbookError('E-WORKBOOK-UNZIPPED-TOO-LARGE');
    budget.addInflated(chunk.byteLength);
    wanted = sink(chunk);
  };
  if (entry.method === STORED) {
    for (let i = 0; i < body.byteLength && wanted; i += CHUNK) {
      take(body.subarray(i, i + CHUNK));
      await budget.pause();
    }
    return;
  }
  const inflater = new Inflate((chunk) => take(chunk));
  try {
    for (let i = 0; wanted; i += CHUNK) {
      const last = i + CHUNK >= body.byteLength;
      inflater.push(body.subarray(i, i + CHUNK), last);
      if (last) break;
      await budget.pause();
    }
  } catch (e) {
    if (e instanceof WorkbookError) throw e;
    throw notXlsx(); // corrupt deflate data
  }
  if (wanted && produced !== entry.size) throw notXlsx();
}

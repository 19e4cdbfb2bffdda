/**
 * The open workbook as .xlsx bytes, for the archive copy that goes with a submission: Office's getFileAsync in
 * compressed form, read slice by slice (≤ 4 MB each), and the file always closed again (Office allows only a few
 * open file handles; one left open blocks the next export).
 */

/** The slice size Office accepts at most. */
export const MAX_SLICE_BYTES = 4 * 1024 * 1024;

/** The subset of Office.Document used here (tests and the fake host provide it). */
export interface FileSource {
  getFileAsync(
    fileType: Office.FileType,
    options: { sliceSize: number },
    callback: (result: Office.AsyncResult<Office.File>) => void,
  ): void;
}

export class FileTooLargeError extends Error {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`workbook is ${size} bytes, over the limit of ${limit}`);
  }
}

function asPromise<T>(start: (cb: (r: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    start((r) =>
      r.status === Office.AsyncResultStatus.Succeeded
        ? resolve(r.value)
        : reject(r.error ?? new Error('Office async call failed')),
    ),
  );
}

function closeFile(file: Office.File): Promise<void> {
  return new Promise((resolve) => file.closeAsync(() => resolve()));
}

/** Reads the whole workbook; refuses (after closing the file) when it is larger than `maxBytes`. */
export async function exportWorkbook(
  doc: FileSource,
  maxBytes: number,
  sliceSize = MAX_SLICE_BYTES,
): Promise<Uint8Array> {
  const file = await asPromise<Office.File>((cb) =>
    doc.getFileAsync(Office.FileType.Compressed, { sliceSize: Math.min(sliceSize, MAX_SLICE_BYTES) }, cb),
  );
  try {
    if (file.size > maxBytes) throw new FileTooLargeError(file.size, maxBytes);
    const out = new Uint8Array(file.size);
    let offset = 0;
    for (let i = 0; i < file.sliceCount; i++) {
      const slice = await asPromise<Office.Slice>((cb) => file.getSliceAsync(i, cb));
      const data = slice.data as ArrayLike<number>;
      if (offset + data.length > out.length) throw new Error('workbook slices exceed the announced file size');
      out.set(data, offset);
      offset += data.length;
    }
    return offset === out.length ? out : out.subarray(0, offset);
  } finally {
    await closeFile(file);
  }
}

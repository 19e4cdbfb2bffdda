/** Reading a report file for the CLI: the kind comes from the file name; reading is the report core's. */
import { readFile } from 'node:fs/promises';
import { type InputOptions, InputError, inputKind, type LoadedReport, loadReport } from '../report/input';
import { pdfMessage } from '../report/input/pdf';
import { UsageError } from './io';

export async function loadReportFile(path: string, opts: InputOptions = {}): Promise<LoadedReport> {
  const kind = inputKind(path);
  if (!kind && /\.pdf$/i.test(path))
    throw new UsageError(pdfMessage(await readFile(path).catch(() => new Uint8Array())));
  if (!kind) {
    throw new UsageError({
      zh: `无法识别的文件类型：${path}（支持 .xlsx、.json、.txt、.html、.docx）`,
      en: `Unknown file type: ${path} (use .xlsx, .json, .txt, .html or .docx)`,
    });
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError({
      zh: code === 'ENOENT' ? `找不到文件：${path}` : `无法读取文件 ${path}：${code ?? (e as Error).message}`,
      en: code === 'ENOENT' ? `No such file: ${path}` : `Cannot read ${path}: ${code ?? (e as Error).message}`,
    });
  }
  try {
    return await loadReport(bytes, kind, opts);
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.bilingual);
    throw e;
  }
}

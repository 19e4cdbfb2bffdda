/**
 * Reading a report file for the CLI: the kind comes from the file name, the file is read within its bounds (./files),
 * the report by the report core.
 */
import { type InputOptions, InputError, inputKind, type LoadedReport, loadReport } from '../report/input';
import { pdfMessage } from '../report/input/pdf';
import { readInputFile, readRegularFile } from './files';
import { UsageError } from './io';

/** What the PDF message looks at (whether the file names fonts: a text layer). */
const PDF_HEAD_BYTES = 8 * 1024 * 1024;

export async function loadReportFile(path: string, opts: InputOptions = {}): Promise<LoadedReport> {
  const kind = inputKind(path);
  if (!kind && /\.pdf$/i.test(path))
    throw new UsageError(pdfMessage(await readRegularFile(path, PDF_HEAD_BYTES, { head: true })));
  if (!kind) {
    throw new UsageError({
      zh: `无法识别的文件类型：${path}（支持 .xlsx、.json、.txt、.html、.docx）`,
      en: `Unknown file type: ${path} (use .xlsx, .json, .txt, .html or .docx)`,
    });
  }
  const bytes = await readInputFile(path, kind);
  try {
    return await loadReport(bytes, kind, opts);
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.bilingual);
    throw e;
  }
}

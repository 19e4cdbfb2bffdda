/**
 * Reading a report file for the CLI: the kind comes from the file name, the file is read within its bounds (./files),
 * the report by the report core.
 */
import { type InputOptions, InputError, inputKind, type LoadedReport, loadReport } from '../report/input';
import { pdfMessage } from '../report/input/pdf';
import { readInputFile, readRegularFile } from './files';
import { UsageError } from './io';
import { emptyFile, unknownKind } from './wrongFile';

/** What the PDF message looks at (whether the file names fonts: a text layer). */
const PDF_HEAD_BYTES = 8 * 1024 * 1024;

/** Why a file of a kind the CLI does not read is refused, and what to do (a PDF's advice depends on its content). */
export async function notReadKind(path: string): Promise<UsageError> {
  if (/\.pdf$/i.test(path))
    return new UsageError(pdfMessage(await readRegularFile(path, PDF_HEAD_BYTES, { head: true }), 'cli'));
  return unknownKind(path);
}

export async function loadReportFile(path: string, opts: InputOptions = {}): Promise<LoadedReport> {
  const kind = inputKind(path);
  if (!kind) throw await notReadKind(path);
  const bytes = await readInputFile(path, kind);
  if (bytes.length === 0) throw emptyFile(path);
  try {
    return await loadReport(bytes, kind, { pdfAdvice: 'cli', ...opts });
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.bilingual);
    throw e;
  }
}

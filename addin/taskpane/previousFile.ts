/**
 * Last year's report from a file: where the repository has none (the first year of use), a person picks last year's
 * published page, its text or Word document, and the YEAR-* rules compare against it. The file is read by the
 * importer's own bundle (addin/importer), the same reader as the CLI and the server; the repairs it offers (a run of
 * figures split more than one way, the 2019 （六） row) are listed and applied one by one by the same pure function.
 */
import { MAX_BODY_BYTES } from '../../contract/limits';
import type { PreviousImporter } from '../importer/reader';
import type { PaneController } from './controller';
import { errorDetail, reportingYear } from './paneDeps';
import { formatBytes, withDetail } from './i18n';
import type { PreviousState } from './state';

export class PreviousFileFlow {
  constructor(
    private readonly pane: PaneController,
    private readonly load: () => Promise<PreviousImporter>,
  ) {}

  /** The year of the report wanted: the year before the workbook's report (or before the reporting year). */
  targetYear(): number {
    return (this.pane.state.report?.year ?? reportingYear(this.pane.now())) - 1;
  }

  /** Reads a picked file (its size checked before its bytes are read) and, if it is last year's report, uses it. */
  async read(file: { readonly name: string; readonly size: number; bytes(): Promise<Uint8Array> }): Promise<void> {
    const year = this.targetYear();
    if (file.size > MAX_BODY_BYTES) {
      this.pane.notify('error', {
        key: 'previousFileTooLarge',
        vars: { name: file.name, size: formatBytes(file.size), limit: formatBytes(MAX_BODY_BYTES) },
      });
      return;
    }
    const before = this.pane.state.previous;
    this.pane.store.update({ previous: { status: 'loading', year } });
    const restore = () => this.pane.store.update({ previous: before });
    try {
      const importer = await this.load();
      const read = await importer.readPreviousFile(file.name, await file.bytes(), year);
      if (!read.ok) {
        restore();
        this.pane.notify('error', withDetail('previousFileUnreadable', read.message, { name: file.name }));
        return;
      }
      if (read.report.year !== year) {
        restore();
        this.pane.notify('warning', {
          key: 'previousFileYear',
          vars: { name: file.name, found: read.report.year ?? '?', year },
        });
        return;
      }
      this.pane.previousYear.use({
        status: 'found',
        year,
        report: read.report,
        file: { name: file.name, findings: read.findings.filter((f) => f.severity !== 'info') },
      });
    } catch (e) {
      restore();
      this.pane.notify('error', { key: 'previousFileFailed', vars: { name: file.name, detail: errorDetail(e) } });
    }
  }

  /** Applies one repair the file's findings offer (R1, R2 …): its figures go into last year's report. */
  async applyRepair(id: string): Promise<void> {
    const prev = this.pane.state.previous;
    if (prev.status !== 'found' || !prev.file) return;
    const importer = await this.load();
    const { report, findings } = importer.applyRepairs(prev.report, prev.file.findings, [id]);
    const next: PreviousState = { ...prev, report, file: { ...prev.file, findings } };
    this.pane.previousYear.use(next);
  }

  /** Forgets the file (the repository's report, if any, is looked up again). */
  clear(): void {
    this.pane.previousYear.use({ status: 'none' });
  }
}

/**
 * Last year's report from the repository, which the YEAR-* rules compare against, and where this year's report
 * stands with its office: each loaded once per agency and year, and again after a sign-in or sign-out. A file the
 * person picked (previousFile.ts) stands in for last year's report until the repository has it.
 */
import type { Report } from '../../report/model/types';
import type { PaneController } from './controller';
import { errorDetail } from './paneDeps';
import type { PreviousState } from './state';

export class PreviousYearFlow {
  private previousKey: string | null = null;
  private reviewKey: string | null = null;

  constructor(private readonly pane: PaneController) {}

  /**
   * Last year's report as the person gave it (from a file, or none to look it up again): the YEAR-* rules compare
   * against it at once; the repository's report for that year, if found later, takes its place.
   */
  use(previous: PreviousState): void {
    const pane = this.pane;
    this.previousKey = previous.status === 'none' ? null : `${pane.state.session?.agency ?? ''}|${previous.year}`;
    pane.store.update({ previous });
    pane.reevaluate();
    if (previous.status === 'none' && pane.state.report) this.ensure(pane.state.report);
  }

  /** Loads last year's report for the YEAR-* rules when the agency and year are known (once per pair). */
  ensure(report: Report): void {
    const agency = this.pane.state.session?.agency;
    if (!agency || report.year === null) return;
    this.ensureReview(agency, report.year);
    if (`${agency}|${report.year - 1}` === this.previousKey) return;
    void this.load(agency, report.year - 1).then(() => this.pane.reevaluate());
  }

  /** The session changed: what was loaded belonged to the one before. */
  forget(): void {
    this.previousKey = null;
    this.reviewKey = null;
  }

  /** Loads where this year's report stands with its office (once per agency and year; a failure is not shown). */
  private ensureReview(agency: string, year: number): void {
    const key = `${agency}|${year}`;
    if (key === this.reviewKey) return;
    this.reviewKey = key;
    this.pane.api.reviewStatus(agency, year).then(
      (status) => this.pane.store.update({ review: status ? { year, status } : null }),
      () => this.pane.store.update({ review: null }),
    );
  }

  /** Loads the agency's report of that year from the repository (and marks the pair as loaded). */
  async load(agency: string, year: number): Promise<PreviousState> {
    const pane = this.pane;
    this.previousKey = `${agency}|${year}`;
    const picked = pane.state.previous;
    pane.store.update({ previous: { status: 'loading', year } });
    let previous: PreviousState;
    try {
      const found = await pane.api.latestReport(agency, year);
      previous = found ? { status: 'found', year, report: found.report } : { status: 'absent', year };
    } catch (e) {
      previous = { status: 'error', year };
      pane.notify('warning', { key: 'previousFailed', vars: { detail: errorDetail(e) } });
    }
    // A file the person picked for that year stays, unless the repository has the report itself.
    if (previous.status !== 'found' && picked.status === 'found' && picked.file && picked.year === year)
      previous = picked;
    pane.store.update({ previous });
    return previous;
  }
}

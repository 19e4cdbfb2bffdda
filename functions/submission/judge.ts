/**
 * What a submission reads before it stores anything: the report and its year, then the report judged against the
 * agency's published report of the year before and its registered profile. Errors and unconfirmed warnings refuse it
 * here (HttpError); nothing in this file writes.
 */
import type { LoadedReport } from '../../report/input';
import type { Finding, Report } from '../../report/model/types';
import { validate } from '../../report/rules';
import type { PublishOn } from '../../contract/registry';
import type { Principal } from '../http/auth';
import { HttpError } from '../http/errors';
import { requireYearOver } from '../http/request';
import { repositoryContext } from '../review/consolidation';
import { publishedVersion, versionContent } from '../store';
import { locate, readSubmission, unconfirmedWarnings, type SubmissionInput } from './input';

export interface ReadReport {
  readonly loaded: LoadedReport;
  readonly year: number;
}

export interface Judgement {
  readonly report: Report;
  readonly year: number;
  readonly findings: Finding[];
  /** The registered official name, which it is published under (AGENCY-NAME when the report says otherwise). */
  readonly registeredName?: string;
  /** Its office's setting: public on submission, or once accepted (通过). */
  readonly publishOn: PublishOn;
}

/** Reads the report and its year (the year names the partition a retry looks in for its version). */
export async function readReport(s: {
  principal: Principal;
  agency: string;
  input: SubmissionInput;
  yearHint?: number;
}): Promise<ReadReport> {
  // The token's agency name fills a report that does not state its agency (published text often has no title).
  const ownName = s.principal.agency === s.agency ? s.principal.agencyName : undefined;
  const loaded = await readSubmission(s.input, {
    ...(s.yearHint ? { year: s.yearHint } : {}),
    ...(ownName ? { agency: ownName } : {}),
  });
  const report = loaded.report;
  if (report.year === null) throw new HttpError('E-YEAR-MISSING');
  if (s.yearHint !== undefined && report.year !== s.yearHint) {
    throw new HttpError('E-YEAR-MISMATCH', {
      zh: `${s.yearHint} ≠ ${report.year}`,
      en: `${s.yearHint} ≠ ${report.year}`,
    });
  }
  const year = report.year;
  requireYearOver(year);
  return { loaded, year };
}

/**
 * Validates the report against the agency's published report of the year before; errors and unconfirmed warnings
 * refuse it (HttpError). Reads only.
 */
export async function judge(agency: string, read: ReadReport, input: SubmissionInput): Promise<Judgement> {
  const { loaded, year } = read;
  const report = loaded.report;
  const [prev, registry] = await Promise.all([publishedVersion(agency, year - 1), repositoryContext(agency, year)]);
  const previous = prev && prev !== 'withdrawn' ? (await versionContent(prev.meta)).report : undefined;
  const findings = locate(
    validate(report, {
      previous,
      inputFindings: loaded.findings,
      registeredName: registry.name,
      consolidated: registry.consolidated,
    }),
    loaded,
  );
  if (findings.some((f) => f.severity === 'error')) throw new HttpError('E-REPORT-ERRORS', undefined, { findings });
  const unconfirmed = unconfirmedWarnings(findings, input.confirmation);
  if (unconfirmed.length > 0) {
    const list = unconfirmed.join(',');
    throw new HttpError(
      'E-CONFIRM-WARNINGS',
      { zh: list, en: list },
      {
        findings,
        unconfirmed,
        hint: {
          zh: `核实这些警告后，带上确认重新提交：请求头 X-Confirm-Warnings: ${list}（或 all）；命令行 --confirm-warnings ${list}`,
          en: `Once you have checked these warnings, submit again confirming them: header X-Confirm-Warnings: ${list} (or all); CLI --confirm-warnings ${list}`,
        },
      },
    );
  }
  return {
    report,
    year,
    findings,
    ...(registry.name ? { registeredName: registry.name } : {}),
    publishOn: registry.record?.publishOn ?? 'submission',
  };
}

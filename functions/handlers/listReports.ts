/**
 * GET /reports?year=Y — an agency: its own report for the year; an admin: every known agency, submitted or not
 * (or one, with &agency=). Known: registered by the admin tool, or with a version in the year or the year before
 * (who reported last year is expected this year). The year defaults to last year (the reports due now).
 */
import { publicationAnswer, versionSummary } from '../answers';
import { requireReader } from '../access';
import { requirePrincipal } from '../http/auth';
import { apiHandler } from '../http/handler';
import { parseAgency, parseYear, query } from '../http/request';
import { json } from '../http/response';
import { HttpError } from '../http/errors';
import { mapLimit, reportState } from '../publishing';
import { latestVersionsOfYear, listAgencies } from '../store';

export const handler = apiHandler('listReports', async (event) => {
  const principal = requirePrincipal(event);
  const yearText = query(event, 'year');
  const year = yearText !== undefined ? parseYear(yearText) : new Date().getFullYear() - 1;
  const requested = query(event, 'agency');

  if (principal.admin && requested === undefined) {
    const [latest, lastYear, agencies] = await Promise.all([
      latestVersionsOfYear(year),
      latestVersionsOfYear(year - 1),
      listAgencies(),
    ]);
    const names = new Map<string, string | null>([...lastYear.values()].map((m) => [m.agency, m.agencyName]));
    for (const a of agencies) if (a.agencyName || !names.get(a.agency)) names.set(a.agency, a.agencyName);
    const ids = [...new Set([...names.keys(), ...latest.keys()])].sort();
    const reports = await mapLimit(ids, 16, async (agency) => {
      if (!latest.has(agency)) return { agency, agencyName: names.get(agency) ?? null, submitted: false };
      const state = await reportState(agency, year);
      const meta = state.latest ?? latest.get(agency)!;
      return {
        agency,
        agencyName: meta.agencyName,
        submitted: true,
        latest: versionSummary(meta),
        publication: publicationAnswer(state.publication, state.decision),
        review: state.review,
      };
    });
    const submitted = reports.filter((r) => r.submitted).length;
    return json(200, { year, submitted, notSubmitted: reports.length - submitted, reports });
  }

  const agency = requested !== undefined ? parseAgency(requested) : principal.agency;
  if (!agency) throw new HttpError('E-AUTH-AGENCY');
  await requireReader(principal, agency);
  const state = await reportState(agency, year);
  const report = state.latest
    ? {
        agency,
        agencyName: state.latest.agencyName,
        submitted: true,
        latest: versionSummary(state.latest),
        publication: publicationAnswer(state.publication, state.decision),
        review: state.review,
      }
    : {
        agency,
        agencyName: principal.agency === agency ? (principal.agencyName ?? null) : null,
        submitted: false,
        review: state.review,
      };
  return json(200, {
    year,
    submitted: report.submitted ? 1 : 0,
    notSubmitted: report.submitted ? 0 : 1,
    reports: [report],
  });
});

/**
 * GET /reports?year=Y — an agency: its own report for the year; an admin: every known agency, submitted or not, a
 * page at a time (&limit=, &cursor= from the page before), or one with &agency=. Known: registered by the admin tool,
 * or with a version in the year or the year before (who reported last year is expected this year; store/
 * knownAgencies.ts). The year defaults to last year (the reports due now).
 */
import { REPORT_LIST_PAGE, type ReportList, type ReportListEntry } from '../../contract/answers';
import { publicationAnswer, versionSummary } from '../answers';
import { requireReader } from '../access';
import { requirePrincipal } from '../http/auth';
import { apiHandler } from '../http/handler';
import { parseAgency, parseLimit, parseYear, query } from '../http/request';
import { json } from '../http/response';
import { HttpError } from '../http/errors';
import { mapLimit, reportSummary } from '../publishing';
import { KnownCursorError, knownAgencyPage, lastSubmittedName, type KnownAgencyPage } from '../store';

const counted = (year: number, reports: ReportListEntry[], next?: string): ReportList => {
  const submitted = reports.filter((r) => r.submitted).length;
  return { year, submitted, notSubmitted: reports.length - submitted, reports, ...(next ? { next } : {}) };
};

export const handler = apiHandler('listReports', async (event) => {
  const principal = requirePrincipal(event);
  const yearText = query(event, 'year');
  const year = yearText !== undefined ? parseYear(yearText) : new Date().getFullYear() - 1;
  const requested = query(event, 'agency');

  if (principal.admin && requested === undefined) {
    const limit = parseLimit(query(event, 'limit'), REPORT_LIST_PAGE);
    const cursor = query(event, 'cursor');
    let page: KnownAgencyPage;
    try {
      page = await knownAgencyPage(year, { limit, ...(cursor ? { cursor } : {}) });
    } catch (e) {
      if (e instanceof KnownCursorError)
        throw new HttpError('E-PARAM-INVALID', { zh: 'cursor 无效', en: 'invalid cursor' });
      throw e;
    }
    const reports = await mapLimit(page.agencies, 16, async (known): Promise<ReportListEntry> => {
      const { agency } = known;
      if (!known.submitted) {
        // The registered name wins; else the one its report of the year before was submitted under.
        const agencyName = known.registeredName ?? (await lastSubmittedName(agency, year - 1));
        return { agency, agencyName, submitted: false };
      }
      const state = await reportSummary(agency, year);
      // The index lists versions the table holds; were none read (a version removed since), it shows as not submitted.
      if (!state.latest) return { agency, agencyName: known.registeredName ?? null, submitted: false };
      return {
        agency,
        agencyName: state.latest.agencyName,
        submitted: true,
        latest: versionSummary(state.latest),
        publication: publicationAnswer(state.publication, state.decision),
        review: state.review,
      };
    });
    return json(200, counted(year, reports, page.next));
  }

  const agency = requested !== undefined ? parseAgency(requested) : principal.agency;
  if (!agency) throw new HttpError('E-AUTH-AGENCY');
  await requireReader(principal, agency);
  const state = await reportSummary(agency, year);
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
  return json(200, counted(year, [report]));
});

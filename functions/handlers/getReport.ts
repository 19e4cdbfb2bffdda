/**
 * GET /reports/{agency}/{year} — the latest version with its report and findings, what the public sees, and its review
 * status (a return's reason and cell comments) with every transition.
 */
import { publicationAnswer, versionSummary } from '../answers';
import { requireReader } from '../access';
import { requirePrincipal } from '../http/auth';
import { HttpError } from '../http/errors';
import { apiHandler } from '../http/handler';
import { reportParams } from '../http/request';
import { json } from '../http/response';
import { reportState } from '../publishing';
import { transitionAnswer } from '../review/state';
import { versionContent } from '../store';
import { publishedUrl } from '../urls';

export const handler = apiHandler('getReport', async (event) => {
  const principal = requirePrincipal(event);
  const { agency, year } = reportParams(event);
  await requireReader(principal, agency);
  const state = await reportState(agency, year);
  if (!state.latest)
    throw new HttpError('E-NOT-FOUND', {
      zh: `${agency} ${year} 年度尚未报送`,
      en: `nothing submitted for ${agency} ${year}`,
    });
  const { report, findings } = await versionContent(state.latest);
  return json(200, {
    ...versionSummary(state.latest),
    report,
    findings,
    publication: publicationAnswer(state.publication, state.decision),
    review: state.review,
    reviews: state.head.reviews.map(transitionAnswer),
    publishedUrl: publishedUrl(event, agency, year),
  });
});

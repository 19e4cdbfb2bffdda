/**
 * GET /reports/{agency}/{year} — the latest version with its report and findings, what the public sees, and its review
 * status (a return's reason and cell comments) with every transition. With no version, 404 carries the review status
 * (未报送, or 无需报送 with its reason), so the clerk sees a filing of nothing to report. Reads the latest version, the
 * transitions and the latest decision, not the other versions.
 */
import { publicationAnswer, versionSummary } from '../answers';
import { requireReader } from '../access';
import { requirePrincipal } from '../http/auth';
import { HttpError } from '../http/errors';
import { apiHandler } from '../http/handler';
import { reportParams } from '../http/request';
import { json } from '../http/response';
import { stateOfHead } from '../publishing';
import { transitionAnswer } from '../review/state';
import { latestHead, versionContent } from '../store';
import { publishedUrl } from '../urls';

export const handler = apiHandler('getReport', async (event) => {
  const principal = requirePrincipal(event);
  const { agency, year } = reportParams(event);
  await requireReader(principal, agency);
  const state = stateOfHead(await latestHead(agency, year, { content: true }));
  if (!state.latest)
    throw new HttpError(
      'E-NOT-FOUND',
      state.review.state === 'nothing'
        ? { zh: `${agency} ${year} 年度已登记无需报送`, en: `${agency} filed nothing to report for ${year}` }
        : { zh: `${agency} ${year} 年度尚未报送`, en: `nothing submitted for ${agency} ${year}` },
      { review: state.review },
    );
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

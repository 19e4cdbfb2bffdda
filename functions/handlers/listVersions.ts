/** GET /reports/{agency}/{year}/versions — every version (who, when, what was sent), oldest first. */
import { publicationAnswer, versionSummary } from '../answers';
import { requireReader } from '../access';
import { requirePrincipal } from '../http/auth';
import { HttpError } from '../http/errors';
import { apiHandler } from '../http/handler';
import { reportParams } from '../http/request';
import { json } from '../http/response';
import { reportState } from '../publishing';

export const handler = apiHandler('listVersions', async (event) => {
  const principal = requirePrincipal(event);
  const { agency, year } = reportParams(event);
  await requireReader(principal, agency);
  const state = await reportState(agency, year);
  const versions = state.head.versions;
  if (versions.length === 0)
    throw new HttpError('E-NOT-FOUND', {
      zh: `${agency} ${year} 年度尚未报送`,
      en: `nothing submitted for ${agency} ${year}`,
    });
  return json(200, {
    agency,
    year,
    versions: versions.map(versionSummary),
    publication: publicationAnswer(state.publication, state.decision),
    review: state.review,
  });
});

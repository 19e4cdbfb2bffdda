/**
 * GET /reports/{agency}/{year}/versions[?limit=N][&cursor=C] — a page of the versions (who, when, what was sent),
 * newest first (contract VERSION_PAGE; `next` asks for older ones), with what is public and the review state. What
 * it reads does not grow with the report's history: the page, and the ends of the partition (reportSummary).
 */
import { VERSION_PAGE, type VersionList } from '../../contract/answers';
import { publicationAnswer, versionSummary } from '../answers';
import { requireReader } from '../access';
import { requirePrincipal } from '../http/auth';
import { HttpError } from '../http/errors';
import { apiHandler } from '../http/handler';
import { parseLimit, query, reportParams } from '../http/request';
import { json } from '../http/response';
import { reportSummary } from '../publishing';
import { CursorError, versionCursor, versionPage } from '../store';

export const handler = apiHandler('listVersions', async (event) => {
  const principal = requirePrincipal(event);
  const { agency, year } = reportParams(event);
  const limit = parseLimit(query(event, 'limit'), VERSION_PAGE);
  const cursor = query(event, 'cursor');
  let before: number | undefined;
  try {
    before = cursor === undefined ? undefined : versionCursor(cursor);
  } catch (e) {
    if (e instanceof CursorError) throw new HttpError('E-PARAM-INVALID', { zh: 'cursor 无效', en: 'invalid cursor' });
    throw e;
  }
  await requireReader(principal, agency);
  const [page, state] = await Promise.all([
    versionPage(agency, year, { limit, ...(before !== undefined ? { before } : {}) }),
    reportSummary(agency, year),
  ]);
  if (!state.latest)
    throw new HttpError('E-NOT-FOUND', {
      zh: `${agency} ${year} 年度尚未报送`,
      en: `nothing submitted for ${agency} ${year}`,
    });
  const answer: VersionList = {
    agency,
    year,
    versions: page.versions.map(versionSummary),
    publication: publicationAnswer(state.publication, state.decision),
    review: state.review,
    ...(page.next ? { next: page.next } : {}),
  };
  return json(200, answer);
});

/** GET /reports/{agency}/{year}/versions/{version} — one version with its report and findings. */
import { versionSummary } from '../answers';
import { requireReader } from '../access';
import { requirePrincipal } from '../http/auth';
import { HttpError } from '../http/errors';
import { apiHandler } from '../http/handler';
import { parseVersion, reportParams } from '../http/request';
import { json } from '../http/response';
import { getVersion, versionContent } from '../store';

export const handler = apiHandler('getVersion', async (event) => {
  const principal = requirePrincipal(event);
  const { agency, year } = reportParams(event);
  const version = parseVersion(event.pathParameters?.version);
  await requireReader(principal, agency);
  const meta = await getVersion(agency, year, version);
  if (!meta)
    throw new HttpError('E-NOT-FOUND', {
      zh: `${agency} ${year} 第 ${version} 版`,
      en: `${agency} ${year} version ${version}`,
    });
  const { report, findings } = await versionContent(meta);
  return json(200, { ...versionSummary(meta), report, findings });
});
